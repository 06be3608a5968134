"""Drug-response and marker report sections: heatmaps, drug-class table, combinations, markers.

`drug_response_report` and `marker_report` build a `Report` from `compare_drugs`,
`combinations`, `predict_markers` and `check_markers`; the definitions they rely on are in
docs/semantics.md ("Drug response", "Drug-class comparison and combinations", "Sensitivity and
resistance markers", "Biomarker statements").
"""

from __future__ import annotations

from collections.abc import Sequence

from .marker_checks import check_markers
from .markers import DEFAULT_THRESHOLD, predict_markers
from .model import Model
from .report import Report, progress
from .response import (KEY_NODES, WILD_TYPE, combinations, compare_drugs,
                       default_environments, representatives)

MTOR_CLASSES = ("rapalog", "torkinib", "dual_pi3k_mtor", "akt_inhibitor")
"""Drug classes of the class comparison (those the manifest has): mTOR and its AKT arm."""

FEEDBACK_NODES = ("IRS1", "PI3K", "AKT", "MTORC2", "MTORC1", "ERK")
"""Nodes whose change shows feedback: rapalogs re-activate IRS1/PI3K/ERK and spare AKT."""

_STATUS = {"pass": "REPRODUCED", "fail": "NOT REPRODUCED", "known": "NOT REPRODUCED (known)"}


def _labels(model: Model, drugs: Sequence[str]) -> dict[str, str]:
    return {d: f"{d} ({model.drug(d).drug_class})" for d in drugs}


def _env_name(env) -> str:
    return env or "inputs free"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _in_env(table, env):
    """The rows of `table` for one environment (None: inputs free)."""
    return table[table.environment.isna() if env is None else table.environment == env]


# ============================================================================ drug response
def _response_figures(rep: Report, model: Model, table, envs, drugs) -> None:
    from . import plot

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
    cols = (["background", "drug", "drug_class", "efficacy"]
            + [c for c in ("PROLIFERATION_delta", "APOPTOSIS_delta") if c in table.columns]
            + [f"{n}_delta" for n in shown] + (["AKT"] if "AKT" in nodes else []))
    for env in envs:
        sub = _in_env(table, env)[cols]
        rep.table(sub.rename(columns=lambda c: "Δ" + c[:-6] if c.endswith("_delta") else
                             ("AKT (treated)" if c == "AKT" else c)),
                  caption=f"Drug classes in {_env_name(env)} (Δ = treated − untreated score)")


def _combination_section(rep: Report, model: Model, envs, backgrounds) -> None:
    import pandas as pd

    from . import plot

    rep.heading("Combinations")
    drugs = representatives(model)
    if len(drugs) < 2:
        rep.paragraph("Combinations need at least two drug classes; the manifest has "
                      f"{len(drugs)}.")
        return
    rep.paragraph(
        "Every pair of the class representatives in each background. **Excess over the best "
        "single agent** = efficacy of the pair − the higher of the two single drugs' "
        "efficacies (a Boolean analogue of highest-single-agent excess; positive: the pair "
        "does more than either drug alone). Efficacy = −ΔPROLIFERATION + ΔAPOPTOSIS, in "
        "[−2, 2].")
    tables = [combinations(model, drugs, bg, envs)
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
    hits = table[table.excess_over_best_single.abs() > 1e-9].sort_values(
        "excess_over_best_single", ascending=False)
    cols = ["environment", "background", "drug_a", "drug_b", "efficacy_a", "efficacy_b",
            "efficacy_pair", "excess_over_best_single"]
    if hits.empty:
        rep.paragraph("No pair differs from its best single agent in any background.")
    else:
        rep.table(hits[cols], caption="Pairs whose efficacy differs from their best single "
                                      "agent, largest excess first")
    best = (table.sort_values(["excess_over_best_single", "efficacy_pair"], ascending=False,
                              kind="stable")
            .groupby(["environment", "background"], sort=False, dropna=False).head(1))
    best = best.set_index(["environment", "background"]).reindex(
        [(e, b) for e in table.environment.unique() for b in bgs]).reset_index()
    rep.table(best[["environment", "background", "pair", "efficacy_pair", "best_single",
                    "excess_over_best_single"]],
              caption="Best pair per background and environment (largest excess, then "
                      "largest efficacy; the first listed on ties)")


def drug_response_report(model: Model, *, environments=None,
                         backgrounds: Sequence[str] | None = None) -> Report:
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
    _combination_section(rep, model, envs, bgs)
    rep.summary = (f"{len(drugs)} drug classes × {len(bgs) + 1} backgrounds × {len(envs)} "
                   f"environment{'s' * (len(envs) != 1)}")
    return rep


# ============================================================================ markers
def _evidence(marker) -> str:
    parts = []
    for e in marker.evidence:
        d, w = e.deltas, e.wild_type_deltas
        deltas = ", ".join(f"Δ{r} {d[r]:+.2f} (wt {w[r]:+.2f})"
                           for r in ("PROLIFERATION", "APOPTOSIS") if r in d)
        parts.append(f"{_env_name(e.environment)}: efficacy {e.efficacy:.2f} vs wt "
                     f"{e.wild_type_efficacy:.2f}" + (f"; {deltas}" if deltas else ""))
    return " / ".join(parts)


def marker_report(model: Model, *, environments=None,
                  threshold: float = DEFAULT_THRESHOLD) -> Report:
    """Ranked sensitizing and resistance markers per drug class, and the seed statements."""
    import pandas as pd

    from . import plot

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
        f"scored: **score** = mean over the environments ({', '.join(map(_env_name, envs))}) "
        f"of efficacy in the background − efficacy in the wild type; **sensitizing** if score "
        f"≥ {threshold:g}, **resistance** if ≤ −{threshold:g} (docs/semantics.md, "
        f"\"Sensitivity and resistance markers\"). The evidence lists each environment's "
        f"efficacy and readout changes next to the wild type's.")
    found = {d: predict_markers(model, d, envs, threshold=threshold)
             for d in progress(drugs, "markers")}
    labels = _labels(model, drugs)
    scores = pd.DataFrame({labels[d]: {m.alteration: m.score for m in ms}
                           for d, ms in found.items()}).reindex(list(model.backgrounds))
    rep.figure(plot.response_heatmap(scores, title="Marker scores by drug class",
                                     value_label="marker score\n(efficacy vs wild type)",
                                     vmin=-2, vmax=2),
               "marker_scores",
               f"Marker score of each background (rows) for each drug (columns): dark "
               f"resistance, light sensitizing; |score| ≥ {threshold:g} makes a marker.")
    counts = {"sensitizing": 0, "resistance": 0}
    for drug, markers in found.items():
        rep.heading(f"{model.drug(drug).drug_class}: {drug}")
        neutral = [m.alteration for m in markers if m.effect == "neutral"]
        for effect, order in (("sensitizing", 1), ("resistance", -1)):
            ranked = sorted((m for m in markers if m.effect == effect),
                            key=lambda m: (-order * m.score, m.alteration))
            counts[effect] += len(ranked)
            if not ranked:
                rep.paragraph(f"No {effect} marker for {drug}.")
                continue
            rep.table([{"rank": i, "alteration": m.alteration, "score": m.score,
                        "evidence": _evidence(m),
                        "background reference": model.backgrounds[m.alteration].ref}
                       for i, m in enumerate(ranked, start=1)],
                      caption=f"{effect.capitalize()} markers of response to {drug}, "
                              f"strongest first")
        if neutral:
            rep.paragraph(f"Neutral: {', '.join(neutral)}.")
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
    from .control import control

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
