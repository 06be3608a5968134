"""Drug-response and marker report sections: heatmaps, drug-class table, combinations, markers.

`drug_response_report` and `marker_report` build a `Report` from `compare_drugs`,
`combinations`, `predict_markers` and `check_markers`; the definitions they rely on are in
docs/semantics.md ("Drug response", "Drug-class comparison", "Combinations", "Sensitivity and
resistance markers", "Biomarker statements").
"""

from __future__ import annotations

from collections.abc import Sequence

from ..marker_checks import check_markers
from ..markers import DEFAULT_THRESHOLD, predict_markers
from ..model import Model
from .document import Report, progress
from ..combinations import combinations, compare_drugs
from ..response import KEY_NODES, NO_DIFFERENCE, TIE, WILD_TYPE, default_environments, representatives

MTOR_CLASSES = ("rapalog", "torkinib", "dual_pi3k_mtor", "akt_inhibitor")
"""Drug classes of the class comparison (those the manifest has): mTOR and its AKT arm."""

FEEDBACK_NODES = ("IRS1", "PI3K", "AKT", "MTORC2", "MTORC1", "ERK")
"""Nodes whose change shows feedback: rapalogs re-activate IRS1/PI3K/ERK and spare AKT."""

_STATUS = {"pass": "REPRODUCED", "fail": "NOT REPRODUCED", "known": "NOT REPRODUCED (known)"}


def _labels(model: Model, drugs: Sequence[str]) -> dict[str, str]:
    return {d: f"{d} ({model.drug(d).drug_class})" for d in drugs}


def _env_name(env) -> str:
    return env or "inputs free"


def _in_env(table, env):
    """The rows of `table` for one environment (None: inputs free)."""
    return table[table.environment.isna() if env is None else table.environment == env]


# ============================================================================ drug response
def _response_figures(rep: Report, model: Model, table, envs, drugs) -> None:
    from .. import plot

    labels = _labels(model, drugs)
    readouts = [f"{r}_delta" for r in ("PROLIFERATION", "APOPTOSIS") if r in model.nodes]
    readouts = readouts or [f"{r}_delta" for r in model.readouts]
    for env in envs:
        sub = _in_env(table, env).assign(drug=lambda t: t.drug.map(labels))
        name = _env_name(env)
        rep.figure(plot.response_heatmap(sub, readouts=readouts,
                                         title=f"Response of each background to one drug per "
                                               f"class ({name})"),
                   f"response_{name}".replace(" ", "_"),
                   f"Environment {name}: change of each readout score (treated − untreated) "
                   f"per genetic background (rows) and drug (columns). Dark: the drug lowers "
                   f"the readout; light: it raises it.")


def _class_comparison(rep: Report, model: Model, full, envs) -> None:
    drugs = [d for d in representatives(model) if model.drug(d).drug_class in MTOR_CLASSES]
    rep.heading("Drug-class comparison")
    if not drugs:
        rep.paragraph("The manifest has no drug of the classes "
                      f"{', '.join(MTOR_CLASSES)}.")
        return
    nodes = [n for n in FEEDBACK_NODES if n in model.nodes]
    table = full[full.drug.isin(drugs)]
    rep.paragraph(
        f"One drug per class ({', '.join(_labels(model, drugs).values())}) in each background. "
        f"Columns give the drug's efficacy and the change (treated − untreated score, Δ) of "
        f"the readouts and of the feedback nodes {', '.join(nodes)}: a drug that blocks "
        f"mTORC1 alone relieves the S6K ⊣ IRS1 feedback, so PI3K/AKT stay on or come back "
        f"unless the drug also hits mTORC2, PI3K or AKT.")
    wt = _in_env(table, envs[0])
    wt = wt[wt.background == WILD_TYPE]
    if "AKT" in nodes and not wt.empty:
        on = wt[wt.AKT >= 0.5].drug.tolist()
        off = wt[wt.AKT < 0.5].drug.tolist()
        rep.paragraph(f"In the wild type ({_env_name(envs[0])}) AKT stays on (score ≥ 0.5) "
                      f"under {', '.join(on) or 'none of the drugs'} and is switched off by "
                      f"{', '.join(off) or 'none of them'}.")
    lines = []
    for _, row in wt.iterrows():
        parts = [f"{n} {row[n]:.2f} (Δ {_signed(row[n + '_delta'])})" for n in nodes
                 if n in ("AKT", "IRS1", "ERK")]
        lines.append(f"**{row.drug}** ({row.drug_class}): " + ", ".join(parts))
    rep.paragraph(f"Wild type, {_env_name(envs[0])}: treated score (change) of AKT, IRS1 and "
                  "ERK.")
    rep.bullets(lines)
    shown = [n for n in ("AKT", "MTORC2", "ERK", "IRS1") if n in nodes]
    cols = (["background", "drug", "drug_class", "efficacy", "gr", "kind"]
            + [c for c in ("PROLIFERATION_delta", "APOPTOSIS_delta") if c in table.columns]
            + [f"{n}_delta" for n in shown] + (["AKT"] if "AKT" in nodes else []))
    for env in envs:
        sub = _in_env(table, env)[cols]
        rep.table(sub.rename(columns=lambda c: "Δ" + c[:-6] if c.endswith("_delta") else
                             ("AKT (treated)" if c == "AKT" else c)),
                  caption=f"Drug classes in {_env_name(env)} (Δ = treated − untreated score; "
                          f"gr – where the untreated tumour does not grow)")
    rep.table(best_drugs(table), caption="Most effective drug class per background and "
                                         "environment; when several share the top efficacy "
                                         "none is named")


def best_pairs(table):
    """Per (environment, background): the pair with the largest excess over the best single,
    then the largest pair efficacy; "—" and NO_DIFFERENCE when several pairs tie (within TIE)."""
    import pandas as pd

    rows = []
    for (env, bg), sub in table.groupby(["environment", "background"], sort=False,
                                        dropna=False):
        cand = sub[sub.excess_over_best_single >= sub.excess_over_best_single.max() - TIE]
        tied = cand[cand.efficacy_pair >= cand.efficacy_pair.max() - TIE]
        first = tied.iloc[0]
        rows.append({"environment": env, "background": bg,
                     "pair": first.pair if len(tied) == 1 else "—",
                     "efficacy_pair": first.efficacy_pair, "best_single": first.best_single,
                     "excess_over_best_single": first.excess_over_best_single,
                     "excess_over_bliss": first.excess_over_bliss,
                     "note": "" if len(tied) == 1 else f"{len(tied)} pairs tie: "
                                                       f"{NO_DIFFERENCE}"})
    return pd.DataFrame(rows)


def best_drugs(table):
    """Per (environment, background) of a compare_drugs table: the most effective drug, or
    NO_DIFFERENCE when the top efficacy is shared (within TIE) by several drugs."""
    import pandas as pd

    rows = []
    for (env, bg), sub in table.groupby(["environment", "background"], sort=False,
                                        dropna=False):
        tied = sub[sub.efficacy >= sub.efficacy.max() - TIE]
        rows.append({"environment": env, "background": bg,
                     "most effective": tied.drug.iloc[0] if len(tied) == 1 else
                     f"— ({len(tied)} tie: {NO_DIFFERENCE})" if len(tied) < len(sub) else
                     f"— ({NO_DIFFERENCE})",
                     "efficacy": tied.efficacy.iloc[0], "kind": tied.kind.iloc[0]})
    return pd.DataFrame(rows)


def _combination_section(rep: Report, model: Model, envs, backgrounds,
                         confidence: bool = False) -> None:
    import pandas as pd

    from .. import plot

    rep.heading("Combinations")
    drugs = representatives(model)
    if len(drugs) < 2:
        rep.paragraph("Combinations need at least two drug classes; the manifest has "
                      f"{len(drugs)}.")
        return
    rep.paragraph(
        "Every pair of the class representatives in each background (docs/semantics.md, "
        "\"Combinations\"). **Excess over the best single agent** (HSA) = efficacy of the "
        "pair − the higher single-drug efficacy. **Excess over Bliss** = f_pair − (f_a + f_b − "
        "f_a f_b), where f = 1 − GR clipped to [0, 1] is the share of the untreated net growth "
        "a drug removes; positive: synergy. Bliss is undefined (–) where the untreated tumour "
        "does not grow. Efficacy = share of proliferation removed + apoptosis added (0 no "
        "effect, 1 proliferation stopped, 2 also full apoptosis).")
    tables = [combinations(model, drugs, bg, envs, confidence=confidence)
              for bg in progress([None, *backgrounds], "combinations")]
    table = pd.concat(tables, ignore_index=True)
    table["pair"] = table.drug_a + " + " + table.drug_b
    bgs = list(dict.fromkeys(table.background))
    pairs = list(dict.fromkeys(table.pair))
    panels = {_env_name(env): _in_env(table, env).pivot_table(
        index="pair", columns="background", values="excess_over_best_single", sort=False
    ).reindex(index=pairs, columns=bgs) for env in envs}
    top = max(1.0, float(table.excess_over_best_single.abs().max()))
    rep.figure(plot.response_heatmap(panels, title="Excess of each drug pair over its best "
                                                   "single agent",
                                     value_label="excess over best single agent\n"
                                                 "(efficacy units)",
                                     vmin=-top, vmax=top, row_label="drug pair"),
               "combinations",
               "Excess over the best single agent of each drug pair (rows) in each background "
               "(columns), one panel per environment. 0: the pair does no more than its "
               "better drug; light: it does more.")
    shown = [(env, bg) for env in envs for bg in bgs
             if bg == WILD_TYPE or (_in_env(table, env)[lambda t: t.background == bg]
                                    .excess_over_bliss.abs() > TIE).any()]
    for env, bg in shown:
        sub = _in_env(table, env)[lambda t: t.background == bg]
        name = f"{bg}, {_env_name(env)}"
        rep.figure(plot.synergy_heatmap(sub, title=f"Excess over Bliss independence ({name})"),
                   f"synergy_{_env_name(env)}_{bg}".replace(" ", "_"),
                   f"{name}: excess of each drug pair over Bliss independence (purple: "
                   f"synergy, orange: antagonism, white: additive); hatched: the diagonal, "
                   f"or Bliss undefined because the untreated tumour does not grow.")
    if len(shown) < len(envs) * len(bgs):
        rep.paragraph("Synergy maps are shown for the wild type and for backgrounds where some "
                      "pair departs from Bliss independence; in the others every pair is "
                      "additive or Bliss is undefined.")
    hits = table[(table.excess_over_best_single.abs() > TIE)
                 | (table.excess_over_bliss.abs() > TIE)].sort_values(
        "excess_over_best_single", ascending=False)
    cols = ["environment", "background", "drug_a", "drug_b", "efficacy_a", "efficacy_b",
            "efficacy_pair", "excess_over_best_single", "excess_over_bliss"]
    if hits.empty:
        rep.paragraph("No pair departs from its best single agent or from Bliss independence "
                      "in any background.")
    else:
        rep.table(hits[cols], caption="Pairs whose efficacy differs from their best single "
                                      "agent or from Bliss independence, largest HSA excess "
                                      "first")
    rep.table(best_pairs(table),
              caption="Best pair per background and environment (largest excess over the best "
                      "single agent, then largest pair efficacy); when pairs tie, none is "
                      "named")
    _confidence_note(rep, confidence, "drug_response_report.py")
    if confidence:
        flips = table[[c.flips for c in table.confidence]]
        if flips.empty:
            rep.paragraph("Every pair's synergy call (sign of the excess over Bliss, else over "
                          "the best single agent) is the same under every update scheme and "
                          "rule variant tried.")
        else:
            rep.table(flips.assign(confidence=[str(c) for c in flips.confidence])[
                ["environment", "background", "pair", "synergy_call", "confidence"]],
                caption="Synergy calls that FLIP under another update scheme or rule variant")


def _variant_robustness(rep: Report, model: Model, drugs, envs, threshold: float) -> None:
    """Share of the `# alt:` rule variants in which each marker call of the mTOR-inhibitor
    classes holds (`bm.ensemble`); calls that do not hold in every variant are flagged."""
    from ..ensemble import ensemble

    mtor = [d for d in drugs if model.drug(d).drug_class in
            ("rapalog", "torkinib", "dual_pi3k_mtor")] or list(drugs[:1])
    rows = []
    for d in mtor:
        for r in ensemble(model, d, envs, threshold=threshold).itertuples(index=False):
            rows.append({"drug": d, "alteration": r.alteration, "effect": r.effect,
                         "holds in variants": f"{r.holds:.0%} of {r.n_variants}",
                         "flag": "" if r.holds == 1 else "FLIPS"})
    rep.heading("Robustness over the rule variants")
    rep.paragraph("Each call recomputed in every combination of the rules' `# alt:` readings "
                  f"({', '.join(sorted(model.alternatives))}); FLIPS marks a call that does not "
                  "hold in every variant. Update schemes are compared with `--confidence`.")
    rep.table(rows, caption="Marker calls of the mTOR-inhibitor classes over the rule variants")


def _confidence_note(rep: Report, confidence: bool, script: str) -> None:
    if not confidence:
        rep.paragraph(f"Confidence (agreement across update schemes and `# alt:` rule "
                      f"variants; docs/semantics.md, \"Confidence of a call\") was not "
                      f"computed: it is costly; run `analyses/{script} --confidence`.")


def drug_response_report(model: Model, *, environments=None,
                         backgrounds: Sequence[str] | None = None,
                         confidence: bool = False) -> Report:
    """Backgrounds × drugs heatmaps, the drug-class comparison and the combination table."""
    envs = list(default_environments(model) if environments is None else environments)
    bgs = list(model.backgrounds if backgrounds is None else backgrounds)
    rep = Report(f"Drug response: {model.name or 'model'}", model)
    drugs = representatives(model)
    if not drugs:
        rep.paragraph("The model's manifest names no drugs.")
        rep.summary = "no drugs"
        return rep
    rep.paragraph(
        f"Environments: {', '.join(_env_name(e) for e in envs)}. Each drug is applied to a "
        f"cell already in its untreated attractors (`start=\"untreated\"`; docs/semantics.md, "
        f"\"Drug response\"); a readout's score is its weighted mean activity over the "
        f"attractors, and Δ is treated − untreated. Drugs: the first of each class in the "
        f"manifest; backgrounds: wild type and {len(bgs)} genetic background"
        f"{'s' * (len(bgs) != 1)}.")
    nodes = [n for n in dict.fromkeys((*KEY_NODES, *FEEDBACK_NODES)) if n in model.nodes]
    table = compare_drugs(model, drugs, bgs, envs, nodes=nodes)
    rep.heading("Backgrounds × drugs")
    _response_figures(rep, model, table, envs, drugs)
    _class_comparison(rep, model, table, envs)
    _combination_section(rep, model, envs, bgs, confidence)
    rep.summary = (f"{len(drugs)} drug classes × {len(bgs) + 1} backgrounds × {len(envs)} "
                   f"environment{'s' * (len(envs) != 1)}")
    return rep


# ============================================================================ markers
def _evidence(marker) -> str:
    parts = []
    for e in marker.evidence:
        if not e.counts:
            parts.append(f"{_env_name(e.environment)}: "
                         + ("does not grow untreated" if not e.grows else "no reference niche"))
            continue
        ref = ("" if e.reference_environment == e.environment
               else f" in {_env_name(e.reference_environment)}")
        parts.append(f"{_env_name(e.environment)}: efficacy {e.efficacy:.2f} (cytostatic "
                     f"{_signed(e.cytostatic)}, cytotoxic {_signed(e.cytotoxic)}) vs wt{ref} "
                     f"{e.wild_type_efficacy:.2f} ({_signed(e.wild_type_cytostatic)}, "
                     f"{_signed(e.wild_type_cytotoxic)})")
    return " / ".join(parts)


def _signed(value: float | None) -> str:
    """A signed part of efficacy; "–" where the model has no such part (no PROLIFERATION or
    APOPTOSIS readout)."""
    return "–" if value is None else f"{value:+.2f}"


def _independence(marker) -> str:
    return ", ".join(_env_name(e) for e in marker.independent_in) or "–"


def marker_report(model: Model, *, environments=None,
                  threshold: float = DEFAULT_THRESHOLD, confidence: bool = False) -> Report:
    """Ranked sensitizing and resistance markers per drug class, and the seed statements."""
    import pandas as pd

    from .. import plot

    rep = Report(f"Markers: {model.name or 'model'}", model)
    drugs = representatives(model)
    if not drugs or not model.backgrounds:
        rep.paragraph("Markers need drugs and genetic backgrounds in the manifest "
                      f"(it has {len(model.drugs)} drugs, {len(model.backgrounds)} "
                      "backgrounds).")
        rep.summary = "no markers"
        return rep
    envs = list(default_environments(model) if environments is None else environments)
    rep.paragraph(
        f"For each drug class (its first drug in the manifest) every genetic background is "
        f"scored (docs/semantics.md, \"Sensitivity and resistance markers\"): in each "
        f"environment ({', '.join(map(_env_name, envs))}) where the untreated background "
        f"grows, the drug's efficacy on it is compared with its efficacy on the wild type in "
        f"the same environment, or, where the wild type does not grow, in the first "
        f"tumour environment where it does (the reference growing niche). **score** = mean "
        f"of these differences; **sensitizing** if score ≥ {threshold:g}, **resistance** if "
        f"≤ −{threshold:g}. The cytostatic and cytotoxic columns split the score into the "
        f"fall of proliferation and the rise of apoptosis. **Independent in** lists the "
        f"environments where the background grows and the wild type does not (growth-factor "
        f"or nutrient independence): reported, never counted as sensitivity.")
    found = {d: predict_markers(model, d, environments=envs, threshold=threshold,
                                confidence=confidence)
             for d in progress(drugs, "markers")}
    labels = _labels(model, drugs)
    scores = pd.DataFrame({labels[d]: {m.alteration: m.score for m in ms}
                           for d, ms in found.items()}).reindex(list(model.backgrounds))
    rep.figure(plot.response_heatmap(scores, title="Marker scores by drug class",
                                     value_label="marker score\n(efficacy vs wild "
                                                 "type\nin a growing niche)",
                                     vmin=-2, vmax=2),
               "marker_scores",
               f"Marker score of each background (rows) for each drug (columns): dark "
               f"resistance, light sensitizing; |score| ≥ {threshold:g} makes a marker.")
    counts = {"sensitizing": 0, "resistance": 0}
    for drug, markers in found.items():
        rep.heading(f"{model.drug(drug).drug_class}: {drug}")
        neutral = any(m.effect == "neutral" for m in markers)
        for effect, order in (("sensitizing", 1), ("resistance", -1)):
            ranked = sorted((m for m in markers if m.effect == effect),
                            key=lambda m: (-order * m.score, m.alteration))
            counts[effect] += len(ranked)
            if not ranked:
                rep.paragraph(f"No {effect} marker for {drug}.")
                continue
            rep.table([{"rank": i, "alteration": m.alteration, "score": m.score,
                        "cytostatic": m.cytostatic, "cytotoxic": m.cytotoxic,
                        "independent in": _independence(m), "evidence": _evidence(m),
                        **({"confidence": str(m.confidence)} if confidence else {}),
                        "background reference": model.backgrounds[m.alteration].ref}
                       for i, m in enumerate(ranked, start=1)],
                      caption=f"{effect.capitalize()} markers of response to {drug}, "
                              f"strongest first")
        if neutral:
            rep.table([{"alteration": m.alteration, "independent in": _independence(m),
                        "evidence": m.note or _evidence(m),
                        **({"confidence": str(m.confidence)} if confidence else {})}
                       for m in markers if m.effect == "neutral"],
                      caption=f"Neutral backgrounds for {drug}")
    if not confidence and model.alternatives:
        _variant_robustness(rep, model, drugs, envs, threshold)
    _confidence_note(rep, confidence, "marker_report.py")
    if confidence:
        flips = [f"{m.alteration} ({d})" for d, ms in found.items() for m in ms
                 if m.confidence is not None and m.confidence.flips]
        rep.paragraph(f"Calls that FLIP under another update scheme or rule variant: "
                      f"{', '.join(flips)}." if flips else "Every marker call holds under "
                      "every update scheme and rule variant tried.")
    checks = check_markers(model, envs, threshold, known=found)
    rep.heading("Seed biomarker statements")
    if not checks:
        rep.paragraph("The manifest states no biomarker statements ([[marker_expectations]]).")
        n_ok = 0
    else:
        n_ok = sum(c.reproduced for c in checks)
        rep.paragraph(f"Each statement of the manifest's [[marker_expectations]], judged as "
                      f"above: **{n_ok} of {len(checks)} reproduced**. A statement is "
                      f"reproduced when the background has the stated effect for every drug "
                      f"named.")
        rep.table([{"id": c.expectation.id, "statement": c.expectation.statement,
                    "background": c.expectation.background,
                    "expected": f"{c.expectation.effect} to "
                                f"{', '.join(c.expectation.drugs)}",
                    "observed": c.observed(),
                    "status": _STATUS[c.status] + (f": {c.expectation.disagreement}"
                                                   if c.status == "known" else ""),
                    "reference": c.expectation.ref} for c in checks])
    rep.summary = (f"{counts['sensitizing']} sensitizing and {counts['resistance']} resistance "
                   f"markers over {len(drugs)} drug classes; seed statements reproduced: "
                   f"{n_ok} of {len(checks)}")
    return rep


# ============================================================================ control
CONTROL_GOALS = ({"PROLIFERATION": 0}, {"APOPTOSIS": 1})
"""Goals of the control section (those whose node the model has)."""


def _classes(model: Model, sets) -> str:
    """Minimal drug sets written by drug class, each class combination once with its count."""
    seen: dict[str, int] = {}
    for s in sets:
        key = " + ".join(sorted(model.drug(d).drug_class for d in s.elements)) or "none needed"
        seen[key] = seen.get(key, 0) + 1
    return "; ".join(f"{k} ({n})" for k, n in seen.items()) or "—"


def control_report(model: Model, *, environment=None, max_size: int = 2) -> Report:
    """Which drug sets control each tumour background: for each background and goal, the
    minimal sets of at most `max_size` drugs (boolmtor.control), grouped by drug class."""
    from ..control import control

    rep = Report(f"Control: {model.name or 'model'}", model)
    goals = [g for g in CONTROL_GOALS if all(n in model.nodes for n in g)]
    goals = goals or [{r: 0} for r in model.readouts]
    env = environment or default_environments(model)[0]
    if not model.drugs or not goals:
        rep.paragraph("The model has no drugs or no goal readouts: nothing to control.")
        rep.summary = "no drugs"
        return rep
    rep.heading("Which interventions control each tumour background")
    rep.paragraph(
        f"For each background (environment **{_env_name(env)}**) and goal, every minimal set "
        f"of at most {max_size} drugs after which every attractor reachable from the "
        "untreated tumour holds the goal (asynchronous update; docs/semantics.md, "
        "'Control'). Sets are grouped by drug class, with the number of drug sets of each "
        "class combination; \"—\" means no set of that size works.")
    rows, controlled = [], 0
    bgs = [(), *((b,) for b in model.backgrounds)]
    for bg in progress(bgs, "control"):
        row = {"background": " + ".join(bg) or WILD_TYPE}
        for goal in goals:
            r = control(model, goal, environment=env, background=bg or None,
                        using="drugs", max_size=max_size)
            name = ", ".join(f"{k}={v}" for k, v in goal.items())
            smallest = min((s.size for s in r), default=None)
            row[f"{name}: smallest"] = "—" if smallest is None else smallest
            row[f"{name}: drug classes"] = _classes(model, r)
            controlled += bool(len(r))
        rows.append(row)
    rep.table(rows)
    rep.summary = (f"{controlled} of {len(bgs) * len(goals)} background × goal pairs "
                   f"controlled by at most {max_size} drugs")
    return rep
