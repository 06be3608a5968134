"""Exchange formats: read and write SBML-qual, write BoolNet and MaBoSS, accept primes/minibn.

Readers and writers come in pairs: `read(path)` / `write(model, path)`, `from_sbml` /
`to_sbml`, `from_primes` / `Model.primes`, `from_minibn` / `to_minibn`. Files are written
through a temporary sibling and renamed into place, and hold no date: the same model gives the
same bytes.
"""

from __future__ import annotations

from pathlib import Path

from .._io import atomic_write
from ..errors import BoolmtorError
from ..model import Model
from ..parser import decode
from .bnet import to_bnet
from .foreign import to_minibn
from .maboss import to_bnd, to_cfg
from .sbml import to_sbml

__all__ = ["FORMATS", "from_minibn", "from_primes", "from_sbml", "read", "to_bnd", "to_bnet",
           "to_cfg", "to_minibn", "to_sbml", "write"]

FORMATS = ("bnet", "sbml-qual", "maboss")
"""What `write` writes; `read` reads "bnet" and "sbml-qual" (and rules folders)."""

_SUFFIXES = {".bnet": "bnet", ".sbml": "sbml-qual", ".xml": "sbml-qual", ".bnd": "maboss",
             ".cfg": "maboss"}


def from_sbml(text: str, path: str | None = None, *, strict: bool = False) -> Model:
    """A model from SBML-qual XML text; errors name `path` and the line (`Model.from_sbml`)."""
    return Model.from_sbml(text, path, strict=strict)


def from_primes(primes, name: str = "") -> Model:
    """A model from pyboolnet prime implicants `{node: [off-primes, on-primes]}`: each rule is
    the disjunction of the node's on-primes (`Model.from_primes`)."""
    return Model.from_primes(primes, name)


def from_minibn(network, name: str = "") -> Model:
    """A model from a colomoto `minibn.BooleanNetwork` (`Model.from_minibn`)."""
    return Model.from_minibn(network, name)


def format_of(path: str | Path, format: str | None = None) -> str:
    """The format named, else the one the file's suffix implies (`.sbml`/`.xml`: SBML-qual)."""
    if format is not None:
        if format not in FORMATS:
            raise BoolmtorError(f"format must be one of {', '.join(FORMATS)} (got {format!r})")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise BoolmtorError(f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}"
                            f"; use .bnet, .sbml, .xml or .bnd, or give format= one of "
                            f"{', '.join(FORMATS)}")
    return _SUFFIXES[suffix]


def read(path: str | Path, format: str | None = None, *, strict: bool = False) -> Model:
    """A model from a `.bnet` file, a rules folder, or an SBML-qual file (`.sbml`, `.xml`);
    `strict=True`: a regulator without a rule is an error, not a free input."""
    p = Path(path)
    if p.is_dir() or (format is None and p.suffix.lower() not in (".sbml", ".xml")) \
            or format == "bnet":
        return Model.from_file(p, strict=strict)
    if format_of(p, format) != "sbml-qual":
        raise BoolmtorError(f"{p}: boolmtor writes {format} but does not read it; read "
                            ".bnet or SBML-qual")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise BoolmtorError(f"{p}: cannot read SBML-qual file ({exc.strerror})") from None
    return from_sbml(decode(data, str(p)), str(p), strict=strict)


def write(model: Model, path: str | Path, format: str | None = None) -> tuple[Path, ...]:
    """Write `model` in `format` (default: from the suffix); returns the files written.

    "maboss" writes two files: `path` with suffix `.bnd` and the same name with `.cfg`.
    """
    fmt = format_of(path, format)
    p = Path(path)
    if fmt == "bnet":
        files = {p: to_bnet(model)}
    elif fmt == "sbml-qual":
        files = {p: to_sbml(model)}
    else:
        files = {p.with_suffix(".bnd"): to_bnd(model), p.with_suffix(".cfg"): to_cfg(model)}
    for target, text in files.items():
        if target.is_dir():
            raise BoolmtorError(f"{target} is a folder; give a file name to write")
        if not target.parent.is_dir():
            raise BoolmtorError(f"{target.parent}: output folder does not exist")
        try:
            atomic_write(target, text)
        except OSError as exc:
            raise BoolmtorError(f"{target}: cannot write ({exc.strerror or exc})") from None
    return tuple(files)
