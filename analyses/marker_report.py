#!/usr/bin/env python
"""Marker report: for each drug class, the genetic backgrounds ranked as sensitizing or
resistance markers with their evidence, and each seed biomarker statement of the manifest
([[marker_expectations]]) with whether the model reproduces it. With --confidence, each call
is also judged under the other update schemes and over the model's '# alt:' rule variants.

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import marker_report, script_main


def _arguments(parser):
    parser.add_argument("--threshold", type=float, default=0.1,
                        help="|score| at which a background is a marker (default: 0.1)")
    parser.add_argument("--confidence", action="store_true",
                        help="judge each call under the other update schemes and the '# alt:' "
                             "rule variants (slow: minutes per drug class)")


def main(argv=None) -> int:
    return script_main("marker", lambda model, args: marker_report(
        model, threshold=args.threshold, confidence=args.confidence),
        argv, description=__doc__, add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
