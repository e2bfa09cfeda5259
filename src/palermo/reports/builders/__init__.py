"""Report builders: each turns its parameters into a `Document` (see `reports/document.py`).

One module per kind (`self_assessment`, `parallel_report`, `compliance_matrix`,
`plan_progress`, `annual_report`) defines `build_<kind>(*, user, ..., language)` and registers
its `ReportKind` with `palermo.reports.registry` when imported; the registry imports every
module here. `selectors` holds the reads they share, `permissions` who may generate each.
"""
