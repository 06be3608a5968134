"""Drug response: readout scores before and after a drug, net growth, GR, and drug tables.

See docs/semantics.md, "Drug response" and "Drug-class comparison". Pairs of drugs are in
`boolmtor.combinations`.

Examples
--------
>>> import boolmtor as bm
>>> r = bm.response(bm.load_model(), "rapamycin", environment="growth")
>>> r.delta["PROLIFERATION"] < 0 and r.efficacy > 0
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .errors import BoolmtorError, UnknownNameError
from .interventions import Intervention, prepare
from .model import Model, Perturbation, _names
from .results import Attractor
from .scores import scores
from .types import FrozenMap
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED, carry_over, weighted_attractors
from ._engines.aeon import with_timeout

if TYPE_CHECKING:
    from .confidence import Confidence

EFFICACY_SIGNS: Mapping[str, int] = FrozenMap({"PROLIFERATION": -1, "APOPTOSIS": +1})
"""Net growth = PROLIFERATION - APOPTOSIS; without both, efficacy = sum of sign * delta."""

KEY_NODES: tuple[str, ...] = ("AKT", "MTORC1", "MTORC2", "S6K", "EIF4EBP1", "ERK", "PI3K")
"""Nodes shown in `compare_drugs` tables (those the model has), besides the readouts."""

WILD_TYPE = "wild type"
"""The `background` label of rows without a genetic background."""

STARTS = ("untreated", "global")

TIE = 1e-9
"""Two values closer than this are equal (ties, "grows" means net growth > TIE)."""

KIND_THRESHOLD = 0.1
"""A cytostatic or cytotoxic part at least this large names the response's kind."""

Kind = Literal["cytotoxic", "cytostatic", "none"]
"""What a drug mainly does: raises apoptosis, stops proliferation, or neither (see `kind`)."""

NO_DIFFERENCE = "no class or pair differs in this model for this background"
"""What tables and reports say instead of naming a tie-broken winner."""

Spec = "str | Intervention | Perturbation | Mapping"
"""A drug name, "KO:NODE", "OE:NODE", a Perturbation, a dict or an Intervention."""


def objective(model: Model) -> dict[str, int]:
    """The readouts efficacy is made of, with their signs (+1: the drug should raise it).

    PROLIFERATION (-1) and APOPTOSIS (+1) where the model has them; a model with neither
    counts every readout with -1 (a drug is effective when it switches readouts off).
    """
    signs = {n: s for n, s in EFFICACY_SIGNS.items() if n in model.nodes}
    return signs or {r: -1 for r in model.readouts}


def leaders(values: Mapping[str, float]) -> tuple[str, ...]:
    """Every key whose value is within TIE of the largest (more than one: a tie)."""
    if not values:
        return ()
    top = max(values.values())
    return tuple(k for k, v in values.items() if v >= top - TIE)


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


@dataclass(frozen=True)
class Response:
    """Scores of every node without and with the drug(s), in one background and environment.

    `untreated` and `treated` map every node to its score; `delta` is treated - untreated per
    readout. Net growth N = score(PROLIFERATION) - score(APOPTOSIS); when the untreated
    tumour grows (N > 0), `gr` = N_treated / N_untreated clipped to [-1, 1] and `efficacy` =
    1 - gr, split into `cytostatic` + `cytotoxic` parts (docs/semantics.md, "Drug
    response"). `exact` is False when some weight is a Monte-Carlo estimate.
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
        if not self.growing:
            return None
        return _clip(self.net_growth_treated / self.net_growth_untreated, -1.0, 1.0)

    def _parts(self) -> tuple[float, float] | None:
        """(cytostatic, cytotoxic); normalised by N_untreated and sharing the clip of gr."""
        if not self._has_growth:
            return None
        cs = self.untreated["PROLIFERATION"] - self.treated["PROLIFERATION"]
        ct = self.treated["APOPTOSIS"] - self.untreated["APOPTOSIS"]
        if not self.growing:
            return cs, ct
        n = self.net_growth_untreated
        cs, ct = cs / n, ct / n
        raw, clipped = cs + ct, 1.0 - self.gr
        if abs(raw - clipped) > 1e-12:  # gr was clipped: both parts scale alike
            cs, ct = cs * clipped / raw, ct * clipped / raw
        return cs, ct

    @property
    def cytostatic(self) -> float | None:
        """Fall of proliferation, per unit of untreated net growth (raw if not growing)."""
        parts = self._parts()
        return None if parts is None else parts[0]

    @property
    def cytotoxic(self) -> float | None:
        """Rise of apoptosis, per unit of untreated net growth (raw if not growing)."""
        parts = self._parts()
        return None if parts is None else parts[1]

    @property
    def efficacy(self) -> float:
        """1 - gr for a growing tumour (0 no effect, 1 cytostatic, up to 2 cytotoxic); raw
        fall of proliferation + rise of apoptosis if it does not grow; without both readouts
        the sum of sign * delta over `objective`."""
        if self.growing:
            return 1.0 - self.gr
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
        """A growing tumour whose treated net growth stays positive (0 < efficacy < 1)."""
        return bool(self.growing) and self.kind != "none" and self.efficacy < 1.0 - TIE

    @property
    def description(self) -> str:
        """Kind in words, e.g. "partial cytostatic", "cytotoxic", "no effect"."""
        kind = self.kind
        if kind is None:
            return "efficacy from the readouts' signs"
        words = "no effect" if kind == "none" else ("partial " * self.partial) + kind
        return words if self.growing else words + " (untreated tumour does not grow)"

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
                  "GR undefined: the untreated tumour does not grow, efficacy unnormalised")
            rows.append(f"  {gr}")
            rows.append(f"  efficacy {self.efficacy:+.3f} = cytostatic {self.cytostatic:+.3f}"
                        f" + cytotoxic {self.cytotoxic:+.3f}: {self.description}")
        else:
            terms = " ".join(f"{'+' if s > 0 else '-'}d{n}" for n, s in self.objective.items())
            rows.append(f"  efficacy {self.efficacy:+.3f}  ({terms})")
        if self.confidence is not None:
            rows.append(f"  confidence: {self.confidence}")
        return "\n".join(rows)


def _check_start(start: str) -> None:
    if start not in STARTS:
        raise BoolmtorError(f"start must be one of {', '.join(STARTS)} (got {start!r})")


def _environment_label(environment) -> str | None:
    if environment is None or isinstance(environment, str):
        return environment
    return ", ".join(f"{k}={v}" for k, v in environment.items())


def _specs(drug) -> tuple:
    """One intervention spec or a list of them, as a tuple."""
    if isinstance(drug, (str, Mapping, Perturbation, Intervention)) or \
            not isinstance(drug, Iterable):
        return (drug,)
    return tuple(drug)


@with_timeout
def response(model: Model, drug, background: str | Iterable[str] | None = None,
             environment: str | Mapping[str, int] | None = "growth", start: str = "untreated",
             update: str = "asynchronous", *, seed: int = DEFAULT_SEED,
             samples: int = DEFAULT_SAMPLES, confidence: bool = False) -> Response:
    """Untreated versus treated readout scores of `model` under `drug` (one or a list).

    Parameters
    ----------
    drug : a drug name of the manifest (aliases accepted), "KO:NODE", "OE:NODE", a
        bm.Perturbation holding one of those, an ad-hoc drug {"name": ..., "targets":
        {node: 0/1}}, a bm.Intervention, or a list of them (applied together).
    background : None (wild type), a background name, or a list of names (applied together).
    environment : an environment name (default "growth"), a dict of input values, or None.
    start : "untreated" (default): the treated network starts from the untreated attractors'
        states, which carry their weights over; "global": treated attractors with global
        weights, as if the cell started anywhere.
    update : "asynchronous" (weighted, exact where feasible), or "stochastic": scores are
        MaBoSS probabilities at the end of the run (`samples` trajectories, `seed`; see
        `bm.simulate`), with no attractors. Other schemes need start="global" and weigh
        attractors equally.
    seed, samples : for Monte-Carlo weight estimates, where exact weights are not feasible.
    confidence : also judge the call (sign of efficacy) under the other update schemes and
        over the `# alt:` rule variants (`Response.confidence`; costly).
    """
    _check_start(start)
    specs = _specs(drug)
    if not specs:
        raise BoolmtorError("response needs at least one drug")
    base = model
    model, found = prepare(model, specs)
    backgrounds = _backgrounds(model, _names(background))
    before_p = Perturbation(backgrounds=backgrounds)
    after_p = before_p
    for i in found:
        after_p = after_p + i.perturbation()
    labels = tuple(i.label for i in found)
    untreated = model.perturb(before_p, environment=environment)
    treated = model.perturb(after_p, environment=environment)
    env = _environment_label(environment)
    if update == "stochastic":  # MaBoSS: node probabilities at the end of the run
        from .stochastic import stochastic_scores
        u_scores, t_scores = stochastic_scores(untreated, treated, start, seed=seed,
                                               sample_count=samples)
        result = Response(labels, backgrounds, env, start, update, model.readouts, u_scores,
                          t_scores, objective(model), exact=False, interventions=found)
    else:
        if update == "asynchronous":
            if start == "untreated":
                before, after = carry_over(untreated, treated, seed, samples)
            else:
                before = weighted_attractors(untreated, seed=seed, samples=samples)
                after = weighted_attractors(treated, seed=seed, samples=samples)
        else:
            if start != "global":
                raise BoolmtorError(f"start='untreated' needs update='asynchronous' (got "
                                    f"{update!r}); use start='global'")
            from .attractors import attractors
            before = attractors(model, update, environment, before_p)
            after = attractors(model, update, environment, after_p)
        exact = all(a.weight_error == 0.0 for a in before + after)
        result = Response(labels, backgrounds, env, start, update, model.readouts,
                          scores(before, model.nodes), scores(after, model.nodes),
                          objective(model), before, after, exact, found)
    if not confidence:
        return result
    from dataclasses import replace
    from .confidence import assess, response_call

    def compute(m: Model, u: str, s: str):
        r = response(m, specs, background, environment, s, u, seed=seed, samples=samples)
        return {(): (response_call(r.efficacy), r.efficacy)}

    main = {(): (response_call(result.efficacy), result.efficacy)}
    return replace(result, confidence=assess(base, compute, main, update, start)[()])


# ---------------------------------------------------------------------------- tables
def default_environments(model: Model) -> tuple:
    """The manifest's tumour environments, else all its environments, else (None,)."""
    return (model.manifest.tumour_environments or tuple(model.environments) or (None,))


def representatives(model: Model) -> tuple[str, ...]:
    """One drug per drug class: the first the manifest lists."""
    seen: dict[str, str] = {}
    for drug in model.drugs.values():
        seen.setdefault(drug.drug_class, drug.name)
    return tuple(seen.values())


def _environments(model: Model, environments) -> tuple:
    if environments is None:
        return default_environments(model)
    if isinstance(environments, (str, Mapping)):
        return (environments,)
    envs = tuple(environments)
    if not envs:
        raise BoolmtorError("environments must name at least one environment")
    return envs


def _drugs(model: Model, drug, caller: str) -> tuple[str, ...]:
    """Manifest names of a drug or combination (aliases resolved); at least one."""
    drugs = tuple(model.drug(d).name for d in _names(drug))
    if not drugs:
        raise BoolmtorError(f"{caller} needs at least one drug")
    return drugs


def _backgrounds(model: Model, backgrounds) -> tuple[str, ...]:
    names = tuple(model.backgrounds) if backgrounds is None else _names(backgrounds)
    for name in names:
        if name not in model.backgrounds:
            raise UnknownNameError("background", name, model.backgrounds)
    return names
