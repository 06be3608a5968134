"""Soak test of fault tolerance: random SIGKILLs of a double screen, then resumes; and the time
SIGINT/SIGTERM take to stop a screen.

Each round starts `boolmtor screen --order 2` on a small published-style network with a
checkpoint, kills it with SIGKILL after a random (seeded) delay, and resumes; when the screen
completes, its table must be byte-identical to one uninterrupted run. Then SIGINT and SIGTERM
are sent to running screens and the time until the process has exited is measured.

    python benchmarks/soak_faults.py [--kills 50] [--seed 16]

Results are appended to benchmarks/results/soak_faults.txt.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NET = """\
A, A
B, A & !D
C, B | D
D, C & !A
E, !C
F, E | B
G, F & !B
H, G | C
"""
SLOW = """\
import importlib, sys, time
S = importlib.import_module("boolmtor.screen")
real = S.solve_chunk
def slow(*args):
    time.sleep(0.01 * len(args[3]))
    return real(*args)
S.solve_chunk = slow
from boolmtor.cli import main
sys.argv[0] = 'boolmtor'
sys.exit(main())
"""
"""The CLI with 10 ms more per row, so that kills land at every stage of a screen."""

ARGS = ["screen", "net.bnet", "--order", "2", "--quiet", "--checkpoint", "s.ckpt",
        "--out", "s.csv"]


def start(cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", SLOW, *ARGS], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def rows(path: Path) -> int:
    return path.read_bytes().count(b"\n") - 1 if path.exists() else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    lines = [f"# {time.strftime('%Y-%m-%d %H:%M')} {platform.node()} {platform.processor()} "
             f"{os.cpu_count()} cores, python {platform.python_version()}, load "
             f"{os.getloadavg()[0]:.1f}; kills={opts.kills} seed={opts.seed}"]
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "net.bnet").write_text(NET)
        ref = start(cwd)
        ref.communicate()
        reference = (cwd / "s.csv").read_bytes()
        n_rows = reference.count(b"\n") - 1
        (cwd / "s.csv").unlink()
        (cwd / "s.ckpt").unlink()
        kills = completed = identical = 0
        while kills < opts.kills:
            proc = start(cwd)
            time.sleep(rng.uniform(0.0, 3.0))
            if proc.poll() is None:
                proc.kill()
                kills += 1
            proc.communicate()
            if proc.returncode == 0:  # the screen completed between two kills
                completed += 1
                identical += (cwd / "s.csv").read_bytes() == reference
                (cwd / "s.csv").unlink()
                (cwd / "s.ckpt").unlink()
        final = start(cwd)
        final.communicate()
        completed += 1
        identical += (cwd / "s.csv").read_bytes() == reference
        lines.append(f"SIGKILL soak: {kills} kills of a {n_rows}-row double screen, {completed} "
                     f"completed screens, {identical} byte-identical to the uninterrupted run")
        for sig in (signal.SIGINT, signal.SIGTERM):
            for f in ("s.csv", "s.ckpt"):
                (cwd / f).unlink(missing_ok=True)
            proc = start(cwd)
            while rows(cwd / "s.ckpt") < 20 and proc.poll() is None:
                time.sleep(0.01)
            t0 = time.monotonic()
            proc.send_signal(sig)
            _, err = proc.communicate()
            took = time.monotonic() - t0
            lines.append(f"{signal.Signals(sig).name}: exited {proc.returncode} in {took:.2f} s "
                         f"with {rows(cwd / 's.ckpt')} rows kept; stderr: {err.strip()}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    out = ROOT / "benchmarks" / "results" / "soak_faults.txt"
    with out.open("a", encoding="utf-8") as fh:
        fh.write(text + "\n")


if __name__ == "__main__":
    main()
