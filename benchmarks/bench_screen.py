"""Perturbation screens: boolmtor's `screen` against the loops a user would write by hand.

Part 1 (issue 6): every single and double knockout/overexpression of the curated model's
non-input nodes under the growth environment, exact asynchronous attractors, on 2 workers;
beside it, in the same run, (a) a loop calling biodivine-aeon's exact attractor search on each
perturbed `.bnet` and (b) a loop of pyboolnet's minimal-trap-space search on each perturbed
`.bnet`. The loops run on a seeded random sample of the same perturbations (`--sample`, or all
with `--full`) and are extrapolated per perturbation; their answers are checked equal to the
screen's rows (number of attractors and every readout's mean activity).

Part 2: scaling. Time per perturbation (every single knockout/overexpression of up to
`--nodes` nodes, inputs fixed to seeded random values) on pyboolnet's grieco_mapk and zhang_tlgl and on seeded random
networks of 100, 200 and 500 nodes, with the peak memory (max RSS) of a fresh process per model,
beside the plain AEON loop on a few of the same perturbations.

Part 3: the scaling screens again on a Dask LocalCluster of 2 workers: the tables must equal.

    python benchmarks/bench_screen.py [--sample 300] [--full] [--out benchmarks/results]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import boolmtor as bm
from boolmtor import _pyboolnet  # noqa: F401  (quiet pyboolnet import)

HERE = Path(__file__).resolve().parent
SCALING = ("grieco_mapk", "zhang_tlgl", "random100", "random200", "random500")


# ---------------------------------------------------------------------------- models
def random_bnet(n: int, seed: int) -> str:
    """A seeded random signalling-like network: the first 5% of nodes are inputs (their own
    value); every other node is an AND or OR of 2-3 literals whose regulators are earlier nodes
    (a feed-forward cascade), except that each regulator is, with probability 0.1, any node
    (feedback loops)."""
    rng = random.Random(seed)
    names = [f"x{i}" for i in range(n)]
    inputs = max(1, n // 20)
    lines = []
    for i, name in enumerate(names):
        if i < inputs:
            lines.append(f"{name}, {name}")
            continue
        regs = {names[rng.randrange(n)] if rng.random() < 0.1 else names[rng.randrange(i)]
                for _ in range(rng.choice((2, 3)))}
        lits = [("!" if rng.random() < 0.3 else "") + r for r in sorted(regs)]
        lines.append(f"{name}, {(' & ' if rng.random() < 0.5 else ' | ').join(lits)}")
    return "\n".join(lines) + "\n"


def environment(model: bm.Model):
    """The inputs fixed to seeded random values (a screen runs under an environment)."""
    rng = random.Random(len(model.nodes))
    return {n: rng.randint(0, 1) for n in model.inputs}


def load(name: str) -> bm.Model:
    if name.startswith("random"):
        n = int(name[len("random"):])
        return bm.Model.from_text(random_bnet(n, seed=n), name=name)
    from pyboolnet.repository import get_bnet
    return bm.Model.from_text(get_bnet(name), name=name)


def perturbation_of(row) -> bm.Perturbation:
    return bm.Perturbation(knockout=[n for n in row["knockout"].split(";") if n],
                           overexpress=[n for n in row["overexpress"].split(";") if n])


# ---------------------------------------------------------------------------- naive loops
def naive_aeon(model: bm.Model, env, p: bm.Perturbation) -> tuple[int, dict]:
    """What a user writes: perturbed .bnet -> AEON network -> exact attractors -> activities."""
    import biodivine_aeon as ba
    text = model.perturb(p, environment=env).to_bnet()
    g = ba.AsynchronousGraph(ba.BooleanNetwork.from_bnet(text, repair_graph=True))
    found = [a.vertices() for a in ba.Attractors.attractors(g)]
    scores = {}
    for r in model.readouts:
        acts = [v.intersect(g.mk_subspace_vertices({r: True})).cardinality() / v.cardinality()
                for v in found]
        scores[r] = sum(acts) / len(acts)
    return len(found), scores


def naive_pyboolnet(model: bm.Model, env, p: bm.Perturbation) -> tuple[int, dict]:
    """What a user writes: perturbed .bnet -> pyboolnet primes -> minimal trap spaces."""
    from pyboolnet.file_exchange import bnet2primes
    from pyboolnet.trap_spaces import compute_trap_spaces
    text = model.perturb(p, environment=env).to_bnet()
    spaces = compute_trap_spaces(bnet2primes(text), "min")
    scores = {r: sum(s.get(r, 0.5) for s in spaces) / len(spaces) for r in model.readouts}
    return len(spaces), scores


def run_loop(fn, model, env, rows) -> tuple[float, list]:
    t = time.perf_counter()
    out = [fn(model, env, perturbation_of(r)) for r in rows]
    return time.perf_counter() - t, out


def check_equal(rows, answers, readouts, what: str) -> None:
    for row, (n, scores) in zip(rows, answers):
        if row["n_attractors"] != n or any(abs(row[r] - scores[r]) > 1e-9 for r in readouts):
            raise SystemExit(f"{what} disagrees with the screen on {row['perturbation']}: "
                             f"{n} {scores} vs {row}")


# ---------------------------------------------------------------------------- parts
def part_curated(sample: int, full: bool, workers: int) -> dict:
    model = bm.load_model()
    t = time.perf_counter()
    table = bm.screen(model, order=2, environments=["growth"], workers=workers, progress=False)
    screen_s = time.perf_counter() - t
    t = time.perf_counter()
    serial = bm.screen(model, order=2, environments=["growth"], progress=False)
    serial_s = time.perf_counter() - t
    assert serial.equals(table), "workers and serial tables differ"
    t = time.perf_counter()
    mp = bm.screen(model, order=2, environments=["growth"], update="most-permissive",
                   workers=workers, progress=False)
    mp_s = time.perf_counter() - t
    rows = table.to_dict("records")
    chosen = list(range(len(rows))) if full else sorted(random.Random(0).sample(
        range(len(rows)), min(sample, len(rows))))
    picked = [rows[i] for i in chosen]
    aeon_s, aeon_answers = run_loop(naive_aeon, model, "growth", picked)
    check_equal(picked, aeon_answers, model.readouts, "plain AEON loop")
    mp_rows = mp.to_dict("records")
    picked_mp = [mp_rows[i] for i in chosen]
    pbn_s, pbn_answers = run_loop(naive_pyboolnet, model, "growth", picked_mp)
    check_equal(picked_mp, pbn_answers, model.readouts, "pyboolnet trap-space loop")
    n = len(rows)
    per_aeon, per_pbn = aeon_s / len(picked), pbn_s / len(picked)
    return {
        "perturbations": n, "workers": workers,
        "screen_async_s": screen_s, "screen_async_serial_s": serial_s,
        "screen_most_permissive_s": mp_s,
        "naive_sample": len(picked), "naive_extrapolated": not full,
        "naive_aeon_per_perturbation_s": per_aeon, "naive_aeon_total_s": per_aeon * n,
        "naive_pyboolnet_per_perturbation_s": per_pbn, "naive_pyboolnet_total_s": per_pbn * n,
        "ratio_vs_aeon_loop": per_aeon * n / screen_s,
        "ratio_serial_vs_aeon_loop": per_aeon * n / serial_s,
        "ratio_mp_vs_pyboolnet_loop": per_pbn * n / mp_s,
        "answers_checked_equal": len(picked),
    }


def one_scaling(name: str, nodes: int, naive: int) -> dict:
    """Run in a fresh process: screen time per perturbation and peak memory for one model."""
    model = load(name)
    pool = [n for n in model.nodes if n not in model.inputs]
    chosen = random.Random(1).sample(pool, min(nodes, len(pool)))
    t = time.perf_counter()
    env = environment(model)
    table = bm.screen(model, order=1, environments=[env], nodes=chosen, progress=False)
    screen_s = time.perf_counter() - t
    rows = table.to_dict("records")
    picked = random.Random(2).sample(rows, min(naive, len(rows)))
    aeon_s, answers = run_loop(naive_aeon, model, env, picked)
    check_equal(picked, answers, model.readouts, f"plain AEON loop on {name}")
    table.to_csv(HERE / "results" / f".scaling_{name}.csv", index=False)
    return {"model": name, "nodes": len(model.nodes), "perturbations": len(rows),
            "screen_s": screen_s, "per_perturbation_ms": 1000 * screen_s / len(rows),
            "naive_aeon_sample": len(picked),
            "naive_aeon_per_perturbation_ms": 1000 * aeon_s / len(picked),
            "ratio": (aeon_s / len(picked)) / (screen_s / len(rows)),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def part_scaling(nodes: int, naive: int) -> list[dict]:
    out = []
    for name in SCALING:
        proc = subprocess.run([sys.executable, __file__, "--one", name, "--nodes", str(nodes),
                               "--naive", str(naive)], capture_output=True, text=True)
        if proc.returncode:
            raise SystemExit(f"scaling run of {name} failed:\n{proc.stderr[-2000:]}")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"  {out[-1]}", file=sys.stderr)
    return out


def part_dask(nodes: int) -> dict:
    import pandas as pd
    from distributed import Client, LocalCluster

    same, secs = {}, {}
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        for name in SCALING:
            model = load(name)
            pool = [n for n in model.nodes if n not in model.inputs]
            chosen = random.Random(1).sample(pool, min(nodes, len(pool)))
            t = time.perf_counter()
            table = bm.screen(model, order=1, environments=[environment(model)],
                              nodes=chosen, scheduler=client, progress=False)
            secs[name] = time.perf_counter() - t
            serial = pd.read_csv(HERE / "results" / f".scaling_{name}.csv",
                                 keep_default_na=False)
            pd.testing.assert_frame_equal(table, serial, check_dtype=False)
            same[name] = True
            (HERE / "results" / f".scaling_{name}.csv").unlink()
    return {"cluster": "LocalCluster(n_workers=2, processes)", "tables_equal": same,
            "seconds": secs}


def machine() -> dict:
    import biodivine_aeon
    import pyboolnet
    return {"platform": platform.platform(), "processor": platform.processor() or
            platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "boolmtor": bm.__version__, "biodivine_aeon": getattr(biodivine_aeon, "__version__",
                                                                  "1.x"),
            "pyboolnet": pyboolnet.VERSION}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=300, help="perturbations of the naive loops")
    ap.add_argument("--full", action="store_true", help="run the naive loops on all")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--nodes", type=int, default=25, help="nodes altered per scaling model")
    ap.add_argument("--naive", type=int, default=6, help="naive AEON runs per scaling model")
    ap.add_argument("--out", default=str(HERE / "results"))
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_scaling(args.one, args.nodes, args.naive)))
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print("part 1: curated model, order 2, growth", file=sys.stderr)
    curated = part_curated(args.sample, args.full, args.workers)
    print(f"  {curated}", file=sys.stderr)
    print("part 2: scaling", file=sys.stderr)
    scaling = part_scaling(args.nodes, args.naive)
    print("part 3: dask", file=sys.stderr)
    dask = part_dask(args.nodes)
    record = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "command": "python " + " ".join(["benchmarks/bench_screen.py", *sys.argv[1:]]),
              "machine": machine(), "curated": curated, "scaling": scaling, "dask": dask}
    path = out / "screen.json"
    path.write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
