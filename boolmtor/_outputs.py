"""Checks of every output path before any work starts, shared by every command that writes.

A bad output path found after minutes of computing throws the work away; these checks fail
first, with one line naming the option, the path and what is expected.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import BoolmtorError

TABLE_SUFFIXES = (".csv", ".parquet", ".pq")
"""What `screen --out` writes."""

EXPORT_SUFFIXES = {"bnet": (".bnet",), "sbml-qual": (".sbml", ".xml"),
                   "maboss": (".bnd", ".cfg", "")}
"""The suffixes each export format may be written under (maboss: FILE.bnd + FILE.cfg)."""

NOT_A_CHECKPOINT = (*TABLE_SUFFIXES, ".bnet", ".sbml", ".xml", ".bnd", ".cfg", ".json")
"""Suffixes of files a checkpoint must not be confused with."""


def _shown(suffixes) -> str:
    return ", ".join(s or "no suffix" for s in suffixes)


def check_suffix(path: str | Path, option: str, suffixes, what: str) -> None:
    """Refuse `path` unless it ends in one of `suffixes` ("" allows no suffix)."""
    suffix = Path(path).suffix.lower()
    if suffix not in suffixes:
        raise BoolmtorError(f"{option} {path}: {what} must end in {_shown(suffixes)} "
                            f"(got {suffix or 'no suffix'!r})")


def _probe(folder: Path, option: str, path) -> None:
    """Fail unless a file can be created in `folder` (also catches read-only mounts and ACLs)."""
    if not folder.is_dir():
        raise BoolmtorError(f"{option} {path}: the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".boolmtor-probe-", dir=folder)
    except OSError as exc:
        raise BoolmtorError(f"{option} {path}: cannot write in the folder {folder} "
                            f"({exc.strerror or exc})") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def check_file(path: str | Path | None, option: str, suffixes=None, what: str = "the file"
               ) -> Path | None:
    """An output file: the right suffix, not a folder, in an existing writable folder."""
    if path is None:
        return None
    p = Path(path)
    if suffixes is not None:
        check_suffix(p, option, suffixes, what)
    if p.is_dir():
        raise BoolmtorError(f"{option} {path} is a folder; give a file name to write")
    _probe(p.absolute().parent, option, path)
    if p.exists() and not os.access(p, os.W_OK):
        raise BoolmtorError(f"{option} {path}: the file exists and is not writable")
    return p


def check_folder(path: str | Path, option: str) -> Path:
    """An output folder (missing parents are created): its nearest existing folder is writable."""
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise BoolmtorError(f"{option} {path} is a file; give a folder name")
    existing = p.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise BoolmtorError(f"{option} {path}: {existing} is a file, not a folder")
    _probe(existing, option, path)
    return p


def check_distinct(**paths: str | Path | None) -> None:
    """Refuse two options naming the same file (`checkpoint` and `out`, say)."""
    seen: dict[Path, str] = {}
    for option, path in paths.items():
        if path is None:
            continue
        key = Path(path).absolute().resolve()
        if key in seen:
            raise BoolmtorError(f"--{seen[key]} and --{option} name the same file {path}; "
                                "give each its own name (e.g. s.ckpt and s.csv)")
        seen[key] = option


def check_checkpoint(path: str | Path | None, option: str = "--checkpoint") -> None:
    """A checkpoint file: boolmtor's own line file, never named like a table or a model."""
    if path is None:
        return
    if Path(path).suffix.lower() in NOT_A_CHECKPOINT:
        raise BoolmtorError(f"{option} {path}: a checkpoint is boolmtor's own file of finished "
                            "rows, not a table or a model; name it e.g. screen.ckpt")
    check_file(path, option)
