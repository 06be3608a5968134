#!/usr/bin/env python
"""Validation report: each literature expectation of the model's manifest, what the model
does, pass / fail / known disagreement, and its reference (bm.validate).

Writes index.html (self-contained) and report.md into --out.
"""

import sys

from boolmtor.reporting.report import script_main, validation_report
from boolmtor.types import UPDATE_SCHEMES


def _arguments(parser):
    parser.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous",
                        help="update scheme (default: asynchronous, exact)")


def main(argv=None) -> int:
    return script_main("validation", lambda model, args: validation_report(model,
                                                                           update=args.update),
                       argv, description=__doc__, add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
