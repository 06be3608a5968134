"""Drug tables: single drugs side by side (`compare_drugs`) and every pair (`combinations`),
with the excess of a pair over its best single agent (HSA) and over Bliss independence.

See docs/semantics.md, "Drug-class comparison" and "Combinations".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from .errors import BoolmtorError
from .interventions import prepare
from .model import Model, _names
from .response import (KEY_NODES, WILD_TYPE, Response, _backgrounds, _check_start,
                       _environments, _specs, representatives, response)
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED
from ._timeout import with_timeout


def table_row(r: Response) -> dict:
    """The response columns of tables: efficacy, gr, growing, cytostatic, cytotoxic, kind."""
    return {"efficacy": r.efficacy, "gr": r.gr, "growing": r.growing,
            "cytostatic": r.cytostatic, "cytotoxic": r.cytotoxic, "kind": r.kind}


@with_timeout
def compare_drugs(model: Model, drugs: Sequence | None = None,
                  backgrounds: Iterable[str] | None = None, environments=None,
                  nodes: Sequence[str] | None = None, start: str = "untreated", *,
                  seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES):
    """Drugs side by side: a pandas DataFrame, one row per (environment, background, drug).

    Backgrounds are the wild type plus `backgrounds` (default: all of the manifest's), each
    judged alone; drugs (any intervention `response` accepts) default to one per class;
    environments to `default_environments`. Columns: environment, background, drug,
    drug_class, efficacy, gr, growing, cytostatic, cytotoxic, kind, exact, then for each key
    node and readout its treated score (column named after the node) and `<node>_delta`.
    """
    import pandas as pd

    _check_start(start)
    specs = representatives(model) if drugs is None else _specs(drugs)
    if not specs:
        raise BoolmtorError("compare_drugs needs at least one drug (the manifest has none)")
    shown = ([n for n in KEY_NODES if n in model.nodes] if nodes is None
             else [model._node(n) for n in _names(nodes)])
    shown += [r for r in model.readouts if r not in shown]
    rows = []
    for env in _environments(model, environments):
        for bg in (None, *_backgrounds(model, backgrounds)):
            for d in specs:
                r = response(model, d, background=bg, environment=env, start=start, seed=seed,
                             samples=samples)
                row = {"environment": r.environment, "background": bg or WILD_TYPE,
                       "drug": r.drugs[0], "drug_class": r.interventions[0].drug_class(model),
                       **table_row(r), "exact": r.exact}
                for n in shown:
                    row[n] = r.treated[n]
                    row[f"{n}_delta"] = r.change(n)
                rows.append(row)
    return pd.DataFrame(rows)


def inhibited_fraction(r: Response) -> float | None:
    """f = 1 - gr clipped to [0, 1]: the share of net growth a drug removes (None: the
    untreated tumour does not grow, or the model lacks the growth readouts)."""
    return None if r.gr is None else min(1.0, max(0.0, 1.0 - r.gr))


def bliss(fa: float | None, fb: float | None, pair: float | None) -> tuple:
    """(expected f_a + f_b - f_a f_b, excess f_pair - expected); (None, None) if any is None."""
    if fa is None or fb is None or pair is None:
        return None, None
    expected = fa + fb - fa * fb
    return expected, pair - expected


@with_timeout
def combinations(model: Model, drugs: Sequence | None = None,
                 background: str | Iterable[str] | None = None, environments=None,
                 start: str = "untreated", update: str = "asynchronous", *,
                 seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES,
                 confidence: bool = False):
    """Every pair of `drugs` (default: one per class): a pandas DataFrame per environment.

    `drugs` holds anything `response` accepts as one intervention (names, "KO:NODE",
    "OE:NODE", ad-hoc drugs, bm.Intervention); `background` one background or a list applied
    together. Columns: environment, background, drug_a, drug_b, class_a, class_b,
    efficacy_a, efficacy_b, efficacy_pair, best_single, excess_over_best_single (HSA:
    efficacy_pair - best_single), gr_a, gr_b, gr_pair, growing, kind_pair, bliss_expected
    and excess_over_bliss (fractions of net growth removed, f = 1 - gr clipped to [0, 1]:
    f_pair - (f_a + f_b - f_a f_b); NaN when the untreated tumour does not grow), exact.
    With confidence=True also synergy_call, schemes_agree, variant_share and confidence
    (a bm.Confidence per pair). Pairs whose drugs force a node to opposite values raise.
    """
    import pandas as pd

    _check_start(start)
    specs = representatives(model) if drugs is None else _specs(drugs)
    found = prepare(model, specs)[1]
    found = tuple({i.label: i for i in found}.values())
    if len(found) < 2:
        raise BoolmtorError(f"combinations needs at least two different drugs (got "
                            f"{len(found)})")
    bgs = _names(background)
    run = dict(start=start, update=update, seed=seed, samples=samples)
    rows = []
    for env in _environments(model, environments):
        single = {i.label: response(model, i, background=bgs, environment=env, **run)
                  for i in found}
        for a, b in itertools.combinations(found, 2):
            pair = response(model, [a, b], background=bgs, environment=env, **run)
            ra, rb = single[a.label], single[b.label]
            best = max(ra.efficacy, rb.efficacy)
            expected, excess = bliss(inhibited_fraction(ra), inhibited_fraction(rb),
                                     inhibited_fraction(pair))
            rows.append({"environment": pair.environment,
                         "background": " + ".join(bgs) or WILD_TYPE, "drug_a": a.label,
                         "drug_b": b.label, "class_a": a.drug_class(model),
                         "class_b": b.drug_class(model), "efficacy_a": ra.efficacy,
                         "efficacy_b": rb.efficacy, "efficacy_pair": pair.efficacy,
                         "best_single": best, "excess_over_best_single": pair.efficacy - best,
                         "gr_a": ra.gr, "gr_b": rb.gr, "gr_pair": pair.gr,
                         "growing": pair.growing, "kind_pair": pair.kind,
                         "bliss_expected": expected, "excess_over_bliss": excess,
                         "exact": pair.exact and ra.exact and rb.exact})
    table = pd.DataFrame(rows)
    for col in ("gr_a", "gr_b", "gr_pair", "bliss_expected", "excess_over_bliss"):
        table[col] = table[col].astype(float)  # None (not growing) -> NaN, float dtype
    if confidence:
        _add_confidence(table, model, found, bgs, environments, run)
    return table


def synergy(row) -> float:
    """The excess a synergy call reads: over Bliss where defined, else over the best single."""
    bliss_excess = row["excess_over_bliss"]
    undefined = bliss_excess is None or bliss_excess != bliss_excess  # None or NaN
    return row["excess_over_best_single"] if undefined else bliss_excess


def _add_confidence(table, model, found, bgs, environments, run) -> None:
    from .confidence import assess, synergy_call

    def calls(t):
        return {(r.environment, r.drug_a, r.drug_b): (synergy_call(synergy(r)), synergy(r))
                for _, r in t.iterrows()}

    def compute(m: Model, u: str, s: str):
        return calls(combinations(m, found, bgs, environments,
                                  **{**run, "update": u, "start": s}))

    conf = assess(model, compute, calls(table), run["update"], run["start"])
    keys = list(zip(table.environment, table.drug_a, table.drug_b))
    table["synergy_call"] = [conf[k].call for k in keys]
    table["schemes_agree"] = [conf[k].schemes_agree for k in keys]
    table["variant_share"] = [conf[k].variant_share for k in keys]
    table["confidence"] = [conf[k] for k in keys]
