"""Typed, immutable results of the analyses."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .types import Activity, FrozenMap


@dataclass(frozen=True)
class Attractor:
    """One attractor: the nodes constant in it, those that oscillate, and how many states it has.

    `activities` holds, for each oscillating node, the share of the attractor's states in which
    it is 1. `weight` is the share of the state space that ends here (None when not computed).
    `levels` maps each multi-level node to its level nodes (X, X_2, ...), as `Model.levels`.
    """

    fixed: Mapping[str, int]
    oscillating: frozenset[str]
    size: int
    update: str
    readouts: tuple[str, ...] = ()
    activities: Mapping[str, float] = field(default_factory=lambda: FrozenMap({}))
    weight: float | None = None
    weight_error: float | None = None
    levels: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: FrozenMap({}))

    def __post_init__(self):
        # name order: iteration, repr and pickles do not depend on the engine or hash seed
        object.__setattr__(self, "fixed", FrozenMap(sorted(self.fixed.items())))
        object.__setattr__(self, "activities", FrozenMap(sorted(self.activities.items())))
        object.__setattr__(self, "oscillating", frozenset(self.oscillating))
        object.__setattr__(self, "levels", FrozenMap({b: tuple(ls) for b, ls
                                                      in sorted(self.levels.items())}))

    def activity(self, node: str) -> float:
        """Share of the attractor's states in which `node` is 1 (0 or 1 when it is constant)."""
        if node in self.fixed:
            return float(self.fixed[node])
        if node in self.activities:
            return self.activities[node]
        raise KeyError(f"{node!r} is not a node of this attractor")

    def value(self, node: str) -> Activity:
        """0 or 1 if `node` is constant in the attractor, else "osc"."""
        return self.fixed[node] if node in self.fixed else "osc"

    def level(self, node: str) -> Activity:
        """`node`'s level if constant in the attractor (0..k: how many of its level nodes are
        on; 0 or 1 for a Boolean node), else "osc"."""
        nodes = self.levels.get(node, (node,))
        if all(n in self.fixed for n in nodes):
            return sum(self.fixed[n] for n in nodes)
        return "osc"

    def score(self, node: str) -> float:
        """Mean of level / max level over the attractor's states, in [0, 1]: the mean activity
        of `node`'s level nodes (its activity for a Boolean node)."""
        return level_mean(self.activity, self.levels, node)

    @property
    def phenotype(self) -> Mapping[str, Activity]:
        """Each readout's level: 0, 1 (up to k for a multi-level readout) or "osc"."""
        return FrozenMap({r: self.level(r) for r in self.readouts})

    @property
    def is_fixed_point(self) -> bool:
        return not self.oscillating

    def pattern(self, nodes: Sequence[str]) -> str:
        """One character per node: 0, 1 or * (oscillating)."""
        return "".join(str(self.fixed[n]) if n in self.fixed else "*" for n in nodes)

    def to_dict(self) -> dict:
        return {"fixed": dict(sorted(self.fixed.items())), "oscillating": sorted(self.oscillating),
                "size": self.size, "update": self.update, "phenotype": dict(self.phenotype),
                "activities": dict(sorted(self.activities.items())), "weight": self.weight,
                "weight_error": self.weight_error,
                "levels": {b: self.level(b) for b in self.levels}}

    def __str__(self) -> str:
        kind = "fixed point" if self.is_fixed_point else f"{self.size} states"
        pheno = ", ".join(f"{k}={v}" for k, v in self.phenotype.items())
        weight = f", weight {self.weight:.3f}" if self.weight is not None else ""
        return f"Attractor({kind}{weight}; {pheno or 'no readouts'})"


def level_mean(value: Callable[[str], float], levels: Mapping[str, Sequence[str]],
               node: str) -> float:
    """`value` (an activity or probability) averaged over `node`'s level nodes: the score of a
    multi-level node, level / max level in [0, 1]; `value(node)` for a Boolean node."""
    nodes = levels.get(node, (node,))
    return sum(value(n) for n in nodes) / len(nodes)
