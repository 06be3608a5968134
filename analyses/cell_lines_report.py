#!/usr/bin/env python
"""Cell-line panel report: the shipped cell lines (rules/mtor/cell_lines.tsv), their
alterations mapped to the model's genetic backgrounds, a cell lines × drug classes heatmap of
efficacy, and each line's best drugs and pairs with ties stated as ties (bm.predict).

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import cell_line_report, script_main


def main(argv=None) -> int:
    return script_main("cell_lines", lambda model, args: cell_line_report(model), argv,
                       description=__doc__)


if __name__ == "__main__":
    sys.exit(main())
