#!/usr/bin/env python
"""The curated model's citations: every `ref` quote and the seed text it quotes.

The five seed texts (publishers' abstracts and review full texts, no licence stated) are not
copied into the repository. Instead `rules/mtor/seed_quotes.json` records, for every
(seed file, quote) pair the model cites, that the quote was found verbatim in the seed, together
with the sha256 of each seed file it was checked against. Tests compare the model's citations
with that record on every run, and re-check each quote against the seed texts themselves when
the seeds are present (``BOOLMTOR_SEEDS`` or ``../shared/seeds`` beside the repository).

Run ``python tests/seed_quotes.py`` (seeds present) after adding or editing a ref to re-verify
every quote and rewrite the record; it exits non-zero, writing nothing, if a quote is not found.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules" / "mtor"
RECORD = RULES / "seed_quotes.json"
SEED_FILES = (
    "000_0d571e5e0c4997d6.txt", "001_3837e4450688a9f4.txt", "002_97e0c012a3367058.txt",
    "003_09bcf4bceecbc197.txt", "004_9d8d52564c9f8fe9.txt",
)
REF = re.compile(r'(?P<file>\S+)\s+"(?P<quote>.+)"\s*\Z')
# Primary literature: `<authors> <year> <journal>[, doi:... | PMID:... | vol:pages] "<quote>"`.
LITERATURE = re.compile(r'(?P<source>\S.*\b(?:19|20)\d\d\b.*?)\s+"(?P<quote>[^"]+)"\s*\Z')
# Whitespace, line breaks and hyphens (a hyphen may be a line-end hyphenation in the seed, or
# a real hyphen that a line break split) are ignored when matching a quote.
_IGNORED = re.compile(r"[\s\-\u00ad\u2010\u2011]+")


def seeds_dir() -> Path | None:
    """The folder of seed texts, if this machine has it."""
    for candidate in (os.environ.get("BOOLMTOR_SEEDS"), REPO.parent / "shared" / "seeds"):
        if candidate and all((Path(candidate) / f).is_file() for f in SEED_FILES):
            return Path(candidate)
    return None


def normalise(text: str) -> str:
    """`text` without whitespace and hyphens: what quote matching compares."""
    return _IGNORED.sub("", text)


IDENTIFIED = re.compile(r"\b(1[89]|20)\d\d\b.*\b(doi:10\.\S+|PMID:\d+)")
"""A primary-literature ref (DESIGN.md): a year, then a doi:<DOI> or PMID:<id>."""


def is_literature(ref: str) -> bool:
    """True for primary literature: `<authors> <year> <journal> ... "<quote>"`, or without a
    quote when it gives a DOI or PMID (`<authors> <year> <journal>, doi:<DOI>`)."""
    return literature_ref(ref) is not None or (
        parse_ref(ref) is None and IDENTIFIED.search(ref) is not None)


def parse_ref(ref: str) -> tuple[str, str] | None:
    """(seed file, quote) of a ``<seed file> "<quote>"`` reference, or None if it is not one."""
    m = REF.match(ref.strip())
    return (m["file"], m["quote"]) if m and m["file"] in SEED_FILES else None


def literature_ref(ref: str) -> tuple[str, str] | None:
    """(source, quote) of a primary-literature reference, or None if malformed."""
    m = LITERATURE.match(ref.strip())
    return (m["source"], m["quote"]) if m and parse_ref(ref) is None else None


def seed_pairs(model) -> set[tuple[str, str]]:
    """The (seed file, quote) pairs the model cites."""
    return {p for _, ref in citations(model) if (p := parse_ref(ref)) is not None}


def citations(model) -> list[tuple[str, str]]:
    """(where, ref text) of every reference the model makes: rules and manifest entries."""
    out = [(f"rule {n}", ref) for n in model.nodes for ref in model.origins[n].refs]
    for f in dataclasses.fields(model.manifest):  # environments, drugs, expectations, ...
        value = getattr(model.manifest, f.name)
        items = value.values() if isinstance(value, Mapping) else value
        if isinstance(items, (str, bytes)):
            continue
        for item in items:
            if isinstance(getattr(item, "ref", None), str):
                label = getattr(item, "name", None) or getattr(item, "id", "?")
                out.append((f"[{f.name}] {label}", item.ref))
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))


def missing_quotes(pairs, folder: Path) -> list[tuple[str, str]]:
    """The (file, quote) pairs whose quote is not in the seed `file` of `folder`."""
    texts = {f: normalise((folder / f).read_text(encoding="utf-8")) for f in SEED_FILES}
    return [(f, q) for f, q in pairs if f not in texts or normalise(q) not in texts[f]]


def main() -> int:
    sys.path.insert(0, str(REPO))
    import boolmtor as bm

    folder = seeds_dir()
    if folder is None:
        print("seed texts not found: set BOOLMTOR_SEEDS to the folder holding "
              f"{', '.join(SEED_FILES)}", file=sys.stderr)
        return 2
    model = bm.load_model(RULES)
    pairs, bad = set(), []
    for where, ref in citations(model):
        parsed = parse_ref(ref)
        if parsed is not None:
            pairs.add(parsed)
        elif not is_literature(ref):
            bad.append(f"{where}: malformed ref {ref!r}")
    bad += [f"{f}: quote not found: {q!r}" for f, q in missing_quotes(sorted(pairs), folder)]
    if bad:
        print("\n".join(bad), file=sys.stderr)
        return 1
    record = {
        "about": "Every (seed file, quote) pair cited by rules/mtor, verified verbatim against "
                 "the seed texts (ignoring whitespace, line breaks and hyphens) by "
                 "tests/seed_quotes.py; the seeds themselves are not redistributed.",
        "seeds": {f: sha256(folder / f) for f in SEED_FILES},
        "quotes": [{"file": f, "quote": q} for f, q in sorted(pairs)],
    }
    RECORD.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(pairs)} quotes verified against {folder}; wrote {RECORD.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
