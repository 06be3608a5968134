"""Most-permissive attractors (minimal trap spaces) and fixed points with pyboolnet's ASP encoding."""

from __future__ import annotations

from .._pyboolnet import compute_steady_states, compute_trap_spaces

from ..errors import LimitExceededError
from ..results import Attractor

MAX_OUTPUT = 100_000


def _checked(found: list, what: str) -> list:
    if len(found) >= MAX_OUTPUT:
        raise LimitExceededError(f"more than {MAX_OUTPUT} {what}; fix some inputs with an "
                                 "environment to split the problem")
    return found


def minimal_trap_spaces(model) -> list[Attractor]:
    """Minimal trap spaces: the attractors of the most-permissive update."""
    spaces = _checked(compute_trap_spaces(model._primes, "min", max_output=MAX_OUTPUT),
                      "minimal trap spaces")
    out = []
    for space in spaces:
        free = frozenset(n for n in model.nodes if n not in space)
        out.append(Attractor(space, free, 2 ** len(free), "most-permissive", model.readouts,
                             {n: 0.5 for n in free}, levels=model.levels))
    return out


def fixed_points(model) -> list[Attractor]:
    """Steady states (the same under every update scheme)."""
    states = _checked(compute_steady_states(model._primes, max_output=MAX_OUTPUT),
                      "fixed points")
    return [Attractor(s, frozenset(), 1, "fixed-points", model.readouts, levels=model.levels)
            for s in states]
