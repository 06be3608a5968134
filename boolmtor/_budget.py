"""Size limits checked before a rules file is parsed, against hostile or accidental input.

A 90 MB rules file would otherwise be parsed for minutes into gigabytes of memory. These checks
read the file as a stream (memory does not grow with its size) and stop at the first limit
passed, with one line naming it and the override.
"""

from __future__ import annotations

from pathlib import Path

from .errors import LimitExceededError

MAX_BYTES = 20_000_000
"""Largest rules file (or rules folder, all files together) loaded without an override."""

MAX_NODES = 10_000
"""Most rules (nodes) in a `.bnet` file or folder loaded without an override."""

MAX_RULE_CHARS = 100_000
"""Longest rule line loaded without an override."""

OVERRIDE = "pass --allow-large to load it anyway"


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in (".bnet", ".sbml", ".xml"))
    return [path] if path.is_file() else []


def check_rules_size(path: str | Path, *, max_bytes: int | None = None,
                     max_nodes: int | None = None, max_rule_chars: int | None = None) -> None:
    """Raise `LimitExceededError` if the rules at `path` pass a size limit (missing: no-op).

    The limits default to `MAX_BYTES`, `MAX_NODES` and `MAX_RULE_CHARS`.
    """
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    max_nodes = MAX_NODES if max_nodes is None else max_nodes
    max_rule_chars = MAX_RULE_CHARS if max_rule_chars is None else max_rule_chars
    files = _files(Path(path))
    size = sum(f.stat().st_size for f in files)
    if size > max_bytes:
        raise LimitExceededError(f"{path}: {size / 1e6:,.1f} MB of rules, more than the limit of "
                                 f"{max_bytes / 1e6:,.0f} MB; {OVERRIDE}")
    nodes = 0
    for f in files:
        if f.suffix.lower() != ".bnet":
            continue
        with f.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if len(line) > max_rule_chars:
                    raise LimitExceededError(
                        f"{f}:{number}: a rule of {len(line):,} characters, longer than the "
                        f"limit of {max_rule_chars:,}; {OVERRIDE}")
                text = line.strip()
                if text and not text.startswith(b"#") and (b"," in text or b"=" in text):
                    nodes += 1
                    if nodes > max_nodes:
                        raise LimitExceededError(
                            f"{path}: more than {max_nodes:,} rules (nodes), the limit; "
                            f"{OVERRIDE}")
