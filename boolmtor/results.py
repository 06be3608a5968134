"""Typed, immutable results of the analyses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .types import Activity, FrozenMap


@dataclass(frozen=True)
class Attractor:
    """One attractor: the nodes constant in it, those that oscillate, and how many states it has.

    `activities` holds, for each oscillating node, the share of the attractor's states in which
    it is 1. `weight` is the share of the state space that ends here (None when not computed).
    """

    fixed: Mapping[str, int]
    oscillating: frozenset[str]
    size: int
    update: str
    readouts: tuple[str, ...] = ()
    activities: Mapping[str, float] = field(default_factory=lambda: FrozenMap({}))
    weight: float | None = None
    weight_error: float | None = None

    def __post_init__(self):
        # name order: iteration, repr and pickles do not depend on the engine or hash seed
        object.__setattr__(self, "fixed", FrozenMap(sorted(self.fixed.items())))
        object.__setattr__(self, "activities", FrozenMap(sorted(self.activities.items())))
        object.__setattr__(self, "oscillating", frozenset(self.oscillating))

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

    @property
    def phenotype(self) -> Mapping[str, Activity]:
        """Each readout's value: 0, 1 or "osc"."""
        return FrozenMap({r: self.value(r) for r in self.readouts})

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
                "weight_error": self.weight_error}

    def _repr_html_(self) -> str:
        """A table of the nodes' values, as Jupyter shows the attractor."""
        from .display import attractor_html
        return attractor_html(self)

    def __str__(self) -> str:
        kind = "fixed point" if self.is_fixed_point else f"{self.size} states"
        pheno = ", ".join(f"{k}={v}" for k, v in self.phenotype.items())
        weight = f", weight {self.weight:.3f}" if self.weight is not None else ""
        return f"Attractor({kind}{weight}; {pheno or 'no readouts'})"


class Attractors(tuple):
    """The attractors `bm.attractors` returns: a tuple, shown in Jupyter as one table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .display import attractors_html
        return attractors_html(self)
