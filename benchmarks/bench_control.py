"""Control (issue 12): `bm.control` against the brute-force screen filter a user would write.

Part 1, curated model, environment growth, goal PROLIFERATION=0, for the wild type and every
background of the manifest:
  - `bm.control(using="nodes", max_size=3)` (start="untreated": enumeration with percolation,
    the reduced-network cache and reachability only where needed), the same with
    start="global" (AEON symbolic control), and `using="drugs", max_size=3`;
  - sets of size <= 2: `bm.screen(order=2)` filtered to the rows with PROLIFERATION 0 in every
    attractor, reduced to the minimal ones (what a user writes today), against
    `bm.control(max_size=2, start="global")`, the sets checked equal, ratio in the same run;
  - size 3, which `bm.screen` cannot do: a loop of `bm.attractors` over a seeded sample of
    the triples, extrapolated to every set of at most 3 alterations.
Part 2, pyboolnet's grieco_mapk (53 nodes), EGFR stimulus only, goal Proliferation=0: the
same comparisons, control under a time limit.

    python benchmarks/bench_control.py [--sample 100] [--grieco-sample 10] [--out DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import boolmtor as bm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_screen import load, machine  # noqa: E402


CPU: dict[str, float] = {}
"""CPU seconds of this process for the last `timed` call (the machine is shared: wall-clock
time depends on the load, CPU time much less)."""


def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    CPU["last"] = time.process_time() - c
    return out, time.perf_counter() - t


def screen_filter(model, env, bg, goal, nodes):
    """What a user writes today: a pair screen, rows meeting the goal, minimal ones kept."""
    (node, value), = goal.items()
    table = bm.screen(model, order=2, nodes=nodes, backgrounds=[bg] if bg else [],
                      environments=[env], progress=False)
    rows = table[(table.background == (bg or "none")) & (table[node] == float(value))]
    working = {frozenset([f"{n} KO" for n in r.knockout.split(";") if n]
                         + [f"{n} OE" for n in r.overexpress.split(";") if n])
               for r in rows.itertuples()}
    return {s for s in working if not any(t < s for t in working)}


def triple_loop(model, env, bg, goal, nodes, sample, seed=0):
    """CPU seconds per triple of a `bm.attractors` loop over a seeded sample of triples."""
    rng = random.Random(seed)
    triples = list(itertools.combinations(nodes, 3))
    picks = [(t, tuple(rng.randint(0, 1) for _ in t)) for t in rng.sample(triples, sample)]
    base = bm.Perturbation(backgrounds=[bg] if bg else [])
    t0 = time.process_time()
    for t, values in picks:
        p = base + bm.Perturbation(knockout=[n for n, v in zip(t, values) if v == 0],
                                   overexpress=[n for n, v in zip(t, values) if v == 1])
        atts = bm.attractors(model, environment=env, perturbation=p)
        all(a.fixed.get(n) == v for a in atts for n, v in goal.items())
    return (time.process_time() - t0) / sample


def n_sets(n_nodes: int, max_size: int) -> int:
    """Sets of at most `max_size` alterations (KO or OE) on distinct nodes."""
    return sum(math.comb(n_nodes, k) * 2 ** k for k in range(max_size + 1))


def one_tumour(model, env, bg, goal, sample, timeout=None):
    nodes = [n for n in model.nodes if n not in model.inputs and n not in goal]
    row = {"background": bg or "wild type", "nodes": len(nodes),
           "sets_up_to_3": n_sets(len(nodes), 3)}
    for key, kwargs in (("control_nodes_3_untreated", dict(using="nodes", max_size=3)),
                        ("control_nodes_3_global", dict(using="nodes", max_size=3,
                                                        start="global")),
                        ("control_drugs_3", dict(using="drugs", max_size=3))):
        if kwargs["using"] == "drugs" and not model.drugs:
            continue
        try:
            r, secs = timed(lambda: bm.control(model, goal, environment=env, background=bg,
                                               timeout=timeout, **kwargs))
            row[key] = {"seconds": secs, "cpu_seconds": CPU["last"], "sets": len(r),
                        "method": r.method,
                        "stats": dict(r.stats)}
        except bm.TimeoutExceeded:
            row[key] = {"seconds": None, "timeout": timeout}
    expected, s_secs = timed(lambda: screen_filter(model, env, bg, goal, nodes))
    s_cpu = CPU["last"]
    found, c_secs = timed(lambda: bm.control(model, goal, environment=env, background=bg,
                                             using="nodes", max_size=2, start="global"))
    assert {frozenset(s.elements) for s in found} == expected, bg
    row["size_2"] = {"screen_filter_seconds": s_secs, "control_seconds": c_secs,
                     "ratio": s_secs / c_secs, "screen_filter_cpu_seconds": s_cpu,
                     "control_cpu_seconds": CPU["last"], "cpu_ratio": s_cpu / CPU["last"],
                     "sets": len(expected), "equal": True}
    per = triple_loop(model, env, bg, goal, nodes, sample)
    row["attractors_loop_per_set_cpu_seconds"] = per
    row["attractors_loop_up_to_3_cpu_seconds_extrapolated"] = per * row["sets_up_to_3"]
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=100, help="triples of the attractors loop")
    ap.add_argument("--grieco-sample", type=int, default=10, help="triples of its loop")
    ap.add_argument("--grieco-timeout", type=float, default=300.0)
    ap.add_argument("--out", default=str(HERE / "results"))
    args = ap.parse_args()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    curated = bm.load_model()
    goal = {"PROLIFERATION": 0}
    rows = []
    for bg in (None, *curated.backgrounds):
        rows.append(one_tumour(curated, "growth", bg, goal, args.sample))
        print(json.dumps(rows[-1]), flush=True)
    out = {"started": started, "machine": machine(), "load_average": os.getloadavg(),
           "command": "python " + " ".join(sys.argv), "curated": rows}
    path = Path(args.out) / "control.json"
    path.write_text(json.dumps(out, indent=2) + "\n")  # kept if the grieco part is stopped
    grieco = load("grieco_mapk")
    env = {n: int(n == "EGFR_stimulus") for n in grieco.inputs}
    g_row = one_tumour(grieco, env, None, {"Proliferation": 0}, args.grieco_sample,
                       timeout=args.grieco_timeout)
    print(json.dumps(g_row), flush=True)
    out.update(grieco_mapk=g_row, load_average=os.getloadavg())
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
