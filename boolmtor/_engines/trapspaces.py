"""Most-permissive attractors (minimal trap spaces) and fixed points.

The default engine is biodivine-aeon's symbolic `TrapSpaces` / `FixedPoints` (BDDs over the
update functions: no prime implicants, which blow up on wide rules); `engine="pyboolnet"`
uses pyboolnet's ASP encoding over the prime implicants (`Model.primes`).
"""

from __future__ import annotations

import sys

from ..errors import BoolmtorError, LimitExceededError
from ..results import Attractor

MAX_OUTPUT = 100_000
ENGINES = ("aeon", "pyboolnet")
"""Engines of fixed points and minimal trap spaces; the first is the default."""


def _too_many(what: str) -> LimitExceededError:
    return LimitExceededError(f"more than {MAX_OUTPUT} {what}; fix some inputs with an "
                              "environment to split the problem")


def check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise BoolmtorError(f"engine must be one of {', '.join(ENGINES)} (got {engine!r})")


def _aeon_spaces(model, minimal: bool) -> list[dict[str, int]]:
    """Minimal trap spaces (`minimal`) or fixed points, by AEON, as dicts of fixed nodes."""
    import biodivine_aeon as ba

    from . import aeon

    bn = aeon.network({n: model.rule(n) for n in model.nodes})
    spaces: ba.SpaceSet | ba.VertexSet
    if minimal:
        ctx = ba.SymbolicSpaceContext(bn)
        spaces = ba.TrapSpaces.minimal_symbolic(ctx, ba.AsynchronousGraph(bn, ctx)).spaces()
    else:
        spaces = ba.FixedPoints.symbolic_vertices(ba.AsynchronousGraph(bn))
    if spaces.cardinality() >= MAX_OUTPUT:
        raise _too_many("minimal trap spaces" if minimal else "fixed points")
    return [{k: int(v) for k, v in s.to_named_dict().items() if v is not None} for s in spaces]


def _pyboolnet_spaces(model, minimal: bool) -> list[dict[str, int]]:
    from .._pyboolnet import compute_steady_states, compute_trap_spaces

    found = (compute_trap_spaces(model._primes, "min", max_output=MAX_OUTPUT) if minimal
             else compute_steady_states(model._primes, max_output=MAX_OUTPUT))
    if len(found) >= MAX_OUTPUT:
        raise _too_many("minimal trap spaces" if minimal else "fixed points")
    return found


def minimal_trap_spaces(model, engine: str = "aeon") -> list[Attractor]:
    """Minimal trap spaces: the attractors of the most-permissive update."""
    check_engine(engine)
    return _as_attractors(model, (_aeon_spaces if engine == "aeon" else _pyboolnet_spaces)(
        model, True))


MPBN_RESERVED = ("and", "or", "not", "true", "false", "TRUE", "FALSE")
"""Words mpbn's rule parser (boolean.py) would read as operators or constants."""


def reachable_minimal_trap_spaces(model, initial: dict[str, int]) -> list[Attractor]:
    """The most-permissive attractors reachable from the (partial) state `initial`: minimal
    trap spaces reachable under most-permissive update, by mpbn's ASP encoding (Pauleve et al.
    2020, Nat. Commun. 11:4256, doi:10.1038/s41467-020-18112-5); a partial state counts every
    state that matches it."""
    from .. import expr as E
    from ..names import safe_ids

    safe = safe_ids(model.nodes, reserved=MPBN_RESERVED)
    back = {v: k for k, v in safe.items()}
    limit = sys.getrecursionlimit()
    try:  # mpbn's rule code is recursive and raises the limit on import: here only
        sys.setrecursionlimit(max(limit, 100_000))
        import mpbn

        net = mpbn.MPBooleanNetwork({safe[n]: E.to_bnet(E.rename(model.rule(n), safe))
                                     for n in model.nodes})
        found = list(net.attractors(reachable_from={safe[n]: v for n, v in initial.items()},
                                    limit=MAX_OUTPUT))
    finally:
        sys.setrecursionlimit(limit)
    spaces = [{back[k]: int(v) for k, v in space.items() if v != "*"} for space in found]
    if len(spaces) >= MAX_OUTPUT:
        raise _too_many("reachable minimal trap spaces")
    return _as_attractors(model, spaces)


def _as_attractors(model, spaces) -> list[Attractor]:
    out, readouts = [], model.readouts  # a derived view: computed once, not per space
    for space in spaces:
        free = frozenset(n for n in model.nodes if n not in space)
        out.append(Attractor(space, free, 2 ** len(free), "most-permissive", readouts,
                             {n: 0.5 for n in free}, levels=model.levels))
    return out


def fixed_points(model, engine: str = "aeon") -> list[Attractor]:
    """Steady states (the same under every update scheme)."""
    check_engine(engine)
    states = (_aeon_spaces if engine == "aeon" else _pyboolnet_spaces)(model, False)
    readouts, levels = model.readouts, model.levels  # derived views: computed once
    return [Attractor(s, frozenset(), 1, "fixed-points", readouts, levels=levels)
            for s in states]
