#!/usr/bin/env python
"""Attractors of the curated mTOR model under every named environment: how long each takes.

For each environment of rules/mtor/model.toml, times (best of --repeat runs, fresh model each
run and engine caches emptied, neither timed) the exact asynchronous attractors, the same with exact basin weights,
and the synchronous attractors; then `bm.validate` over all expectations. Prints a table with
the machine and exits 1 if any single attractor search takes longer than --limit seconds
(issue 3: "its attractors under every named environment come out in seconds").

    python benchmarks/bench_curated.py [--repeat 3] [--limit 5] > benchmarks/results/curated.txt
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import datetime, timezone
from importlib.metadata import version

import boolmtor as bm
from boolmtor import weights
from boolmtor._engines import asynchronous

RUNS = (("asynchronous", dict(update="asynchronous")),
        ("async + weights", dict(update="asynchronous", weights=True)),
        ("synchronous", dict(update="synchronous")))


def best_time(fn, repeat: int):
    """(seconds of the fastest of `repeat` calls of `fn(model)`, the last result).

    Each call gets a freshly loaded model and empty engine caches (not timed), so every run
    is a cold search."""
    best, result = float("inf"), None
    for _ in range(repeat):
        model = bm.load_model()
        asynchronous.clear_cache()
        weights.clear_cache()
        t = time.perf_counter()
        result = fn(model)
        best = min(best, time.perf_counter() - t)
    return best, result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, boolmtor {bm.__version__}, "
            f"biodivine-aeon {version('biodivine_aeon')}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    ap.add_argument("--limit", type=float, default=5.0,
                    help="fail if one attractor search takes longer (seconds)")
    args = ap.parse_args(argv)

    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    t = time.perf_counter()
    model = bm.load_model()
    load = time.perf_counter() - t
    print(f"# Curated mTOR model: attractors per environment ({started})")
    print(f"# machine: {machine()}")
    print(f"# {len(model.nodes)} nodes, {len(model.environments)} environments; best of "
          f"{args.repeat} runs; model load {load:.3f} s")
    print()
    header = f"{'environment':<24}" + "".join(f"{name:>18}" for name, _ in RUNS) + "  attractors"
    print(header)
    print("-" * len(header))
    slowest = 0.0
    for env in model.environments:
        cells, kinds = [], ""
        for name, kwargs in RUNS:
            secs, atts = best_time(
                lambda m: bm.attractors(m, environment=env, **kwargs), args.repeat)
            slowest = max(slowest, secs)
            cells.append(f"{secs * 1000:>15.1f} ms")
            if name == "asynchronous":
                kinds = ", ".join("fixed point" if a.is_fixed_point else f"cycle of {a.size}"
                                  for a in atts)
        print(f"{env:<24}" + "".join(cells) + f"  {kinds}")
    secs, v = best_time(bm.validate, args.repeat)
    c = v.counts()
    print()
    print(f"validate: {len(v.results)} expectations in {secs:.2f} s "
          f"({c['pass']} pass, {c['fail']} fail, {c['known']} known)")
    ok = slowest <= args.limit
    print(f"slowest attractor search {slowest:.3f} s; limit {args.limit:g} s: "
          f"{'ok' if ok else 'TOO SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
