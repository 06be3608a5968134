#!/usr/bin/env python
"""Model figure: the signed interaction graph laid out in layers and coloured by module, with
feedback loops highlighted, plus the feedback-loop table and the rules with their evidence.

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import model_report, script_main


def main(argv=None) -> int:
    return script_main("model_figure", lambda model, args: model_report(model), argv,
                       description=__doc__)


if __name__ == "__main__":
    sys.exit(main())
