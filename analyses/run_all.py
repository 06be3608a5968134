#!/usr/bin/env python
"""Run every report script of analyses/ and write an index linking the sections.

Each script (every analyses/*.py but this one and names starting with "_") is run as
`python SCRIPT --out OUT/<section> [--rules PATH]`, where <section> is the script name without
"_report" (attractor_report.py -> attractor). Scripts run in parallel (--jobs). The whole
output folder is built aside and swapped in at the end, so an interruption leaves the previous
reports untouched. Exits 1 if a section failed (the others are still written).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    """The report scripts of analyses/, in the report's section order."""
    from boolmtor.reporting.report import section_key

    found = [p for p in HERE.glob("*.py") if p.name != Path(__file__).name
             and not p.name.startswith("_")]
    return sorted(found, key=lambda p: section_key(section_name(p)))


def section_name(script: Path) -> str:
    return script.stem[:-len("_report")] if script.stem.endswith("_report") else script.stem


def _run(jobs: list[tuple[str, list[str]]], workers: int, env: dict) -> dict[str, tuple]:
    """Run (name, argv) jobs, `workers` at a time; {name: (returncode, stderr text)}."""
    from boolmtor.reporting.report import progress

    pending, running, done = list(jobs), {}, {}
    bar = progress(None, "report sections", total=len(jobs))
    try:
        while pending or running:
            while pending and len(running) < workers:
                name, argv = pending.pop(0)
                err = tempfile.TemporaryFile()
                proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
                running[name] = (proc, err)
            for name, (proc, err) in list(running.items()):
                if proc.poll() is not None:
                    err.seek(0)
                    done[name] = (proc.returncode, err.read().decode(errors="replace"))
                    err.close()
                    del running[name]
                    bar.update(1)
            time.sleep(0.05)
    finally:
        for proc, err in running.values():
            proc.terminate()
            proc.wait()
            err.close()
        bar.close()
    return done


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", metavar="PATH", default=None,
                        help="a .bnet file or a rules folder with model.toml "
                             "(default: the curated mTOR model)")
    parser.add_argument("--out", metavar="DIR", default="reports",
                        help="output folder, replaced atomically (default: reports)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="scripts run at once (default: 2, or 1 on one core)")
    args = parser.parse_args(argv)

    import boolmtor as bm
    from boolmtor.reporting.report import COMMAND_ENV, atomic_dir, current_command, write_index

    def on_sigterm(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    command = current_command()
    env = {**os.environ, COMMAND_ENV: command, "MPLBACKEND": "Agg"}
    try:
        model = bm.load_model(args.rules)
        with atomic_dir(args.out) as tmp:
            jobs = []
            for script in scripts():
                argv_ = [sys.executable, str(script), "--out", str(tmp / section_name(script))]
                if args.rules:
                    argv_ += ["--rules", str(args.rules)]
                jobs.append((section_name(script), argv_))
            results = _run(jobs, max(1, args.jobs), env)
            entries = []
            for name, _ in jobs:
                code, err = results[name]
                meta = tmp / name / "report.json"
                if code == 0 and (tmp / name / "index.html").is_file():
                    info = json.loads(meta.read_text()) if meta.is_file() else {}
                    entries.append({"folder": name, "title": info.get("title", name),
                                    "summary": info.get("summary", "")})
                else:
                    last = (err.strip().splitlines() or ["no output"])[-1]
                    print(f"run_all: section {name} failed (exit {code}):\n{err}",
                          file=sys.stderr)
                    entries.append({"folder": name, "title": f"{name} (failed)",
                                    "summary": f"failed: {last}", "failed": "yes"})
            write_index(tmp, model, entries, command)
    except bm.BoolmtorError as exc:
        print(f"run_all: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("run_all: interrupted; previous reports left as they were", file=sys.stderr)
        return 130
    failed = [e["folder"] for e in entries if e.get("failed")]
    print(f"wrote {Path(args.out) / 'index.html'} ({len(entries) - len(failed)} sections"
          + (f"; failed: {', '.join(failed)}" if failed else "") + ")")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
