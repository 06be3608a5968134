"""Typed, immutable results of the analyses."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .types import Activity, FrozenMap

if TYPE_CHECKING:
    from .confidence import Confidence
    from .interventions import Intervention

EFFICACY_SIGNS: Mapping[str, int] = FrozenMap({"PROLIFERATION": -1, "APOPTOSIS": +1})
"""Net growth = PROLIFERATION - APOPTOSIS; without both, efficacy = sum of sign * delta."""

TIE = 1e-9
"""Two values closer than this are equal (ties, "grows" means net growth > TIE)."""

KIND_THRESHOLD = 0.1
"""A cytostatic or cytotoxic part at least this large names the response's kind."""

Kind = Literal["cytotoxic", "cytostatic", "none"]
"""What a drug mainly does: raises apoptosis, stops proliferation, or neither (see `kind`)."""


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


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

    def _repr_html_(self) -> str:
        """A table of the nodes' values, as Jupyter shows the attractor."""
        from .reporting.display import attractor_html
        return attractor_html(self)

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


@dataclass(frozen=True)
class Response:
    """Scores of every node without and with the drug(s), in one background and environment.

    `untreated` and `treated` map every node to its score; `delta` is treated - untreated per
    readout. `efficacy` = `cytostatic` + `cytotoxic`: the share of untreated proliferation
    the drug removes plus the apoptosis it adds; net growth N = score(PROLIFERATION) -
    score(APOPTOSIS) and the growth-rate ratio `gr` = N_treated / N_untreated (growing
    tumours) are reported beside it (docs/semantics.md, "Drug response"). `exact` is False
    when some weight is a Monte-Carlo estimate.
    """

    drugs: tuple[str, ...]
    backgrounds: tuple[str, ...]
    environment: str | None
    start: str
    update: str
    readouts: tuple[str, ...]
    untreated: Mapping[str, float]
    treated: Mapping[str, float]
    objective: Mapping[str, int]
    untreated_attractors: tuple[Attractor, ...] = ()
    treated_attractors: tuple[Attractor, ...] = ()
    exact: bool = True
    interventions: tuple[Intervention, ...] = ()
    confidence: "Confidence | None" = None

    def __post_init__(self):
        for name in ("untreated", "treated", "objective"):
            object.__setattr__(self, name, FrozenMap(dict(getattr(self, name))))

    @property
    def delta(self) -> Mapping[str, float]:
        """Treated minus untreated score of each readout."""
        return FrozenMap({r: self.change(r) for r in self.readouts})

    def change(self, node: str) -> float:
        """Treated minus untreated score of any node."""
        return self.treated[node] - self.untreated[node]

    # ------------------------------------------------------------------ net growth and GR
    @property
    def _has_growth(self) -> bool:
        return set(self.objective) == set(EFFICACY_SIGNS)

    def _net(self, s: Mapping[str, float]) -> float | None:
        return s["PROLIFERATION"] - s["APOPTOSIS"] if self._has_growth else None

    @property
    def net_growth_untreated(self) -> float | None:
        """PROLIFERATION - APOPTOSIS score without the drug (None: the model lacks them)."""
        return self._net(self.untreated)

    @property
    def net_growth_treated(self) -> float | None:
        """PROLIFERATION - APOPTOSIS score with the drug (None: the model lacks them)."""
        return self._net(self.treated)

    @property
    def growing(self) -> bool | None:
        """The untreated tumour grows (net growth > 0); None without both readouts."""
        n = self.net_growth_untreated
        return None if n is None else n > TIE

    @property
    def gr(self) -> float | None:
        """Growth-rate inhibition analogue N_treated / N_untreated in [-1, 1] (None when the
        untreated tumour does not grow): 1 no effect, 0 cytostatic, < 0 cytotoxic."""
        untreated, treated = self.net_growth_untreated, self.net_growth_treated
        if not self.growing or untreated is None or treated is None:
            return None
        return _clip(treated / untreated, -1.0, 1.0)

    def _parts(self) -> tuple[float, float] | None:
        """(cytostatic, cytotoxic): the share of untreated proliferation the drug removes
        (clipped to [-1, 1]; -Pt when nothing proliferated) and the apoptosis it adds."""
        if not self._has_growth:
            return None
        pu, pt = self.untreated["PROLIFERATION"], self.treated["PROLIFERATION"]
        cs = _clip((pu - pt) / pu, -1.0, 1.0) if pu > TIE else -pt
        return cs, self.treated["APOPTOSIS"] - self.untreated["APOPTOSIS"]

    @property
    def cytostatic(self) -> float | None:
        """Share of the untreated proliferation score the drug removes, (Pu - Pt) / Pu."""
        parts = self._parts()
        return None if parts is None else parts[0]

    @property
    def cytotoxic(self) -> float | None:
        """Rise of the apoptosis score, At - Au."""
        parts = self._parts()
        return None if parts is None else parts[1]

    @property
    def efficacy(self) -> float:
        """cytostatic + cytotoxic, in [-2, 2] (0 no effect, 1 proliferation stopped, up to 2
        with full apoptosis); without both readouts the sum of sign * delta over `objective`."""
        parts = self._parts()
        if parts is not None:
            return parts[0] + parts[1]
        return sum(sign * self.change(n) for n, sign in self.objective.items())

    @property
    def kind(self) -> Kind | None:
        """"cytotoxic" if the cytotoxic part >= KIND_THRESHOLD, else "cytostatic" if the
        cytostatic part is, else "none" (None without both readouts)."""
        parts = self._parts()
        if parts is None:
            return None
        if parts[1] >= KIND_THRESHOLD - 1e-12:
            return "cytotoxic"
        return "cytostatic" if parts[0] >= KIND_THRESHOLD - 1e-12 else "none"

    @property
    def partial(self) -> bool:
        """A growing tumour that the drug slows but whose treated net growth stays positive."""
        treated = self.net_growth_treated
        return (bool(self.growing) and self.kind != "none"
                and treated is not None and treated > TIE)

    @property
    def description(self) -> str:
        """Kind in words, e.g. "partial cytostatic", "cytotoxic", "no effect"."""
        kind = self.kind
        if kind is None:
            return "efficacy from the readouts' signs"
        words = "no effect" if kind == "none" else ("partial " * self.partial) + kind
        return words if self.growing else words + " (untreated tumour does not grow)"

    def _repr_html_(self) -> str:
        """A table of the readouts' scores, as Jupyter shows the response."""
        from .reporting.display import response_html
        return response_html(self)

    @property
    def condition(self) -> str:
        return " + ".join([self.environment or "inputs free", *self.backgrounds]) or "wild type"

    def to_dict(self) -> dict:
        return {"drugs": list(self.drugs), "backgrounds": list(self.backgrounds),
                "environment": self.environment, "start": self.start, "update": self.update,
                "efficacy": self.efficacy, "gr": self.gr, "growing": self.growing,
                "net_growth_untreated": self.net_growth_untreated,
                "net_growth_treated": self.net_growth_treated,
                "cytostatic": self.cytostatic, "cytotoxic": self.cytotoxic,
                "kind": self.kind, "partial": self.partial, "description": self.description,
                "objective": dict(self.objective),
                "delta": dict(self.delta), "untreated": dict(self.untreated),
                "treated": dict(self.treated), "exact": self.exact,
                "interventions": [i.to_dict() for i in self.interventions],
                "untreated_attractors": [a.to_dict() for a in self.untreated_attractors],
                "treated_attractors": [a.to_dict() for a in self.treated_attractors],
                "confidence": self.confidence.to_dict() if self.confidence else None}

    def __str__(self) -> str:
        head = (f"Response to {' + '.join(self.drugs)} in {self.condition} "
                f"({self.update} update, start={self.start}"
                f"{'' if self.exact else ', weights estimated'})")
        width = max((len(r) for r in self.readouts), default=4)
        rows = [head, f"  {'readout':<{width}}  untreated  treated   delta"]
        for r in self.readouts:
            rows.append(f"  {r:<{width}}  {self.untreated[r]:9.3f}  {self.treated[r]:7.3f}  "
                        f"{self.change(r):+6.3f}")
        if self._has_growth:
            rows.append(f"  net growth (PROLIFERATION - APOPTOSIS): untreated "
                        f"{self.net_growth_untreated:+.3f}, treated "
                        f"{self.net_growth_treated:+.3f}")
            gr = (f"GR {self.gr:+.3f}" if self.growing else
                  "GR undefined: the untreated tumour does not grow")
            rows.append(f"  {gr}")
            rows.append(f"  efficacy {self.efficacy:+.3f} = cytostatic {self.cytostatic:+.3f}"
                        f" + cytotoxic {self.cytotoxic:+.3f}: {self.description}")
        else:
            terms = " ".join(f"{'+' if s > 0 else '-'}d{n}" for n, s in self.objective.items())
            rows.append(f"  efficacy {self.efficacy:+.3f}  ({terms})")
        if self.confidence is not None:
            rows.append(f"  confidence: {self.confidence}")
        return "\n".join(rows)


class Attractors(tuple):
    """The attractors `bm.attractors` returns: a tuple, shown in Jupyter as one table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .reporting.display import attractors_html
        return attractors_html(self)


def canonical(found, nodes) -> Attractors:
    """Attractors sorted by their 0/1/* pattern over `nodes` taken in name order (0 < 1 < *),
    then by size and activities: the order does not depend on the order of the rules."""
    names = sorted(nodes)
    return Attractors(sorted(found, key=lambda a: (a.pattern(names).replace("*", "2"), a.size,
                                              tuple(a.activity(n) for n in names))))
