"""The report document: a `Report` of blocks rendered to Markdown and self-contained HTML in a
folder written atomically, its reproducibility header, and the progress bars of the builders."""

from __future__ import annotations

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
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._io import umask
from ..errors import BoolmtorError
from ..model import Model


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
