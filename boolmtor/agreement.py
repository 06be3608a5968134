"""`agreement`: does a marker call hold under every update scheme? One table, one row per
background. See docs/semantics.md, "Robust predictions".
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence

from ._deprecations import keywords_after
from .errors import BoolmtorError
from .markers import DEFAULT_THRESHOLD, judge, predict_markers
from .model import Model, _names
from .response import _backgrounds, _check_start, _drugs, _environments
from .types import STOCHASTIC, UPDATE_SCHEMES

SCHEMES = (*(u for u in UPDATE_SCHEMES if u != "fixed-points"), STOCHASTIC)
"""Update schemes a marker call can be judged under."""


def available_updates() -> tuple[str, ...]:
    """The schemes `agreement` uses by default: "stochastic" only where MaBoSS (cmaboss, the
    engine `bm.simulate` runs) is installed."""
    return SCHEMES if importlib.util.find_spec("cmaboss") is not None else SCHEMES[:3]


@keywords_after(2)
def agreement(model: Model, drug: str | Iterable[str], *,
              backgrounds: Iterable[str] | None = None, environments=None,
              updates: Sequence[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
              start: str = "untreated", seed: int = 0, samples: int = 10_000):
    """Marker calls of `drug` under several update schemes, side by side (a DataFrame).

    Each scheme's call is `predict_markers`' definition (mean over the environments where the
    background grows of its efficacy minus the wild type's in a growing niche, judged against
    `threshold`). Asynchronous and
    stochastic runs use `start`; synchronous and most-permissive ones have no weights to carry
    over and use start="global". Columns: alteration, then `<scheme>` (the call) and
    `<scheme>_score` per scheme, `agree` (every scheme makes the same call) and `share` (the
    share of schemes that make the first scheme's call).
    """
    import pandas as pd

    _check_start(start)
    updates = available_updates() if updates is None else tuple(_names(updates))
    for u in updates:
        if u not in SCHEMES:
            raise BoolmtorError(f"updates must be in {{{', '.join(SCHEMES)}}} (got {u!r})")
    if len(set(updates)) < 2:
        raise BoolmtorError("agreement compares update schemes and needs at least two, so there "
                            f"is something to vary (got {', '.join(updates) or 'none'}); for "
                            "one scheme use predict_markers")
    drugs = _drugs(model, drug, "agreement")
    names = _backgrounds(model, backgrounds)
    envs = _environments(model, environments)
    per = {}
    for u in updates:
        begin = start if u in ("asynchronous", "stochastic") else "global"
        markers = predict_markers(model, drugs, environments=envs, backgrounds=names,
                                  threshold=threshold, start=begin, seed=seed,
                                  samples=samples, update=u)
        per[u] = {m.alteration: m.score for m in markers}
    rows = []
    for b in names:
        row: dict[str, object] = {"alteration": b}
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
