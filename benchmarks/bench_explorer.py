#!/usr/bin/env python
"""The explorer page of the curated model (issue 15): file size and generation time.

Runs `bm.explore(bm.load_model(), OUT)` with the defaults (the budget of
`boolmtor.explorer.DEFAULT_MAX_CONDITIONS` computations, 2 workers) --repeat times, each in a
fresh process state (engine caches emptied), and records the size, the wall time, the
conditions and computations, the machine and the load (`os.getloadavg`, as `uptime` shows it)
before and after each run, and the CPU time of the run (this process and its workers): on a
shared machine the wall time follows the load, the CPU time much less; on 2 idle cores the wall
time is about half the CPU time. Target: under 5 MB and under 30 s on 2 cores.

    python benchmarks/bench_explorer.py [--repeat 1] [--max-conditions N] \
        [--json benchmarks/results/explorer.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import boolmtor as bm
from boolmtor import explorer, weights
from boolmtor._engines import aeon


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"os": f"{platform.system()} {platform.machine()}", "cpu": cpu,
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "biodivine-aeon": version("biodivine-aeon"), "boolmtor": bm.__version__}


def _cpu() -> float:
    """User + system CPU seconds of this process and of its finished child processes: with
    the machine shared, wall time depends on the load, CPU time much less."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--max-conditions", type=int,
                        default=explorer.DEFAULT_MAX_CONDITIONS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="also write the results as JSON")
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            model = bm.load_model()
            aeon._cache.clear()
            weights.clear_cache()
            load_before = os.getloadavg()
            cpu_before = _cpu()
            t = time.perf_counter()
            page = bm.explore(model, Path(tmp) / "explorer.html",
                              max_conditions=args.max_conditions, workers=args.workers,
                              progress=False)
            seconds = time.perf_counter() - t
            cpu = _cpu() - cpu_before
            data = explorer.load_data(page)
            runs.append({"seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
                         "bytes": page.stat().st_size,
                         "conditions": len(data["conditions"]),
                         "computations": data["budget"]["computations"],
                         "tiers": [t for t, _ in data["budget"]["included"]],
                         "load_before": [round(x, 2) for x in load_before],
                         "load_after": [round(x, 2) for x in os.getloadavg()]})
            print(f"run {i + 1}: {seconds:.1f} s wall, {cpu:.1f} s CPU (this process and its "
                  f"workers), {runs[-1]['bytes']:,} bytes, "
                  f"{runs[-1]['conditions']:,} conditions ({runs[-1]['computations']:,} "
                  f"computations), load {load_before[0]:.2f} -> {os.getloadavg()[0]:.2f}")
    result = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "command": " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]),
              "machine": machine(), "max_conditions": args.max_conditions,
              "workers": args.workers, "runs": runs}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result["machine"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
