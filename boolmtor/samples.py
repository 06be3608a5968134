"""Tumour samples as a table (sample -> alterations), and the shipped cell-line panel.

A samples file is tab-separated text: `#` lines are comments, the first other line is the
header, the first column names each sample and a column called `alterations` holds its
comma-separated alterations (in the vocabulary of the model's `[alterations]` table). Other
columns (tissue, source, ...) are kept. The cell-line panel of the curated model,
`rules/mtor/cell_lines.tsv`, has this format.

>>> import boolmtor as bm
>>> from boolmtor.samples import load_panel
>>> panel = load_panel()
>>> len(panel) >= 12 and all(s.fields["source"] for s in panel)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BoolmtorError
from .parser import decode
from .types import FrozenMap

PANEL = "cell_lines.tsv"
"""File name of the curated model's cell-line panel, beside its rules."""


@dataclass(frozen=True)
class Sample:
    """One tumour or cell line: its name, alterations and the other columns of its row."""

    name: str
    alterations: str
    fields: Mapping[str, str] = field(default_factory=lambda: FrozenMap({}))
    path: str = ""
    line: int = 0

    def __post_init__(self):
        object.__setattr__(self, "fields", FrozenMap(dict(self.fields)))

    @property
    def where(self) -> str:
        """`path:line` of the sample's row (for error messages)."""
        return f"{self.path}:{self.line}" if self.path else self.name


def read_samples(path: str | Path) -> tuple[Sample, ...]:
    """The samples of a tab-separated file (see the module docstring); a malformed file is a
    `BoolmtorError` naming the file and line."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise BoolmtorError(f"{p}: cannot read samples file ({exc.strerror})") from None
    rows = [(n, line) for n, line in enumerate(decode(data, str(p)).splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        raise BoolmtorError(f"{p}:1: no header; expected a tab-separated header such as "
                            "'sample<TAB>alterations'")
    head_line, head = rows[0]
    columns = [c.strip() for c in head.split("\t")]
    if "alterations" not in columns[1:]:
        raise BoolmtorError(f"{p}:{head_line}: the header needs a column 'alterations' after "
                            f"the sample name column (got {', '.join(columns)}); columns are "
                            "separated by tabs")
    samples: list[Sample] = []
    seen: dict[str, int] = {}
    for number, line in rows[1:]:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != len(columns):
            raise BoolmtorError(f"{p}:{number}: expected {len(columns)} tab-separated columns "
                                f"({', '.join(columns)}), got {len(cells)}")
        row = dict(zip(columns, cells))
        name = cells[0]
        if not name:
            raise BoolmtorError(f"{p}:{number}: empty sample name")
        if name in seen:
            raise BoolmtorError(f"{p}:{number}: sample {name!r} is defined twice (first at "
                                f"line {seen[name]})")
        if not row["alterations"]:
            raise BoolmtorError(f"{p}:{number}: sample {name!r} has no alterations; expected "
                                "a comma-separated list such as 'PTEN loss, KRAS G12D'")
        seen[name] = number
        samples.append(Sample(name, row["alterations"],
                              {k: v for k, v in row.items() if k not in (columns[0],
                                                                          "alterations")},
                              str(p), number))
    if not samples:
        raise BoolmtorError(f"{p}:{head_line}: no samples after the header")
    return tuple(samples)


def panel_path() -> Path:
    """The shipped cell-line panel (`rules/mtor/cell_lines.tsv`, package data in a wheel)."""
    from .model import packaged_rules

    return packaged_rules() / "mtor" / PANEL


def load_panel() -> tuple[Sample, ...]:
    """The shipped cell-line panel: widely used cancer cell lines, their published driver
    alterations and the source of each."""
    return read_samples(panel_path())
