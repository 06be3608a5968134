"""Drug response: readout scores before and after a drug, drug-class tables and combinations.

See docs/semantics.md, "Drug response" and "Drug-class comparison and combinations".

Examples
--------
>>> import boolmtor as bm
>>> r = bm.response(bm.load_model(), "rapamycin", environment="growth")
>>> r.delta["PROLIFERATION"] < 0 and r.efficacy > 0
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from .types import FrozenMap

from .errors import BoolmtorError, UnknownNameError
from .model import Model, Perturbation, _names
from .results import Attractor
from .scores import scores
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED, carry_over, weighted_attractors
from ._engines.aeon import with_timeout

EFFICACY_SIGNS: Mapping[str, int] = FrozenMap({"PROLIFERATION": -1, "APOPTOSIS": +1})
"""Efficacy = sum of sign * (treated - untreated) score over these readouts when present."""

KEY_NODES: tuple[str, ...] = ("AKT", "MTORC1", "MTORC2", "S6K", "EIF4EBP1", "ERK", "PI3K")
"""Nodes shown in `compare_drugs` tables (those the model has), besides the readouts."""

WILD_TYPE = "wild type"
"""The `background` label of rows without a genetic background."""

STARTS = ("untreated", "global")


def objective(model: Model) -> dict[str, int]:
    """The readouts efficacy is made of, with their signs (+1: the drug should raise it).

    PROLIFERATION (-1) and APOPTOSIS (+1) where the model has them; a model with neither
    counts every readout with -1 (a drug is effective when it switches readouts off).
    """
    signs = {n: s for n, s in EFFICACY_SIGNS.items() if n in model.nodes}
    return signs or {r: -1 for r in model.readouts}


@dataclass(frozen=True)
class Response:
    """Scores of every node without and with the drug(s), in one background and environment.

    `untreated` and `treated` map every node to its weighted mean activity (readout scores);
    `delta` is treated - untreated per readout; `efficacy` combines the deltas (see
    `objective`). `exact` is False when some weight is a Monte-Carlo estimate.
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

    @property
    def efficacy(self) -> float:
        """Sum of sign * delta over the objective readouts (e.g. -dPROLIFERATION + dAPOPTOSIS)."""
        return sum(sign * self.change(n) for n, sign in self.objective.items())

    def _repr_html_(self) -> str:
        """A table of the readouts' scores, as Jupyter shows the response."""
        from .display import response_html
        return response_html(self)

    @property
    def condition(self) -> str:
        return " + ".join([self.environment or "inputs free", *self.backgrounds]) or "wild type"

    def to_dict(self) -> dict:
        return {"drugs": list(self.drugs), "backgrounds": list(self.backgrounds),
                "environment": self.environment, "start": self.start, "update": self.update,
                "efficacy": self.efficacy, "objective": dict(self.objective),
                "delta": dict(self.delta), "untreated": dict(self.untreated),
                "treated": dict(self.treated), "exact": self.exact,
                "untreated_attractors": [a.to_dict() for a in self.untreated_attractors],
                "treated_attractors": [a.to_dict() for a in self.treated_attractors]}

    def __str__(self) -> str:
        head = (f"Response to {' + '.join(self.drugs)} in {self.condition} "
                f"({self.update} update, start={self.start}"
                f"{'' if self.exact else ', weights estimated'})")
        width = max((len(r) for r in self.readouts), default=4)
        rows = [head, f"  {'readout':<{width}}  untreated  treated   delta"]
        for r in self.readouts:
            rows.append(f"  {r:<{width}}  {self.untreated[r]:9.3f}  {self.treated[r]:7.3f}  "
                        f"{self.change(r):+6.3f}")
        terms = " ".join(f"{'+' if s > 0 else '-'}d{n}" for n, s in self.objective.items())
        rows.append(f"  efficacy {self.efficacy:+.3f}  ({terms})")
        return "\n".join(rows)


def _check_start(start: str) -> None:
    if start not in STARTS:
        raise BoolmtorError(f"start must be one of {', '.join(STARTS)} (got {start!r})")


def _environment_label(environment) -> str | None:
    if environment is None or isinstance(environment, str):
        return environment
    return ", ".join(f"{k}={v}" for k, v in environment.items())


@with_timeout
def response(model: Model, drug: str | Iterable[str], background: str | Iterable[str] | None = None,
             environment: str | Mapping[str, int] | None = "growth", start: str = "untreated",
             update: str = "asynchronous", *, seed: int = DEFAULT_SEED,
             samples: int = DEFAULT_SAMPLES) -> Response:
    """Untreated versus treated readout scores of `model` under `drug` (a name or a list).

    Parameters
    ----------
    drug : a drug name of the manifest (aliases accepted), or a list of them (a combination).
    background : None (wild type), a background name, or a list of names.
    environment : an environment name (default "growth"), a dict of input values, or None.
    start : "untreated" (default): the treated network starts from the untreated attractors'
        states, which carry their weights over; "global": treated attractors with global
        weights, as if the cell started anywhere.
    update : "asynchronous" (weighted, exact where feasible), or "stochastic": scores are
        MaBoSS probabilities at the end of the run (`samples` trajectories, `seed`; see
        `bm.simulate`), with no attractors. Other schemes need start="global" and weigh
        attractors equally.
    seed, samples : for Monte-Carlo weight estimates, where exact weights are not feasible.
    """
    _check_start(start)
    drugs = _drugs(model, drug, "response")
    backgrounds = _backgrounds(model, _names(background))
    before_p = Perturbation(backgrounds=backgrounds)
    after_p = before_p + Perturbation(drugs=drugs)
    untreated = model.perturb(before_p, environment=environment)
    treated = model.perturb(after_p, environment=environment)
    if update == "stochastic":  # MaBoSS: node probabilities at the end of the run
        from .stochastic import stochastic_scores
        u_scores, t_scores = stochastic_scores(untreated, treated, start, seed=seed,
                                               sample_count=samples)
        return Response(drugs, backgrounds, _environment_label(environment), start, update,
                        model.readouts, u_scores, t_scores, objective(model), exact=False)
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
    return Response(drugs, backgrounds, _environment_label(environment), start, update,
                    model.readouts, scores(before, model.nodes), scores(after, model.nodes),
                    objective(model), before, after, exact)


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


@with_timeout
def compare_drugs(model: Model, drugs: Sequence[str] | None = None,
                  backgrounds: Iterable[str] | None = None, environments=None,
                  nodes: Sequence[str] | None = None, start: str = "untreated", *,
                  seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES):
    """Drugs side by side: a pandas DataFrame, one row per (environment, background, drug).

    Backgrounds are the wild type plus `backgrounds` (default: all of the manifest's); drugs
    default to one per class; environments to `default_environments`. Columns: environment,
    background, drug, drug_class, efficacy, exact, then for each key node and readout its
    treated score (column named after the node) and `<node>_delta` (treated - untreated).
    """
    import pandas as pd

    _check_start(start)
    drugs = representatives(model) if drugs is None else tuple(_names(drugs))
    if not drugs:
        raise BoolmtorError("compare_drugs needs at least one drug (the manifest has none)")
    shown = ([n for n in KEY_NODES if n in model.nodes] if nodes is None
             else [model._node(n) for n in _names(nodes)])
    shown += [r for r in model.readouts if r not in shown]
    rows = []
    for env in _environments(model, environments):
        for bg in (None, *_backgrounds(model, backgrounds)):
            for d in drugs:
                r = response(model, d, bg, env, start, seed=seed, samples=samples)
                row = {"environment": r.environment, "background": bg or WILD_TYPE,
                       "drug": r.drugs[0], "drug_class": model.drug(d).drug_class,
                       "efficacy": r.efficacy, "exact": r.exact}
                for n in shown:
                    row[n] = r.treated[n]
                    row[f"{n}_delta"] = r.change(n)
                rows.append(row)
    return pd.DataFrame(rows)


@with_timeout
def combinations(model: Model, drugs: Sequence[str] | None = None,
                 background: str | Iterable[str] | None = None, environments=None,
                 start: str = "untreated", *, seed: int = DEFAULT_SEED,
                 samples: int = DEFAULT_SAMPLES):
    """Every pair of `drugs` (default: one per class): a pandas DataFrame per environment.

    Columns: environment, background, drug_a, drug_b, class_a, class_b, efficacy_a,
    efficacy_b, efficacy_pair, best_single and excess_over_best_single = efficacy_pair -
    max(efficacy_a, efficacy_b), a Boolean analogue of excess over the highest single agent
    (HSA). Pairs whose drugs force a node to opposite values raise an error.
    """
    import pandas as pd

    _check_start(start)
    drugs = representatives(model) if drugs is None else tuple(_names(drugs))
    drugs = tuple(dict.fromkeys(model.drug(d).name for d in drugs))
    if len(drugs) < 2:
        raise BoolmtorError(f"combinations needs at least two different drugs (got "
                            f"{len(drugs)})")
    bgs = _names(background)
    rows = []
    for env in _environments(model, environments):
        single = {d: response(model, d, bgs, env, start, seed=seed, samples=samples).efficacy
                  for d in drugs}
        for a, b in itertools.combinations(drugs, 2):
            pair = response(model, [a, b], bgs, env, start, seed=seed, samples=samples)
            best = max(single[a], single[b])
            rows.append({"environment": pair.environment,
                         "background": " + ".join(bgs) or WILD_TYPE, "drug_a": a, "drug_b": b,
                         "class_a": model.drug(a).drug_class,
                         "class_b": model.drug(b).drug_class, "efficacy_a": single[a],
                         "efficacy_b": single[b], "efficacy_pair": pair.efficacy,
                         "best_single": best, "excess_over_best_single": pair.efficacy - best,
                         "exact": pair.exact})
    return pd.DataFrame(rows)
