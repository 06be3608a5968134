"""All asynchronous attractors of published models: boolmtor against biobalm and AEON alone.

Each (model, tool) runs in a fresh Python process with a time limit (and a 6 GB memory limit),
one at a time; the time measured is the search only (from the tool's network object to the
list of attractors), and each process also reports its attractor count, checked equal between
tools that finish. Models: the Biodivine Boolean Models collection pinned in tests/data/bbm
(30-200 nodes and at most 2 inputs) and the pyboolnet repository's models of 30-200 nodes with
at most 6 inputs; inputs are free (every input combination counts).

    nice -n 10 python benchmarks/bench_async.py --timeout 120 [--tools boolmtor biobalm aeon]
        [--models 148 klamt_tcr] [--out benchmarks/results/async.json]

Tools: `boolmtor` = `bm.attractors(model)` (the package default), `biobalm` =
`SuccessionDiagram(network).build()` and its attractor seeds, `aeon` =
`biodivine_aeon.Attractors.attractors(AsynchronousGraph(network))`. Records of the models and
tools run replace earlier ones in the results file; the others stay. `--summary` prints the
table of benchmarks/README.md from the results file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "tests" / "data" / "bbm" / "models.tar.xz"
TOOLS = ("boolmtor", "biobalm", "aeon")
PYBOOLNET = ("grieco_mapk", "klamt_tcr", "remy_tumorigenesis", "zhang_tlgl")
MEMORY = 6 * 2 ** 30

CHILD = {
    "boolmtor": """
import warnings, boolmtor as bm
warnings.simplefilter("ignore")
model = bm.load_model(PATH)
t = time.perf_counter()
count = len(bm.attractors(model))
""",
    "biobalm": """
import biodivine_aeon as ba
from biobalm import SuccessionDiagram
bn = ba.BooleanNetwork.from_bnet(open(PATH).read())
t = time.perf_counter()
sd = SuccessionDiagram(bn)
sd.build()
count = sum(len(s) for s in sd.expanded_attractor_seeds().values())
""",
    "aeon": """
import biodivine_aeon as ba
ba.LOG_LEVEL = ba.LOG_NOTHING
bn = ba.BooleanNetwork.from_bnet(open(PATH).read())
t = time.perf_counter()
count = len(ba.Attractors.attractors(ba.AsynchronousGraph(bn)))
""",
}


def child(tool: str, path: str) -> None:
    """Run one tool on one file here; print {"seconds", "count"} as JSON."""
    scope = {"PATH": path, "time": time}
    exec(CHILD[tool], scope)  # noqa: S102 - the fixed code above, not user input
    seconds = time.perf_counter() - scope["t"]
    print(json.dumps({"seconds": seconds, "count": scope["count"]}))


def models(tmp: Path) -> dict[str, dict]:
    """name -> {"path", "nodes", "inputs", "source"} for the benchmark's models."""
    out = {}
    with tarfile.open(ARCHIVE, "r:xz") as tar:
        for m in tar.getmembers():
            found = re.search(r"id-(\d+)\]__\[var-(\d+)\]__\[in-(\d+)\]__\[([^\]]*)\]/model\.bnet",
                              m.name)
            if not found:
                continue
            ident, nodes, inputs, title = found.groups()
            if 30 <= int(nodes) <= 200 and int(inputs) <= 2:
                path = tmp / f"bbm-{ident}.bnet"
                path.write_text(explicit_inputs(tar.extractfile(m).read().decode()))
                out[f"bbm-{ident}"] = {"path": str(path), "nodes": int(nodes),
                                       "inputs": int(inputs), "title": title,
                                       "source": "Biodivine Boolean Models " + ident}
    from pyboolnet.repository import get_bnet
    for name in PYBOOLNET:
        text = get_bnet(name)
        rules = [line for line in text.splitlines()
                 if "," in line and not line.startswith(("#", "targets"))]
        inputs = sum(1 for r in rules if r.split(",")[0].strip() == r.split(",", 1)[1].strip())
        path = tmp / f"{name}.bnet"
        path.write_text(explicit_inputs(text))
        out[name] = {"path": str(path), "nodes": len(rules), "inputs": inputs, "title": name,
                     "source": "pyboolnet repository"}
    return out


def explicit_inputs(text: str) -> str:
    """`.bnet` text with a rule `X, X` for each variable used but never defined (a free input):
    AEON's reader would otherwise make it a parameter (one coloured attractor for all values)."""
    rules = [line for line in text.splitlines()
             if "," in line and not line.lstrip().startswith(("#", "targets,"))]
    defined = {r.split(",")[0].strip() for r in rules}
    used = set(re.findall(r"[A-Za-z0-9_.:]+", " ".join(r.split(",", 1)[1] for r in rules)))
    missing = sorted(used - defined - {"0", "1", "true", "false"})
    return text.rstrip("\n") + "\n" + "".join(f"{n}, {n}\n" for n in missing)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(tool: str, path: str, timeout: float) -> dict:
    """One tool on one model in a fresh process: seconds and count, or why not."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", tool, path],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_limits, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # the tool's own child processes too (boolmtor's racers)
        proc.communicate()
        return {"status": "timeout", "seconds": None, "count": None, "load": load}
    done = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1][:300]
        return {"status": "error", "seconds": None, "count": None, "error": tail,
                "wall": wall, "load": load}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"status": "ok", **result, "wall": wall, "load": load}


def machine() -> dict:
    import importlib.metadata as md
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = {p: md.version(p) for p in ("boolmtor", "biobalm", "biodivine_aeon")}
    return {"platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
            "python": platform.python_version(), "versions": versions}


def summary(records: list[dict], tools=TOOLS) -> str:
    """The Markdown table and the summary figures of the results."""
    lines = ["| model | nodes | inputs | attractors | " + " | ".join(tools) + " |",
             "|---|---|---|---|" + "---|" * len(tools)]
    ratios: dict[str, list[float]] = {t: [] for t in tools}
    finished = {t: 0 for t in tools}
    any_finished = 0
    for r in sorted(records, key=lambda r: r["model"]):
        res = r["results"]
        times = {t: res[t]["seconds"] for t in tools if t in res and res[t]["status"] == "ok"}
        counts = {res[t]["count"] for t in times}
        for t in times:
            finished[t] += 1
        any_finished += bool(times)
        best = min(times.values()) if times else None
        cells = []
        for t in tools:
            if t not in res:
                cells.append("—")
            elif t in times:
                ratio = times[t] / best if best else 1.0
                ratios[t].append(ratio)
                cells.append(f"{times[t]:.2f} s" + (f" ({ratio:.1f}x)" if ratio >= 1.05 else ""))
            else:
                cells.append(res[t]["status"])
        count = counts.pop() if len(counts) == 1 else ("DIFFER " + str(sorted(counts))
                                                        if counts else "?")
        lines.append(f"| {r['model']} ({r['title'].lower()}) | {r['nodes']} | {r['inputs']} | "
                     f"{count} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Models: {len(records)}; finished by at least one tool: {any_finished}.")
    both = [r for r in records if all(r["results"].get(t, {}).get("status") == "ok"
                                       for t in tools)]
    for t in tools:
        common = [r["results"][t]["seconds"] for r in both]
        geo = math.exp(sum(math.log(max(s, 1e-3)) for s in common) / len(common)) if common \
            else float("nan")
        worst = max(ratios[t]) if ratios[t] else float("nan")
        lines.append(f"- {t}: finished {finished[t]}; geometric-mean time over the {len(both)} "
                     f"models every tool finished {geo:.3f} s; worst ratio to the fastest tool "
                     f"{worst:.1f}x")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    ap.add_argument("--models", nargs="+", help="model names (default: all of them)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "async.json"))
    ap.add_argument("--summary", action="store_true", help="print the table and stop")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    out = Path(args.out)
    data = json.loads(out.read_text()) if out.is_file() else {"runs": [], "models": []}
    if args.summary:
        print(summary(data["models"]))
        return 0
    command = "python " + " ".join([sys.argv[0], *(argv or sys.argv[1:])])
    data["runs"].append({"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                         "command": command, "timeout": args.timeout, "tools": args.tools,
                         "machine": machine(), "uptime_before": _uptime()})
    by_name = {r["model"]: r for r in data["models"]}
    with tempfile.TemporaryDirectory() as tmp:
        found = models(Path(tmp))
        for name in args.models or sorted(found):
            info = found[name]
            record = by_name.setdefault(name, {"model": name, "results": {}})
            record.update({k: v for k, v in info.items() if k != "path"})
            for tool in args.tools:
                record["results"][tool] = run(tool, info["path"], args.timeout)
                res = record["results"][tool]
                print(f"{name:24s} {tool:9s} {res['status']:8s} "
                      f"{res['seconds'] if res['seconds'] is None else round(res['seconds'], 3)}"
                      f" {res['count']}", flush=True)
                data["models"] = sorted(by_name.values(), key=lambda r: r["model"])
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(data, indent=1) + "\n")
    data["runs"][-1]["uptime_after"] = _uptime()
    out.write_text(json.dumps(data, indent=1) + "\n")
    return 0


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
