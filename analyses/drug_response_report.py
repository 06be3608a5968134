#!/usr/bin/env python
"""Drug-response report: a backgrounds × drugs heatmap of the change in PROLIFERATION and
APOPTOSIS per environment, the drug-class comparison (rapalog vs TORKinib vs dual PI3K/mTOR vs
AKT inhibitor, with the AKT / mTORC2 / ERK changes) and the combination table (excess over the
best single agent).

Writes index.html (self-contained), report.md and figures/ into --out.
"""

import sys

from boolmtor.report import drug_response_report, script_main


def main(argv=None) -> int:
    return script_main("drug_response", lambda model, args: drug_response_report(model),
                       argv, description=__doc__)


if __name__ == "__main__":
    sys.exit(main())
