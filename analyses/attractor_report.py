#!/usr/bin/env python
"""Attractor report: for each named environment of the model, its attractors with their
weights and phenotypes, and a node × attractor heatmap (on / off / oscillating).

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import attractor_report, script_main
from boolmtor.types import UPDATE_SCHEMES


def _arguments(parser):
    parser.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous",
                        help="update scheme (default: asynchronous, exact)")


def main(argv=None) -> int:
    return script_main("attractor", lambda model, args: attractor_report(model,
                                                                         update=args.update),
                       argv, description=__doc__, add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
