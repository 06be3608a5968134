#!/usr/bin/env python
"""Loading the Biodivine Boolean Models collection: how many `.bnet` and SBML-qual files load,
what they warn about, and how long loading takes.

Each file of the pinned copy (tests/data/bbm/models.tar.xz) is loaded with `bm.load_model` in
this process, with a time limit per file (SIGALRM); the warnings it gives are counted by kind
(regulators read as free inputs, SBML issues that do not change the model). Writes JSON (every
file) and prints a summary with the machine. tests/test_collection.py checks the same files
against biodivine-aeon's own reading; this script only counts and times.

    python benchmarks/bench_collection.py --timeout 60 --out benchmarks/results/collection.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import sys
import tarfile
import tempfile
import time
import warnings
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boolmtor as bm

ARCHIVE = ROOT / "tests" / "data" / "bbm" / "models.tar.xz"
SUFFIXES = (".bnet", ".sbml")


class Late(Exception):
    """A file took longer than --timeout to load."""


def _late(signum, frame):
    raise Late


def load(path: Path, timeout: float) -> dict:
    """One file: loaded or not (with the error), node count, warnings by kind, seconds."""
    signal.setitimer(signal.ITIMER_REAL, timeout)
    t = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", bm.ModelWarning)
            model = bm.load_model(path)
        row = {"ok": True, "nodes": len(model.nodes), "free_inputs": len(model.free_inputs)}
        kinds = ["free inputs" if "free input" in str(w.message) else "sbml"
                 for w in caught if issubclass(w.category, bm.ModelWarning)]
        row["warnings"] = {k: kinds.count(k) for k in sorted(set(kinds))}
    except Late:
        row = {"ok": False, "error": f"timeout ({timeout:g} s)"}
    except bm.BoolmtorError as exc:
        row = {"ok": False, "error": str(exc)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    row["seconds"] = time.perf_counter() - t
    return row


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, python-libsbml {version('python-libsbml')}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds per file (default 60)")
    ap.add_argument("--out", type=Path, default=None, help="write every file's figures here")
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _late)
    rows: dict[str, dict] = {}
    with tarfile.open(ARCHIVE, "r:xz") as tar, tempfile.TemporaryDirectory() as tmp:
        members = sorted((m for m in tar.getmembers() if m.name.endswith(SUFFIXES)),
                         key=lambda m: m.name)
        for i, m in enumerate(members, 1):
            name = "/".join(m.name.split("/")[-2:])
            path = Path(tmp) / Path(m.name).name
            path.write_bytes(tar.extractfile(m).read())
            rows[name] = r = load(path, args.timeout)
            print(f"[{i}/{len(members)}] {name[:70]}: "
                  f"{r.get('nodes', r.get('error', ''))!s:.80} ({r['seconds']:.2f} s)",
                  file=sys.stderr, flush=True)
    summary = {}
    for suffix in SUFFIXES:
        mine = {n: r for n, r in rows.items() if n.endswith(suffix)}
        ok = [r for r in mine.values() if r["ok"]]
        times = [r["seconds"] for r in ok]
        summary[suffix] = {
            "files": len(mine), "loaded": len(ok),
            "failed": {n: r["error"] for n, r in mine.items() if not r["ok"]},
            "with_free_inputs": sum(1 for r in ok if r["free_inputs"]),
            "with_sbml_warnings": sum(1 for r in ok if r["warnings"].get("sbml")),
            "nodes_median": statistics.median(r["nodes"] for r in ok) if ok else None,
            "nodes_max": max((r["nodes"] for r in ok), default=None),
            "seconds_median": statistics.median(times) if times else None,
            "seconds_max": max(times, default=None), "seconds_total": sum(times),
        }
    record = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "boolmtor": bm.__version__, "command": " ".join(sys.argv),
              "timeout_s": args.timeout, "summary": summary, "files": rows}
    if args.out:
        args.out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"{record['date']}  {record['machine']}")
    for suffix, s in summary.items():
        print(f"{suffix}: {s['loaded']} of {s['files']} load ({len(s['failed'])} fail); "
              f"{s['with_free_inputs']} with regulators read as free inputs, "
              f"{s['with_sbml_warnings']} with SBML warnings; nodes median {s['nodes_median']}, "
              f"max {s['nodes_max']}; load time median {s['seconds_median']:.3f} s, max "
              f"{s['seconds_max']:.2f} s, total {s['seconds_total']:.1f} s")
    return 1 if any(s["failed"] for s in summary.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
