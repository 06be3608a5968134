"""`ensemble`: every combination of a model's alternative rules (`# alt:` lines), and the share
of variants in which each marker call holds. See docs/semantics.md, "Robust predictions".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from .errors import BoolmtorError, LimitExceededError
from .markers import DEFAULT_THRESHOLD, predict_markers
from .model import Model

MAX_VARIANTS = 1024
"""Most rule variants evaluated without `max_variants=` raised."""


def variants(model: Model, max_variants: int = MAX_VARIANTS
             ) -> Iterator[tuple[dict[str, int], Model]]:
    """Every combination of alternatives: (choice {node: 0 main | k-th alternative}, model).

    The first variant is the model itself (every choice 0).
    """
    alts = model.alternatives
    count = 1
    for options in alts.values():
        count *= len(options) + 1
    if count > max_variants:
        raise LimitExceededError(
            f"{len(alts)} uncertain rules give {count:,} variants, more than max_variants="
            f"{max_variants:,}; remove some '# alt:' lines or raise max_variants")
    nodes = list(alts)
    for combo in itertools.product(*(range(len(alts[n]) + 1) for n in nodes)):
        choice = dict(zip(nodes, combo))
        yield choice, model.variant(choice)


def ensemble(model: Model, drug: str | Iterable[str], environments=None,
             backgrounds: Iterable[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
             start: str = "untreated", *, max_variants: int = MAX_VARIANTS, seed: int = 0,
             samples: int = 10_000):
    """Marker calls of `drug` over every rule variant (a DataFrame, one row per background).

    Columns: alteration, effect (the call of the model as written), n_variants,
    share_sensitizing, share_resistance, share_neutral, and holds (the share of variants
    whose call equals the model's own).
    """
    import pandas as pd

    if not model.alternatives:
        raise BoolmtorError(f"{model.name or 'the model'} has no '# alt:' lines, so there is "
                            "nothing to vary (every share would be 1.0 by construction); add "
                            "'# alt: FACTORS' below uncertain rules (docs/semantics.md, 'Robust "
                            "predictions')")
    run = dict(environments=environments, backgrounds=backgrounds, threshold=threshold,
               start=start, seed=seed, samples=samples)
    calls: dict[str, list[str]] = {}
    main: dict[str, str] = {}
    n = 0
    for choice, variant in variants(model, max_variants):
        n += 1
        for m in predict_markers(variant, drug, **run):
            calls.setdefault(m.alteration, []).append(m.effect)
            if not any(choice.values()):
                main[m.alteration] = m.effect
    if not calls:
        raise BoolmtorError("ensemble found no backgrounds to judge")
    rows = []
    for name, effects in calls.items():
        rows.append({"alteration": name, "effect": main[name], "n_variants": n,
                     **{f"share_{e}": effects.count(e) / n
                        for e in ("sensitizing", "resistance", "neutral")},
                     "holds": effects.count(main[name]) / n})
    return pd.DataFrame(rows).sort_values("alteration", ignore_index=True)
