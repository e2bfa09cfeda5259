"""Report builders: each turns its parameters into a `Document` (see `reports/document.py`)."""
