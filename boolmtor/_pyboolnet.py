"""pyboolnet, imported without its import-time side effects.

pyboolnet calls `logging.basicConfig(level=INFO, stream=stdout)` when imported and warns about
missing Graphviz programs. Both would print into our users' output (and into `--json`), so we
silence the warnings and remove that one root handler again, leaving any handler of the user's.
"""

from __future__ import annotations

import logging

_root = logging.getLogger()
_before = list(_root.handlers), _root.level
logging.getLogger("pyboolnet").setLevel(logging.ERROR)

import pyboolnet  # noqa: E402
from pyboolnet.file_exchange import bnet2primes  # noqa: E402,F401
from pyboolnet.interaction_graphs import primes2igraph  # noqa: E402,F401
from pyboolnet.prime_implicants import find_constants, percolate  # noqa: E402,F401
from pyboolnet.trap_spaces import compute_steady_states, compute_trap_spaces  # noqa: E402,F401

for _handler in _root.handlers[:]:
    if _handler not in _before[0]:
        _root.removeHandler(_handler)
_root.setLevel(_before[1])
logging.getLogger("pyboolnet").setLevel(logging.WARNING)

VERSION = pyboolnet.VERSION


def primes_of(rules) -> dict | None:
    """Prime implicants of `rules` (node -> expression tree) keyed by the names as written;
    BNetToPrime sees safe identifiers (`IL-6` -> `IL_6`). None when BNetToPrime fails."""
    from . import expr as E
    from .names import safe_ids

    safe = safe_ids(rules)
    back = {v: k for k, v in safe.items()}
    text = "".join(f"{safe[n]}, {E.to_bnet(E.rename(e, safe))}\n" for n, e in rules.items())
    primes = bnet2primes(text)
    if primes is None or all(k == v for k, v in safe.items()):
        return primes
    return renamed_primes(primes, back)


def renamed_primes(primes: dict, names) -> dict:
    """`primes` with every node name `n` replaced by `names[n]`."""
    return {names[n]: [[{names[v]: x for v, x in p.items()} for p in side] for side in pair]
            for n, pair in primes.items()}
