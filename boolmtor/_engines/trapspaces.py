"""Most-permissive attractors (minimal trap spaces) and fixed points.

The default engine is biodivine-aeon's symbolic `TrapSpaces` / `FixedPoints` (BDDs over the
update functions: no prime implicants, which blow up on wide rules); `engine="pyboolnet"`
uses pyboolnet's ASP encoding over the prime implicants (`Model.primes`).
"""

from __future__ import annotations

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
    spaces = (_aeon_spaces if engine == "aeon" else _pyboolnet_spaces)(model, True)
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
