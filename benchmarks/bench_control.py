"""Control (issue 12): `bm.control` against the brute-force loop a user would write.

Part "curated" (the curated model, environment growth, goal PROLIFERATION=0, the wild type and
every background of the manifest):
  - `bm.control(using="nodes", max_size=3)` (start="untreated"), the same with
    start="global", and `using="drugs", max_size=3`;
  - sets of size <= 2: `bm.screen(order=2)` filtered to the rows with PROLIFERATION 0 in every
    attractor, reduced to the minimal ones (what a user writes today), against
    `bm.control(max_size=2, start="global")`, the sets checked equal, ratio in the same run;
  - size 3, which `bm.screen` cannot do: a loop of `bm.attractors` over a seeded sample of
    the triples, extrapolated to every set of at most 3 alterations.
Part "grieco" (pyboolnet's grieco_mapk, 53 nodes, EGFR stimulus only, goal Proliferation=0):
`bm.control(using="nodes")` for max_size 1, 2, 3 under a time limit each, AEON's symbolic
control (start="global") under a time limit, and the `bm.attractors` loop over sampled triples.

    python benchmarks/bench_control.py [--part curated|grieco|both] [--sample 100]
        [--grieco-sample 10] [--grieco-timeout 1800] [--out DIR]

CPU seconds are those of this process (everything runs in it, one thread; AEON's control
runs in a child process, whose time is not counted: its rows give wall time only).
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
from collections import Counter
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
    CPU["start"] = c
    out = fn()
    CPU["last"] = time.process_time() - c
    return out, time.perf_counter() - t


def cpu_since() -> float:
    """CPU seconds since the last `timed` call started (for a call that raised)."""
    return time.process_time() - CPU["start"]


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


def choosable(model, goal) -> list[str]:
    """The nodes `bm.control(using="nodes")` alters: non-input base nodes but the goal's."""
    goal_levels = {x for g in goal for x in model.levels.get(g, (g,))}
    return [n for n in model.nodes if n not in model.inputs and n not in goal_levels
            and n not in model.higher_levels]


def run_control(model, env, bg, goal, timeout=None, **kwargs) -> dict:
    """One `bm.control` call: wall and CPU seconds, sets, method, decision counts."""
    try:
        r, secs = timed(lambda: bm.control(model, goal, environment=env, background=bg,
                                           timeout=timeout, **kwargs))
    except bm.TimeoutExceeded as err:
        return {"seconds": None, "timeout": timeout, "cpu_seconds": cpu_since(),
                "error": str(err), **kwargs}
    return {"seconds": secs, "cpu_seconds": CPU["last"], "sets": len(r), "method": r.method,
            "stats": dict(r.stats),
            "sets_by_size": {str(k): v for k, v in sorted(Counter(s.size for s in r).items())},
            **kwargs}


def one_tumour(model, env, bg, goal, sample):
    nodes = choosable(model, goal)
    row = {"background": bg or "wild type", "nodes": len(nodes),
           "sets_up_to_3": n_sets(len(nodes), 3)}
    for key, kwargs in (("control_nodes_3_untreated", dict(using="nodes", max_size=3)),
                        ("control_nodes_3_global", dict(using="nodes", max_size=3,
                                                        start="global")),
                        ("control_drugs_3", dict(using="drugs", max_size=3))):
        row[key] = run_control(model, env, bg, goal, **kwargs)
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


def grieco_part(sample: int, timeout: float) -> dict:
    """grieco_mapk: control for max_size 1..3 (each under `timeout`), AEON under a limit."""
    model = load("grieco_mapk")
    env = {n: int(n == "EGFR_stimulus") for n in model.inputs}
    goal = {"Proliferation": 0}
    nodes = choosable(model, goal)
    row = {"environment": "EGFR_stimulus=1, other inputs 0", "goal": goal,
           "nodes": len(nodes), "sets_up_to_3": n_sets(len(nodes), 3)}
    for size in (1, 2, 3):
        row[f"control_nodes_{size}_untreated"] = r = run_control(
            model, env, None, goal, timeout, using="nodes", max_size=size,
            method="enumerate")
        print(json.dumps({size: r}), flush=True)
        if r["seconds"] is None:
            break
    row["control_nodes_1_global_aeon"] = run_control(
        model, env, None, goal, min(timeout, 120.0), using="nodes", max_size=1,
        start="global", method="aeon")
    row["control_nodes_1_global_enumerate"] = run_control(
        model, env, None, goal, timeout, using="nodes", max_size=1, start="global",
        method="enumerate")
    per = triple_loop(model, env, None, goal, nodes, sample)
    row["attractors_loop_per_set_cpu_seconds"] = per
    row["attractors_loop_up_to_3_cpu_seconds_extrapolated"] = per * row["sets_up_to_3"]
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("curated", "grieco", "both"), default="both")
    ap.add_argument("--sample", type=int, default=100, help="triples of the attractors loop")
    ap.add_argument("--grieco-sample", type=int, default=10, help="triples of its loop")
    ap.add_argument("--grieco-timeout", type=float, default=1800.0,
                    help="seconds per grieco control call")
    ap.add_argument("--out", default=str(HERE / "results"))
    args = ap.parse_args()
    path = Path(args.out) / "control.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    out = {k: v for k, v in old.items() if k in ("curated", "grieco_mapk")}  # the other part
    out["machine"] = machine()
    command = "python " + " ".join(sys.argv)
    if args.part in ("curated", "both"):
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        curated = bm.load_model()
        rows = []
        for bg in (None, *curated.backgrounds):
            rows.append(one_tumour(curated, "growth", bg, {"PROLIFERATION": 0}, args.sample))
            print(json.dumps(rows[-1]), flush=True)
        out["curated"] = {"started": started, "command": command,
                          "model_nodes": len(curated.nodes),
                          "load_average_after": os.getloadavg(), "rows": rows}
        path.write_text(json.dumps(out, indent=2) + "\n")
    if args.part in ("grieco", "both"):
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        load_before = os.getloadavg()
        row = grieco_part(args.grieco_sample, args.grieco_timeout)
        out["grieco_mapk"] = {"started": started, "command": command,
                              "load_average_before": load_before,
                              "load_average_after": os.getloadavg(), **row}
        print(json.dumps(row), flush=True)
        path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
