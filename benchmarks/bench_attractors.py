"""One exact asynchronous attractor search: boolmtor (biodivine-aeon) vs pyboolnet's own.

pyboolnet's `compute_attractors` model-checks with its bundled NuSMV, which needs the system
library libtinfo5 and pyboolnet's libreadline.so.6 on LD_LIBRARY_PATH (`make bench` installs
libtinfo5 where apt is available). It runs in a subprocess with a time limit, so a run that
does not finish is reported as a lower bound on the ratio.

    python benchmarks/bench_attractors.py [--model grieco_mapk] [--timeout 1800]
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="grieco_mapk", help="pyboolnet repository model")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds allowed to pyboolnet")
    ap.add_argument("--out", default="benchmarks/results/attractors.json")
    args = ap.parse_args(argv)

    model = bm.Model.from_text(get_bnet(args.model), name=args.model)
    t = time.perf_counter()
    ours = bm.attractors(model, update="asynchronous")
    ours_s = time.perf_counter() - t
    theirs = pyboolnet_run(args.model, args.timeout)
    if theirs.get("count") is not None and theirs["count"] != len(ours):
        print(f"MISMATCH: boolmtor {len(ours)} attractors, pyboolnet {theirs['count']}")
        return 1
    ratio = (f"{theirs['seconds'] / ours_s:.1f}x" if theirs.get("seconds") is not None
             else f"> {args.timeout / ours_s:.0f}x (pyboolnet did not finish in "
                  f"{args.timeout:.0f} s)")
    record = {
        "benchmark": "one exact asynchronous attractor search, inputs free",
        "model": args.model, "nodes": len(model.nodes), "attractors": len(ours),
        "boolmtor_seconds": round(ours_s, 3), "pyboolnet": theirs, "ratio": ratio,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(), "boolmtor": bm.__version__,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "command": "python " + " ".join([sys.argv[0], *(argv or sys.argv[1:])]),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(record, indent=2) + "\n")
    print(f"{args.model} ({len(model.nodes)} nodes): boolmtor {ours_s:.2f} s, "
          f"pyboolnet {theirs.get('seconds')} s, ratio {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
