#!/usr/bin/env python
"""Explorer: one self-contained HTML page (bm.explore) to explore the model's precomputed
conditions by clicking; the report's front page reads its findings from it.

Writes index.html (the explorer) and report.json into --out.
"""

import argparse
import json
import sys
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", metavar="PATH", default=None,
                        help="a .bnet file or a rules folder with model.toml "
                             "(default: the curated mTOR model)")
    parser.add_argument("--out", metavar="DIR", default="reports/explorer",
                        help="output folder (default: reports/explorer)")
    args = parser.parse_args(argv)

    import boolmtor as bm
    from boolmtor.explorer import load_data

    try:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        page = bm.explore(bm.load_model(args.rules), out / "index.html", progress=False)
    except bm.BoolmtorError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    budget = load_data(page)["budget"]
    summary = (f"{budget['computations']:,} conditions computed in {budget['seconds']} s "
               f"({page.stat().st_size / 1e6:.1f} MB, offline)")
    (out / "report.json").write_text(json.dumps({"title": "Explorer (interactive page)",
                                                 "summary": summary}, indent=2))
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
