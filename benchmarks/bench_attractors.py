"""One exact asynchronous attractor search: boolmtor (biodivine-aeon) vs pyboolnet's own.

pyboolnet's `compute_attractors` model-checks with its bundled NuSMV, which needs the system
library libtinfo5 and pyboolnet's libreadline.so.6 on LD_LIBRARY_PATH (`make bench` installs
libtinfo5 where apt is available). It runs in a subprocess with a time limit, so a run that
does not finish is reported as a lower bound on the ratio.

    python benchmarks/bench_attractors.py [--models grieco_mapk klamt_tcr] [--timeout 1800]

Each model's record replaces that model's earlier one in the results file; the others stay.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import boolmtor as bm
from boolmtor import _pyboolnet  # noqa: F401  (quiet pyboolnet import)
from pyboolnet.repository import get_bnet

CHILD = """
import json, sys, time, logging
logging.disable(logging.CRITICAL)
from pyboolnet.repository import get_primes
from pyboolnet.attractors import compute_attractors
primes = get_primes(sys.argv[1])
t = time.perf_counter()
result = compute_attractors(primes, "asynchronous")
print(json.dumps({"seconds": time.perf_counter() - t, "count": len(result["attractors"]),
                  "complete": result.get("is_complete")}))
"""


def pyboolnet_run(model: str, timeout: float) -> dict:
    """pyboolnet's compute_attractors in a subprocess; {"seconds": None} if it timed out."""
    import pyboolnet

    nusmv = Path(pyboolnet.__file__).parent / "binaries" / "linux64" / "NuSMV-a"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{nusmv}:{os.environ.get('LD_LIBRARY_PATH', '')}")
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, model], capture_output=True,
                             text=True, timeout=timeout, env=env, check=True)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "count": None, "complete": None}
    except subprocess.CalledProcessError as exc:
        return {"seconds": None, "count": None, "error": exc.stderr.strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(name: str, timeout: float, command: str) -> dict:
    """Time both searches on one repository model; check that they agree."""
    model = bm.Model.from_text(get_bnet(name), name=name)
    t = time.perf_counter()
    ours = bm.attractors(model, update="asynchronous")
    ours_s = time.perf_counter() - t
    theirs = pyboolnet_run(name, timeout)
    if theirs.get("count") is not None and theirs["count"] != len(ours):
        raise SystemExit(f"MISMATCH on {name}: boolmtor {len(ours)} attractors, pyboolnet "
                         f"{theirs['count']}")
    ratio = (f"{theirs['seconds'] / ours_s:.1f}x" if theirs.get("seconds") is not None
             else f"> {timeout / ours_s:.0f}x (pyboolnet did not finish in {timeout:.0f} s)")
    print(f"{name} ({len(model.nodes)} nodes): boolmtor {ours_s:.2f} s, "
          f"pyboolnet {theirs.get('seconds')} s, ratio {ratio}")
    return {
        "benchmark": "one exact asynchronous attractor search, inputs free",
        "model": name, "nodes": len(model.nodes), "attractors": len(ours),
        "boolmtor_seconds": round(ours_s, 3), "pyboolnet": theirs, "ratio": ratio,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(), "boolmtor": bm.__version__,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "command": command,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", nargs="+", default=["grieco_mapk", "klamt_tcr"],
                    help="pyboolnet repository models")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed to pyboolnet")
    ap.add_argument("--out", default="benchmarks/results/attractors.json")
    args = ap.parse_args(argv)
    command = "python " + " ".join([sys.argv[0], *(argv or sys.argv[1:])])
    out = Path(args.out)
    records = json.loads(out.read_text()) if out.is_file() else []
    records = [records] if isinstance(records, dict) else records
    for name in args.models:
        records = [r for r in records if r["model"] != name] + [bench(name, args.timeout,
                                                                       command)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(sorted(records, key=lambda r: r["model"]), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
