"""Import time of `boolmtor` and the time of `boolmtor --version` (issue 14, item 5).

Each figure is the median over `--repeat` fresh processes: `python -X importtime -c "import
boolmtor"` (the cumulative time of the `boolmtor` line, in ms), the wall time of `boolmtor
--version` (console script of this interpreter), and of `python -c pass` for reference.
Run from the repository root: `python benchmarks/bench_import.py [--repeat 9]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def import_ms() -> float:
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import boolmtor"],
                         check=True, capture_output=True, text=True, cwd=ROOT).stderr
    line = [ln for ln in err.splitlines() if ln.rstrip().endswith("| boolmtor")][-1]
    return int(line.split("|")[1]) / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    version = [sys.executable, "-c", "import sys; from boolmtor.cli import main; "
               "sys.argv[0] = 'boolmtor'; main(['--version'])"]
    rows = {
        "import boolmtor (importtime, ms)": [import_ms() for _ in range(args.repeat)],
        "boolmtor --version (wall, s)": [wall(version) for _ in range(args.repeat)],
        "python -c pass (wall, s)": [wall([sys.executable, "-c", "pass"])
                                     for _ in range(args.repeat)],
    }
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}")
    for name, values in rows.items():
        print(f"{name:<36} median {statistics.median(values):8.3f}   "
              f"min {min(values):8.3f}   max {max(values):8.3f}")


if __name__ == "__main__":
    main()
