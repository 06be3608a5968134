"""Report sections and `report` (``bm.report``): the builders that fill a `Report`
(reporting/document.py: Markdown and self-contained HTML written atomically, with a
reproducibility header) and the index page that lists them.

The section builders (`model_report`, `attractor_report`, `validation_report`, and
`drug_response_report` / `marker_report` from `drug_report`, `cell_line_report` from
`panel_report`) hold the analysis; the scripts in ``analyses/`` and `report` only call them.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .._io import atomic_write
from ..errors import BoolmtorError, LimitExceededError
from ..model import Model

__all__ = ["Report", "Section", "SECTIONS", "attractor_report", "atomic_dir", "atomic_write",
           "cell_line_report", "drug_response_report", "marker_report", "model_report", "progress", "report",
           "script_main", "validation_report", "write_index"]

from .document import (COMMAND_ENV, META, Report, atomic_dir, current_command,  # noqa: F401
                       progress, report_date)  # re-exported: the document API


# ============================================================================ sections
def _env_text(model: Model, env: str | None) -> str:
    if env is None:
        return "inputs free"
    return ", ".join(f"{n}={v}" for n, v in model.environments[env].inputs.items())


def _phenotype(att) -> str:
    on = [f"{r} (level {v})" if r in att.levels else r
          for r, v in att.phenotype.items() if v not in (0, "osc")]
    osc = [r for r, v in att.phenotype.items() if v == "osc"]
    parts = []
    if on:
        parts.append(", ".join(on) + " on")
    if osc:
        parts.append(", ".join(osc) + " oscillating")
    return "; ".join(parts) or ("all readouts off" if att.readouts else "no readouts")


def _weight(att) -> str:
    if att.weight is None:
        return "not computed"
    if att.weight_error:
        return f"{att.weight:.3f} ± {att.weight_error:.3f}"
    return f"{att.weight:.3f}"


def _attractors_weighted(model: Model, update: str, env):
    """The attractors, with weights where the update scheme and the engine allow."""
    from ..attractors import attractors

    if update == "asynchronous":
        try:
            return attractors(model, update=update, environment=env, weights=True)
        except LimitExceededError:  # weights out of reach: reported as not computed
            pass
    return attractors(model, update=update, environment=env)


def attractor_report(model: Model, *, update: str = "asynchronous",
                     environments: Sequence[str] | None = None) -> Report:
    """For each named environment: the attractors, their weights and phenotypes, a heatmap."""
    from .. import plot

    envs: list[str | None] = list(environments or model.environments) or [None]
    rep = Report(f"Attractors: {model.name or 'model'}", model)
    rep.paragraph(
        f"Attractors under **{update}** update for each named environment of the manifest "
        f"(inputs fixed as listed). The weight of an attractor is the share of the state space "
        f"that ends in it (\"not computed\" when the engine did not compute it). The phenotype "
        f"is the value of each readout ({', '.join(model.readouts) or 'none'}): 0, 1, or "
        f"\"osc\" when it changes inside the attractor. In the heatmaps black is on, white "
        f"off, hatched grey oscillating (with the share of the attractor's states in which the "
        f"node is on)." + (" A multi-level readout's phenotype is its level (0..k); in the "
                           "heatmaps its level is a grey shade with the level written in it."
                           if model.levels else ""))
    found = {}
    for env in progress(envs, "attractors"):
        found[env] = _attractors_weighted(model, update, env)
    summary_rows = []
    for env, atts in found.items():
        phenos = sorted({_phenotype(a) for a in atts})
        summary_rows.append({"environment": env or "inputs free",
                             "inputs": _env_text(model, env), "attractors": len(atts),
                             "fixed points": sum(a.is_fixed_point for a in atts),
                             "phenotypes": " / ".join(phenos)})
    rep.heading("Summary")
    rep.table(summary_rows)
    rep.heading("Heatmap")
    labelled = {env or "inputs free": atts for env, atts in found.items() if atts}
    if not labelled:
        rep.paragraph(f"No attractors under {update} update in any environment (e.g. no fixed "
                      f"points: the model oscillates); no heatmap.")
    chunks: list[dict] = []
    chunk: dict = {}
    for label, atts in labelled.items():  # at most ~40 columns per figure
        if chunk and sum(map(len, chunk.values())) + len(atts) > 40:
            chunks.append(chunk)
            chunk = {}
        chunk[label] = atts
    if chunk:
        chunks.append(chunk)
    for k, chunk in enumerate(chunks, start=1):
        part = f" (part {k} of {len(chunks)})" if len(chunks) > 1 else ""
        rep.figure(plot.attractors(model, chunk, title=f"Attractors by environment "
                                                      f"({update} update){part}"),
                   f"attractors_{k}" if len(chunks) > 1 else "attractors",
                   "Node × attractor heatmap, one column group per environment: black on, "
                   "white off, hatched grey oscillating (share of the attractor's states in "
                   "which the node is on); w is the weight (n/c: not computed)." + part)
    for env, atts in found.items():
        name = env or "inputs free"
        rep.heading(f"Environment: {name}")
        if env is not None:
            e = model.environments[env]
            text = f"Inputs: {_env_text(model, env)}."
            if e.description:
                text = f"{e.description.rstrip('.')}. " + text
            if e.ref:
                text += f" Reference: {e.ref}."
            rep.paragraph(text)
        rows = []
        for i, a in enumerate(atts, start=1):
            row = {"#": i, "kind": "fixed point" if a.is_fixed_point else "cyclic",
                   "states": a.size, "weight": _weight(a)}
            row.update({r: str(v) for r, v in a.phenotype.items()})
            row["phenotype"] = _phenotype(a)
            rows.append(row)
        rep.table(rows, caption=f"{len(atts)} attractor{'s' * (len(atts) != 1)} in {name} "
                                f"(columns '{name} #n' of the heatmap)")
    n_att = sum(len(a) for a in found.values())
    rep.summary = (f"{len(found)} environment{'s' * (len(found) != 1)}, {n_att} attractors "
                   f"({update} update)")
    return rep


def model_report(model: Model, *, max_loops: int = 60) -> Report:
    """The signed interaction graph, its modules, feedback loops and rules with evidence."""
    from .. import plot
    from ..loops import feedback_loops

    loops = feedback_loops(model)
    g = model.graph.copy()
    g.remove_edges_from([(n, n) for n in model.inputs if g.has_edge(n, n)])
    rep = Report(f"Model: {model.name or 'model'}", model)
    if model.manifest.title or model.manifest.description:
        rep.paragraph(" ".join(filter(None, (model.manifest.title,
                                             model.manifest.description))))
    rep.paragraph(f"{len(model.nodes)} nodes ({len(model.inputs)} inputs: "
                  f"{', '.join(model.inputs) or 'none'}; readouts: "
                  f"{', '.join(model.readouts) or 'none'}), {g.number_of_edges()} edges, "
                  f"{len(loops)} feedback loops "
                  f"({sum(l.sign == 'negative' for l in loops)} negative, "
                  f"{sum(l.sign == 'positive' for l in loops)} positive).")
    rep.heading("Interaction graph")
    rep.figure(plot.network(model, loops=loops, title=f"{model.name or 'model'}: signed "
                                                      "interaction graph"),
               "network",
               "Signed interaction graph, inputs at the top, readouts at the bottom. Solid dark "
               "arrows activate, dashed red bars inhibit; node colour is the module; edges on "
               "a negative (positive) feedback loop have an orange (blue) halo.")
    if model.manifest.modules:
        rep.heading("Modules")
        rep.table([{"module": k, "nodes": ", ".join(v)}
                   for k, v in model.manifest.modules.items()])
    rep.heading("Feedback loops")
    if not loops:
        rep.paragraph("The interaction graph has no feedback loops (self-loops of inputs "
                      "aside).")
    else:
        rep.paragraph("Simple cycles of the interaction graph (networkx `simple_cycles`), "
                      "shortest first; the sign of a loop is the product of its edge signs. "
                      "Negative loops can give oscillation or adaptation"
                      + (" (e.g. the S6K ⊣ IRS1 feedback behind AKT re-activation under "
                         "rapalogs)" if g.has_edge("S6K", "IRS1") else "")
                      + ", positive loops multistability."
                      + (f" The {max_loops} shortest of {len(loops)} are listed."
                         if len(loops) > max_loops else ""))
        rep.table([{"#": i, "loop": str(l), "length": len(l), "sign": l.sign}
                   for i, l in enumerate(loops[:max_loops], start=1)])
    rep.heading("Rules")
    of = {n: m for m, nodes in model.manifest.modules.items() for n in nodes}
    rep.table([{"node": n, "rule": f"`{model.rules[n]}`", "module": of.get(n, ""),
                "evidence": "; ".join(model.origins[n].refs) if n in model.origins else ""}
               for n in model.nodes])
    rep.summary = (f"{len(model.nodes)} nodes, {g.number_of_edges()} edges, "
                   f"{len(loops)} feedback loops")
    return rep


def validation_report(model: Model, *, update: str = "asynchronous") -> Report:
    """Each literature expectation of the manifest: expected, observed, pass/fail, reference."""
    from ..validate import validate

    rep = Report(f"Validation: {model.name or 'model'}", model)
    if not model.expectations:
        rep.paragraph("The model's manifest states no literature expectations.")
        rep.summary = "no expectations"
        return rep
    v = validate(model, update=update)
    c = v.counts()
    rep.paragraph(f"Each expectation of the manifest judged on the **{update}** attractors "
                  f"(see docs/semantics.md): **{c['pass']} pass, {c['fail']} fail, "
                  f"{c['known']} known disagreements**. \"on\"/\"off\" must hold in every "
                  "attractor; \"up\"/\"down\" compare weighted readout scores with the "
                  "reference condition.")
    rows = []
    for r in v.results:
        ex = r.expectation
        rows.append({"id": ex.id,
                     "condition": str(ex.condition) + (f" vs {ex.compare_to}"
                                                       if ex.compare_to else ""),
                     "expected": ", ".join(f"{ch.node} {ch.expected}" for ch in r.checks),
                     "observed": ", ".join(f"{ch.node} {ch.observed}" for ch in r.checks),
                     "status": r.status.upper() + (f": {ex.disagreement}"
                                                   if r.status == "known" else ""),
                     "reference": ex.ref})
    rep.table(rows)
    rep.summary = f"{c['pass']} pass, {c['fail']} fail, {c['known']} known disagreements"
    return rep


@dataclass(frozen=True)
class Section:
    """A report section: its folder name, title and the function that builds its `Report`."""

    folder: str
    title: str
    build: Callable[..., Report]


def drug_response_report(model: Model, **kwargs) -> Report:
    """Backgrounds × drugs heatmaps, drug-class comparison, combinations (boolmtor.drug_report)."""
    from .drug_report import drug_response_report as build

    return build(model, **kwargs)


def marker_report(model: Model, **kwargs) -> Report:
    """Markers per drug class and the seed biomarker statements (boolmtor.drug_report)."""
    from .drug_report import marker_report as build

    return build(model, **kwargs)


def control_report(model: Model, **kwargs) -> Report:
    """Minimal drug sets that control each tumour background (boolmtor.drug_report)."""
    from .drug_report import control_report as build

    return build(model, **kwargs)


def cell_line_report(model: Model, **kwargs) -> Report:
    """Cell lines × drug classes and each line's best drugs and pairs (boolmtor.panel_report)."""
    from .panel_report import cell_line_report as build

    return build(model, **kwargs)


SECTIONS: dict[str, Section] = {
    "model_figure": Section("model_figure", "Model figure", model_report),
    "attractor": Section("attractor", "Attractors", attractor_report),
    "drug_response": Section("drug_response", "Drug response", drug_response_report),
    "marker": Section("marker", "Sensitivity and resistance markers", marker_report),
    "control": Section("control", "Which interventions control each tumour background",
                       control_report),
    "cell_lines": Section("cell_lines", "Cell-line panel", cell_line_report),
    "validation": Section("validation", "Validation against the literature",
                          validation_report),
}
"""Sections of `report`, in order; other modules may add theirs (folder name -> Section)."""

SECTION_ORDER = ("model_figure", "attractor", "drug_response", "marker", "control", "cell_lines",
                 "validation")
"""Preferred order of sections in an index; others follow alphabetically."""


def section_key(folder: str) -> tuple:
    return (SECTION_ORDER.index(folder) if folder in SECTION_ORDER else len(SECTION_ORDER),
            folder)


def write_index(folder: str | Path, model: Model | None, entries: Sequence[Mapping[str, str]],
                command: str | None = None) -> None:
    """Write the top-level index (links to each section folder) into `folder`."""
    name = model.name if model is not None and model.name else "model"
    idx = Report(f"boolmtor report: {name}", model)
    from ..findings import lead
    lead(idx, folder)  # findings first, when an explorer section was written
    idx.paragraph("Each section is a self-contained page (figures embedded) with its "
                  "Markdown version (`report.md`, figures beside it). The header says how to "
                  "regenerate them.")
    idx.links(sorted(entries, key=lambda e: section_key(e["folder"])))
    failed = [e for e in entries if e.get("failed")]
    idx.summary = f"{len(entries) - len(failed)} sections" + (
        f", {len(failed)} failed" if failed else "")
    idx.render_into(folder, command)


def report(model: Model, out_dir: str | Path, *, sections: Sequence[str] | None = None,
           update: str = "asynchronous", command: str | None = None) -> Path:
    """Write the full report of `model` into `out_dir`: one folder per section, plus an index.

    The whole folder is replaced atomically. `sections` picks among `SECTIONS` (default: all).
    Returns the path of the index.html.
    """
    names = list(sections or SECTIONS)
    for n in names:
        if n not in SECTIONS:
            raise BoolmtorError(f"section must be one of {', '.join(SECTIONS)} (got {n!r})")
    if command is None:
        src = model.source
        load = f"bm.load_model({src!r})" if src else "<model>"
        command = (f"python -c \"import boolmtor as bm; bm.report({load}, "
                   f"{str(out_dir)!r})\"")
    entries = []
    with atomic_dir(out_dir) as tmp:
        for name in progress(names, "report sections"):
            sec = SECTIONS[name]
            kwargs = {"update": update} if sec.build in (attractor_report,
                                                         validation_report) else {}
            rep = sec.build(model, **kwargs)
            (tmp / sec.folder).mkdir()
            rep.render_into(tmp / sec.folder, command)
            entries.append({"folder": sec.folder, "title": rep.title, "summary": rep.summary})
        write_index(tmp, model, entries, command)
    return Path(out_dir) / "index.html"


# ============================================================================ scripts
def _on_sigterm(signum, frame):  # pragma: no cover - exercised by run_all
    raise SystemExit(128 + signum)


def script_main(name: str, build: Callable[[Model, argparse.Namespace], Report],
                argv: Sequence[str] | None = None, *, description: str = "",
                add_arguments: Callable[[argparse.ArgumentParser], None] | None = None) -> int:
    """The body of an ``analyses/`` script: parse ``--rules``/``--out``, build, write.

    `name` is the section folder (default output ``reports/<name>``); `build(model, args)`
    returns the `Report`. A user error prints one line and returns 2.
    """
    from ..model import load_model

    parser = argparse.ArgumentParser(description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", metavar="PATH", default=None,
                        help="a .bnet file or a rules folder with model.toml "
                             "(default: the curated mTOR model)")
    parser.add_argument("--out", metavar="DIR", default=f"reports/{name}",
                        help=f"output folder, replaced atomically (default: reports/{name})")
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        model = load_model(args.rules)
        path = build(model, args).write(args.out)
    except BoolmtorError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"wrote {path}")
    return 0
