"""`agreement`: does a marker call hold under every update scheme? One table, one row per
background. See docs/semantics.md, "Robust predictions".
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence

from .errors import BoolmtorError
from .markers import DEFAULT_THRESHOLD, judge
from .model import Model, _names
from .response import _backgrounds, _check_start, _environments, response

SCHEMES = ("asynchronous", "synchronous", "most-permissive", "stochastic")
"""Update schemes a marker call can be judged under."""


def available_updates() -> tuple[str, ...]:
    """The schemes `agreement` uses by default: "stochastic" only where MaBoSS is installed."""
    has_maboss = (importlib.util.find_spec("maboss") is not None
                  and importlib.util.find_spec("boolmtor.stochastic") is not None)
    return SCHEMES if has_maboss else SCHEMES[:3]


def marker_scores(model: Model, drugs: tuple[str, ...], backgrounds: Sequence[str], envs,
                  update: str, start: str, **run) -> dict[str, float]:
    """Each background's marker score (mean efficacy change vs wild type over `envs`)."""
    begin = start if update in ("asynchronous", "stochastic") else "global"
    wild = {i: response(model, drugs, None, e, begin, update, **run).efficacy
            for i, e in enumerate(envs)}
    return {b: sum(response(model, drugs, b, e, begin, update, **run).efficacy - wild[i]
                   for i, e in enumerate(envs)) / len(envs)
            for b in backgrounds}


def agreement(model: Model, drug: str | Iterable[str], backgrounds: Iterable[str] | None = None,
              environments=None, updates: Sequence[str] | None = None,
              threshold: float = DEFAULT_THRESHOLD, start: str = "untreated", *,
              seed: int = 0, samples: int = 10_000):
    """Marker calls of `drug` under several update schemes, side by side (a DataFrame).

    Each scheme's call is `predict_markers`' definition (mean over environments of efficacy in
    the background minus in the wild type, judged against `threshold`). Asynchronous and
    stochastic runs use `start`; synchronous and most-permissive ones have no weights to carry
    over and use start="global". Columns: alteration, then `<scheme>` (the call) and
    `<scheme>_score` per scheme, `agree` (every scheme makes the same call) and `share` (the
    share of schemes that make the first scheme's call).
    """
    import pandas as pd

    _check_start(start)
    updates = available_updates() if updates is None else tuple(_names(updates))
    if not updates:
        raise BoolmtorError("agreement needs at least one update scheme")
    for u in updates:
        if u not in SCHEMES:
            raise BoolmtorError(f"updates must be in {{{', '.join(SCHEMES)}}} (got {u!r})")
    drugs = tuple(model.drug(d).name for d in _names(drug))
    if not drugs:
        raise BoolmtorError("agreement needs at least one drug")
    names = _backgrounds(model, backgrounds)
    envs = _environments(model, environments)
    run = dict(seed=seed, samples=samples)
    per = {u: marker_scores(model, drugs, names, envs, u, start, **run) for u in updates}
    rows = []
    for b in names:
        row = {"alteration": b}
        calls = []
        for u in updates:
            calls.append(judge(per[u][b], threshold))
            row[u], row[f"{u}_score"] = calls[-1], per[u][b]
        row["agree"] = len(set(calls)) == 1
        row["share"] = calls.count(calls[0]) / len(calls)
        rows.append(row)
    table = pd.DataFrame(rows)
    table.attrs.update(drugs=list(drugs), updates=list(updates), threshold=threshold)
    return table
