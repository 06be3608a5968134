#!/usr/bin/env python
"""Fixed points and minimal trap spaces on the Biodivine Boolean Models collection: AEON's
symbolic engines (the default) against the prime-implicant path (pyboolnet), in one run.

Each `.bnet` file of the pinned copy (tests/data/bbm/models.tar.xz) is loaded by boolmtor, then
`bm.attractors(model, update=...)` is timed with `engine="aeon"` and `engine="pyboolnet"`
(prime implicants by BNetToPrime, then pyboolnet's ASP), for "fixed-points" and
"most-permissive", each run on a freshly loaded model (so the prime-implicant runs include
computing the primes, as today's path did). One worker process serves the models; a model
still running after --timeout seconds is stopped by killing the worker (and a BNetToPrime it
started) and the next model gets a new one. The counts of both engines are checked equal when
both finish. Writes JSON (every model) and prints a summary with the machine.

    python benchmarks/bench_fixed_points.py --timeout 60 --out benchmarks/results/fixed_points.json
    python benchmarks/bench_fixed_points.py --models 40 --timeout 20   # a quicker sample
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "tests" / "data" / "bbm" / "models.tar.xz"
UPDATES = ("fixed-points", "most-permissive")
ENGINES = ("aeon", "pyboolnet")

CHILD = r"""
import json, sys, time, warnings
warnings.simplefilter("ignore")
import boolmtor as bm
for path in sys.stdin:
    print(json.dumps({"nodes": len(bm.load_model(path.strip()).nodes)}), flush=True)
    for engine in ("aeon", "pyboolnet"):
        for update in ("fixed-points", "most-permissive"):
            model = bm.load_model(path.strip())  # fresh: no primes cached from the last run
            t = time.perf_counter()
            n = len(bm.attractors(model, update=update, engine=engine))
            print(json.dumps({"engine": engine, "update": update, "count": n,
                              "seconds": time.perf_counter() - t}), flush=True)
    print(json.dumps({"done": True}), flush=True)
"""


class Worker:
    """One Python process that times models sent to it; killed (with a BNetToPrime it started)
    and restarted when a model runs past the timeout."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, bufsize=1, start_new_session=True,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def run(self, path: Path, timeout: float) -> dict:
        """Times of one model (what finished before the timeout)."""
        self.proc.stdin.write(f"{path}\n")
        self.proc.stdin.flush()
        result: dict = {"timed_out": False, "runs": {}}
        end, pending = time.monotonic() + timeout, ""
        fd = self.proc.stdout.fileno()
        while True:
            if "\n" not in pending:  # raw reads: select never misses buffered lines
                left = max(0.0, end - time.monotonic())
                if not select.select([fd], [], [], left)[0]:
                    result["timed_out"] = True
                    self.kill()
                    self.__init__()
                    return result
                chunk = os.read(fd, 1 << 16).decode()
                if not chunk:  # the worker died (e.g. out of memory)
                    result["crashed"] = True
                    self.__init__()
                    return result
                pending += chunk
                continue
            line, pending = pending.split("\n", 1)
            row = json.loads(line)
            if "done" in row:
                return result
            if "nodes" in row:
                result["nodes"] = row["nodes"]
            else:
                result["runs"][f"{row['engine']} {row['update']}"] = (row["count"],
                                                                      row["seconds"])


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, biodivine-aeon {version('biodivine-aeon')}, "
            f"pyboolnet {version('pyboolnet')}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=60.0,
                    help="seconds per model for all four runs (default 60)")
    ap.add_argument("--out", type=Path, default=None, help="write every model's figures here")
    ap.add_argument("--models", type=int, default=None,
                    help="time only this many models, evenly spaced in the collection's order")
    args = ap.parse_args()
    rows = {}
    worker = Worker()
    with tarfile.open(ARCHIVE, "r:xz") as tar, tempfile.TemporaryDirectory() as tmp:
        members = sorted((m for m in tar.getmembers() if m.name.endswith(".bnet")),
                         key=lambda m: m.name)
        if args.models is not None and args.models < len(members):
            step = len(members) / args.models
            members = [members[int(i * step)] for i in range(args.models)]
        for i, m in enumerate(members, 1):
            path = Path(tmp) / f"model{i}.bnet"
            path.write_bytes(tar.extractfile(m).read())
            t = time.perf_counter()
            rows[m.name.split("/")[1]] = r = worker.run(path, args.timeout)
            print(f"[{i}/{len(members)}] {m.name.split('/')[1][:60]}: {r.get('nodes')} nodes, "
                  f"{time.perf_counter() - t:.1f} s{' (timeout)' if r['timed_out'] else ''}",
                  file=sys.stderr, flush=True)
    worker.kill()
    summary = {}
    for update in UPDATES:
        a, p = f"aeon {update}", f"pyboolnet {update}"
        both = [r for r in rows.values() if a in r["runs"] and p in r["runs"]]
        mismatch = [n for n, r in rows.items() if a in r["runs"] and p in r["runs"]
                    and r["runs"][a][0] != r["runs"][p][0]]
        ratios = [r["runs"][p][1] / max(r["runs"][a][1], 1e-6) for r in both]
        only_aeon = sum(1 for r in rows.values() if a in r["runs"] and p not in r["runs"])
        summary[update] = {
            "models": len(rows), "aeon_finished": sum(a in r["runs"] for r in rows.values()),
            "both_finished": len(both), "aeon_only": only_aeon, "count_mismatches": mismatch,
            "aeon_total_s": sum(r["runs"][a][1] for r in both),
            "pyboolnet_total_s": sum(r["runs"][p][1] for r in both),
            "ratio_median": statistics.median(ratios) if ratios else None,
            "ratio_min": min(ratios, default=None), "ratio_max": max(ratios, default=None),
        }
    record = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": machine(), "command": " ".join(sys.argv), "timeout_s": args.timeout,
              "summary": summary, "models": rows}
    if args.out:
        args.out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"{record['date']}  {record['machine']}")
    for update, s in summary.items():
        print(f"{update}: {s['both_finished']} of {s['models']} models finished on both engines "
              f"(AEON alone on {s['aeon_only']} more); total {s['aeon_total_s']:.2f} s (AEON) "
              f"vs {s['pyboolnet_total_s']:.2f} s (prime implicants); per-model ratio median "
              f"{s['ratio_median']:.1f}x (min {s['ratio_min']:.2f}x, max {s['ratio_max']:.0f}x);"
              f" count mismatches: {len(s['count_mismatches'])}")
    return 1 if any(s["count_mismatches"] for s in summary.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
