#!/usr/bin/env python
"""Control report: which interventions control each tumour background. For the wild type and
each background of the manifest, the minimal sets of drugs after which every attractor
reachable from the untreated tumour stops proliferating, or dies (docs/semantics.md,
"Control").

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import control_report, script_main


def _arguments(parser):
    parser.add_argument("--max-size", type=int, default=2,
                        help="largest drug set tried (default: 2)")


def main(argv=None) -> int:
    return script_main("control", lambda model, args: control_report(
        model, max_size=args.max_size), argv, description=__doc__, add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
