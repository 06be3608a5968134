"""Node names as written, and safe identifiers for the formats and tools that need them.

boolmtor keeps every name a model file uses (`4EBP1`, `IL-6`, `Bcl.2`, `PI3K{p}`); SBML ids,
MaBoSS and pyboolnet's prime-implicant tool accept only `[A-Za-z_][A-Za-z0-9_]*`, so names
are mapped to such identifiers at that boundary, and back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_UNSAFE_CHAR = re.compile(r"[^A-Za-z0-9_]")


def safe_ids(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """Each name -> an identifier `[A-Za-z_][A-Za-z0-9_]*`, itself when it already is one and
    is not `reserved`; others get '_' for each other character (and a leading '_' before a
    digit), then as many trailing '_' as keep them distinct."""
    names = list(names)
    reserved = frozenset(reserved)
    out = {n: n for n in names if _SAFE.match(n) and n not in reserved}
    taken = set(out) | reserved
    for n in names:
        if n in out:
            continue
        ident = _UNSAFE_CHAR.sub("_", n)
        if not _SAFE.match(ident):
            ident = "_" + ident
        while ident in taken:
            ident += "_"
        out[n] = ident
        taken.add(ident)
    return out
