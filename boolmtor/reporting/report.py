"""Reports: Markdown and self-contained HTML, written atomically, with a reproducibility header.

A `Report` is a list of blocks (headings, paragraphs, tables, figures, links). `Report.write`
renders it into a folder as ``index.html`` (figures embedded as base64 PNG), ``report.md`` (with
the figures beside it in ``figures/``) and ``report.json`` (title, summary, header). The folder
is built in a temporary sibling directory and moved into place with `os.replace`, so an
interruption never leaves a half-written report. Every report starts with a header naming the
model and its version (hash of its rules), the package version, the date and the exact command
that made it.

The section builders (`model_report`, `attractor_report`, `validation_report`, and
`drug_response_report` / `marker_report` from `boolmtor.drug_report`, `cell_line_report` from
`boolmtor.panel_report`) hold the analysis; the scripts in ``analyses/`` and `report` (``bm.report``) only call them.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import datetime as _dt
import html
import io
import json
import os
import re
import shlex
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._io import atomic_write, umask
from ..errors import BoolmtorError, LimitExceededError
from ..model import Model

__all__ = ["Report", "Section", "SECTIONS", "attractor_report", "atomic_dir", "atomic_write",
           "cell_line_report", "drug_response_report", "marker_report", "model_report", "progress", "report",
           "script_main", "validation_report", "write_index"]

COMMAND_ENV = "BOOLMTOR_REPORT_COMMAND"
"""Environment variable naming the command to record in the header (set by run_all.py)."""

META = "report.json"


def progress(iterable: Iterable, desc: str, total: int | None = None, **kwargs):
    """A tqdm progress bar on a terminal (stderr), silent otherwise."""
    from tqdm.auto import tqdm

    return tqdm(iterable, desc=desc, total=total, leave=False, dynamic_ncols=True,
                disable=not sys.stderr.isatty(), **kwargs)


def _package_version() -> str:
    from .. import __version__

    return __version__


def current_command() -> str:
    """The command that is running: `$BOOLMTOR_REPORT_COMMAND`, else this process's argv."""
    return os.environ.get(COMMAND_ENV) or shlex.join(getattr(sys, "orig_argv", sys.argv))


def report_date() -> _dt.datetime:
    """Now (UTC), or `$SOURCE_DATE_EPOCH` when set: reproducible builds get fixed dates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise BoolmtorError(f"SOURCE_DATE_EPOCH must be seconds since 1970 (got "
                                f"{epoch!r})") from None
    return _dt.datetime.now(_dt.timezone.utc)


# ============================================================================ atomic writing
def _is_replaceable(out: Path) -> bool:
    return (not out.exists() or (out.is_dir() and (not any(out.iterdir())
                                                   or (out / META).is_file())))


@contextlib.contextmanager
def atomic_dir(out: str | Path) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces `out`, on error it is removed.

    `out` must not exist, be empty, or be an earlier report (it holds ``report.json``); any
    other folder is refused rather than overwritten.
    """
    out = Path(out).absolute()
    if not _is_replaceable(out):
        raise BoolmtorError(f"{out} exists and is not a boolmtor report folder; "
                            "choose another output folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it private; a report is not
    try:
        yield tmp
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / out.name)
            try:
                os.replace(tmp, out)
            except BaseException:
                os.replace(old / out.name, out)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


# ============================================================================ inline markup
_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)")


def _inline_html(text: str) -> str:
    out, last = [], 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        code, bold, label, href = m.groups()
        if code is not None:
            out.append(f"<code>{html.escape(code)}</code>")
        elif bold is not None:
            out.append(f"<strong>{html.escape(bold)}</strong>")
        else:
            out.append(f'<a href="{html.escape(href)}">{html.escape(label)}</a>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else "–"
    return str(value)


def _md_cell(value) -> str:
    return _cell(value).replace("|", "\\|").replace("\n", "<br>")


# ============================================================================ the document
@dataclass
class _Figure:
    name: str
    png: bytes
    caption: str
    size: tuple[int, int]


@dataclass
class Report:
    """A report under construction: add blocks, then `write` it to a folder.

    >>> r = Report("Example")
    >>> r.paragraph("Some **bold** text and `code`.")
    >>> r.table([{"node": "AKT", "value": 1}])
    >>> print(r.to_markdown(header={"command": "python example.py"}))
    # Example
    <BLANKLINE>
    - **command**: `python example.py`
    <BLANKLINE>
    Some **bold** text and `code`.
    <BLANKLINE>
    | node | value |
    |---|---|
    | AKT | 1 |
    <BLANKLINE>
    """

    title: str
    model: Model | None = None
    summary: str = ""
    blocks: list[tuple] = field(default_factory=list)

    # ---------------------------------------------------------------- blocks
    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(("heading", level, text))

    def paragraph(self, text: str) -> None:
        """A paragraph; `code`, **bold** and Markdown links are rendered in HTML."""
        self.blocks.append(("paragraph", text))

    def bullets(self, items: Sequence[str]) -> None:
        self.blocks.append(("bullets", list(items)))

    def table(self, rows, columns: Sequence[str] | None = None, caption: str = "") -> None:
        """A table from a pandas DataFrame (index dropped) or a list of dicts."""
        if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
            columns = list(columns or rows.columns)
            rows = rows.to_dict("records")
        rows = list(rows)
        columns = list(columns or (rows[0].keys() if rows else []))
        self.blocks.append(("table", columns, [[r.get(c) for c in columns] for r in rows],
                            caption))

    def figure(self, fig, name: str, caption: str = "", dpi: int = 110) -> None:
        """A matplotlib figure, rendered to PNG now (`name` is its file name, without .png)."""
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            raise ValueError(f"figure name must be letters, digits, '_', '.', '-' (got {name!r})")
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.15,
                    facecolor="white")
        png = buf.getvalue()
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        self.blocks.append(("figure", _Figure(name, png, caption, (width, height))))

    def links(self, entries: Sequence[Mapping[str, str]]) -> None:
        """Links to sub-reports: each entry has `folder`, `title` and optionally `summary`
        (HTML links to folder/index.html, Markdown to folder/report.md)."""
        self.blocks.append(("links", [dict(e) for e in entries]))

    @property
    def figures(self) -> list[_Figure]:
        return [b[1] for b in self.blocks if b[0] == "figure"]

    # ---------------------------------------------------------------- header
    def header(self, command: str | None = None) -> dict[str, str]:
        """What the report was made from: model, versions, date and command."""
        head = {}
        if self.model is not None:
            m = self.model
            head["model"] = (f"{m.name or 'unnamed'} ({len(m.nodes)} nodes; "
                             f"source {m.source or 'rules text'})")
            head["model version"] = m.version
        head["boolmtor version"] = _package_version()
        head["date"] = report_date().strftime("%Y-%m-%d %H:%M:%S UTC")
        head["command"] = command or current_command()
        return head

    # ---------------------------------------------------------------- rendering
    def to_markdown(self, header: Mapping[str, str] | None = None) -> str:
        lines = [f"# {self.title}", ""]
        for key, value in (header or {}).items():
            lines.append(f"- **{key}**: " + (f"`{value}`" if key in ("command",
                                                                    "model version")
                                             else value))
        lines.append("")
        for block in self.blocks:
            kind = block[0]
            if kind == "heading":
                lines += ["#" * block[1] + " " + block[2], ""]
            elif kind == "paragraph":
                lines += [block[1], ""]
            elif kind == "bullets":
                lines += [f"- {item}" for item in block[1]] + [""]
            elif kind == "table":
                _, columns, rows, caption = block
                if caption:
                    lines += [f"*{caption}*", ""]
                lines.append("| " + " | ".join(_md_cell(c) for c in columns) + " |")
                lines.append("|" + "---|" * len(columns))
                lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
                lines.append("")
            elif kind == "figure":
                f = block[1]
                lines += [f"![{f.name}](figures/{f.name}.png)", ""]
                if f.caption:
                    lines += [f"*{f.caption}*", ""]
            elif kind == "links":
                for e in block[1]:
                    summary = f": {e['summary']}" if e.get("summary") else ""
                    lines.append(f"- [{e['title']}]({e['folder']}/report.md){summary}")
                lines.append("")
        return "\n".join(lines)

    def to_html(self, header: Mapping[str, str] | None = None) -> str:
        esc = html.escape
        body = [f"<h1>{esc(self.title)}</h1>"]
        if header:
            body.append('<table class="header">' + "".join(
                f"<tr><th>{esc(k)}</th><td>" + (f"<code>{esc(v)}</code>" if k in (
                    "command", "model version") else esc(v)) + "</td></tr>"
                for k, v in header.items()) + "</table>")
        for block in self.blocks:
            kind = block[0]
            if kind == "heading":
                level = min(block[1], 6)
                anchor = re.sub(r"[^a-z0-9]+", "-", block[2].lower()).strip("-")
                body.append(f'<h{level} id="{anchor}">{_inline_html(block[2])}</h{level}>')
            elif kind == "paragraph":
                body.append(f"<p>{_inline_html(block[1])}</p>")
            elif kind == "bullets":
                body.append("<ul>" + "".join(f"<li>{_inline_html(i)}</li>" for i in block[1])
                            + "</ul>")
            elif kind == "table":
                _, columns, rows, caption = block
                cap = f"<caption>{_inline_html(caption)}</caption>" if caption else ""
                head = "".join(f"<th>{esc(_cell(c))}</th>" for c in columns)
                trs = "".join("<tr>" + "".join(f"<td>{_inline_html(_cell(v))}</td>" for v in r)
                              + "</tr>" for r in rows)
                body.append(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{trs}</tbody>"
                            "</table>")
            elif kind == "figure":
                f = block[1]
                data = base64.b64encode(f.png).decode()
                w, h = f.size
                body.append(f'<figure><img src="data:image/png;base64,{data}" '
                            f'alt="{esc(f.caption or f.name)}" width="{w}" height="{h}">'
                            + (f"<figcaption>{_inline_html(f.caption)}</figcaption>"
                               if f.caption else "") + "</figure>")
            elif kind == "links":
                items = "".join(
                    f'<li><a href="{esc(e["folder"])}/index.html">{esc(e["title"])}</a>'
                    + (f" — {_inline_html(e['summary'])}" if e.get("summary") else "")
                    + "</li>" for e in block[1])
                body.append(f'<ul class="sections">{items}</ul>')
        return _PAGE.format(title=esc(self.title), body="\n".join(body))

    def render_into(self, folder: str | Path, command: str | None = None) -> None:
        """Write index.html, report.md, report.json and figures/ into an existing folder."""
        folder = Path(folder)
        header = self.header(command)
        if self.figures:
            (folder / "figures").mkdir(exist_ok=True)
            for f in self.figures:
                (folder / "figures" / f"{f.name}.png").write_bytes(f.png)
        (folder / "report.md").write_text(self.to_markdown(header), encoding="utf-8")
        (folder / "index.html").write_text(self.to_html(header), encoding="utf-8")
        meta = {"title": self.title, "summary": self.summary, "header": header,
                "figures": [f"figures/{f.name}.png" for f in self.figures]}
        (folder / META).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    def write(self, out_dir: str | Path, command: str | None = None) -> Path:
        """Write the report into `out_dir` atomically; returns the path of its index.html."""
        with atomic_dir(out_dir) as tmp:
            self.render_into(tmp, command)
        return Path(out_dir) / "index.html"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }}
h1 {{ border-bottom: 2px solid #444; padding-bottom: .3rem; }}
h2 {{ border-bottom: 1px solid #bbb; margin-top: 2rem; }}
table {{ border-collapse: collapse; margin: .8rem 0; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .25rem .55rem; text-align: left;
          vertical-align: top; }}
thead th {{ background: #eee; }}
table.header th {{ background: #f4f4f4; font-weight: 600; }}
caption {{ caption-side: top; text-align: left; font-style: italic; padding-bottom: .3rem; }}
figure {{ margin: 1rem 0; }}
figure img {{ max-width: 100%; height: auto; border: 1px solid #ddd; }}
figcaption {{ font-style: italic; font-size: .9rem; }}
code {{ background: #f3f3f3; padding: 0 .2rem; border-radius: 3px; }}
ul.sections li {{ margin: .3rem 0; }}
</style></head>
<body>
{body}
</body></html>
"""


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
