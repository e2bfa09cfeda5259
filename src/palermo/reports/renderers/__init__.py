"""Renderers: `render(document, fmt) -> bytes` for html, pdf, docx and xlsx."""
