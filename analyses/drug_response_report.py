#!/usr/bin/env python
"""Drug-response report: a backgrounds × drugs heatmap of the change in PROLIFERATION and
APOPTOSIS per environment, the drug-class comparison (rapalog vs TORKinib vs dual PI3K/mTOR vs
AKT inhibitor, with the AKT / mTORC2 / ERK changes) and the combinations (excess over the best
single agent and over Bliss independence, synergy heatmaps). With --confidence, each pair's
synergy call is also judged under the other update schemes and the '# alt:' rule variants.

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.reporting.report import drug_response_report, script_main


def _arguments(parser):
    parser.add_argument("--confidence", action="store_true",
                        help="judge each pair's synergy call under the other update schemes "
                             "and the '# alt:' rule variants (slow)")


def main(argv=None) -> int:
    return script_main("drug_response", lambda model, args: drug_response_report(
        model, confidence=args.confidence), argv, description=__doc__,
        add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
