"""Readout scores: the expected activity (or level, scaled) of nodes over a set of attractors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import BoolmtorError
from .results import Attractor


def scores(attractors: Sequence[Attractor], nodes: Iterable[str]) -> dict[str, float]:
    """Weighted mean score of each node over `attractors` (`Attractor.score`: the activity of
    a Boolean node, level / max level of a multi-level node).

    Weights are the attractors' `weight` when every attractor has one, else all equal.
    """
    if not attractors:
        raise BoolmtorError("no attractors to score (e.g. no fixed points under "
                            "update='fixed-points'); use another update scheme")
    given = [a.weight for a in attractors]
    weights = [1.0] * len(attractors) if None in given else [float(w or 0) for w in given]
    total = sum(weights)
    return {n: sum(w * a.score(n) for w, a in zip(weights, attractors)) / total
            for n in nodes}
