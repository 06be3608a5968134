"""Readout scores: the expected activity of nodes over a set of attractors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .results import Attractor


def scores(attractors: Sequence[Attractor], nodes: Iterable[str]) -> dict[str, float]:
    """Weighted mean activity of each node over `attractors`.

    Weights are the attractors' `weight` when every attractor has one, else all equal.
    """
    if not attractors:
        raise ValueError("no attractors to score")
    weights = [a.weight for a in attractors]
    if any(w is None for w in weights):
        weights = [1.0] * len(attractors)
    total = sum(weights)
    return {n: sum(w * a.activity(n) for w, a in zip(weights, attractors)) / total
            for n in nodes}
