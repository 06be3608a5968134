"""Rendering: Markdown/HTML reports, figures and the HTML views of results.

The analyses (attractors, responses, markers, screens) live in the modules one level up; the
modules here only call them and write what they return. `boolmtor.report`,
`boolmtor.drug_report`, `boolmtor.panel_report` and `boolmtor.display` are the old, deprecated
paths of `boolmtor.reporting.report`, `.drug_report`, `.panel_report` and `.display`.
"""
