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

from collections.abc import Hashable, Iterable, Mapping

from .errors import BoolmtorError, UnknownNameError
from .interventions import Intervention, prepare
from .manifest import DEFAULT_ENVIRONMENT
from .model import Model, Perturbation, _names
from .results import (EFFICACY_SIGNS, KIND_THRESHOLD, TIE, Attractor, Kind,  # noqa: F401
                      Response)  # re-exported: the response vocabulary
from .scores import scores
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED, carry_over, weighted_attractors
from ._deprecations import keywords_after
from ._timeout import with_timeout
from .types import STOCHASTIC, UPDATE_SCHEMES, check_update

RESPONSE_UPDATES = (*UPDATE_SCHEMES, STOCHASTIC)
"""The schemes a response is computed under (scores over attractors, or MaBoSS probabilities)."""

KEY_NODES: tuple[str, ...] = ("AKT", "MTORC1", "MTORC2", "S6K", "EIF4EBP1", "ERK", "PI3K")
"""Nodes shown in `compare_drugs` tables (those the model has), besides the readouts."""

WILD_TYPE = "wild type"
"""The `background` label of rows without a genetic background."""

STARTS = ("untreated", "global")

"""Update schemes of `response`: the attractor schemes and MaBoSS's stochastic runs."""

NO_DIFFERENCE = "no class or pair differs in this model for this background"
"""What tables and reports say instead of naming a tie-broken winner."""

def objective(model: Model) -> dict[str, int]:
    """The readouts efficacy is made of, with their signs (+1: the drug should raise it).

    The manifest's `[model] efficacy` if given; else PROLIFERATION (-1) and APOPTOSIS (+1)
    where the model has them; a model with neither counts every readout with -1 (a drug is
    effective when it switches readouts off).
    """
    if model.manifest.efficacy:
        return dict(model.manifest.efficacy)
    signs = {n: s for n, s in EFFICACY_SIGNS.items() if n in model.nodes}
    return signs or {r: -1 for r in model.readouts}


def leaders(values: Mapping[str, float]) -> tuple[str, ...]:
    """Every key whose value is within TIE of the largest (more than one: a tie)."""
    if not values:
        return ()
    top = max(values.values())
    return tuple(k for k, v in values.items() if v >= top - TIE)


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


@keywords_after(2)
@with_timeout
def response(model: Model, drug, *, background: str | Iterable[str] | None = None,
             environment: str | Mapping[str, int] | None = "default", start: str = "untreated",
             update: str = "asynchronous", seed: int = DEFAULT_SEED,
             samples: int = DEFAULT_SAMPLES, confidence: bool = False) -> Response:
    """Untreated versus treated readout scores of `model` under `drug` (one or a list).

    Parameters
    ----------
    drug : a drug name of the manifest (aliases accepted), "KO:NODE", "OE:NODE", a
        bm.Perturbation holding one of those, an ad-hoc drug {"name": ..., "targets":
        {node: 0/1}}, a bm.Intervention, or a list of them (applied together).
    background : None (wild type), a background name, or a list of names (applied together).
    environment : an environment name, a dict of input values, or None (inputs free); the
        default "default" is the model's default environment (`Model.default_environment`:
        "growth" for the curated model; inputs free for a model without a manifest).
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
    check_update(update, RESPONSE_UPDATES)
    _check_start(start)
    if environment == DEFAULT_ENVIRONMENT:
        environment = model.default_environment
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
    from .confidence import Call, assess, response_call

    def compute(m: Model, u: str, s: str):
        r = response(m, specs, background=background, environment=environment, start=s,
                     update=u, seed=seed, samples=samples)
        return {(): (response_call(r.efficacy), r.efficacy)}

    main: dict[Hashable, Call] = {(): (response_call(result.efficacy), result.efficacy)}
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
