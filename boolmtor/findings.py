"""The report's front page: its findings, computed from the explorer page's precomputed data.

Which drug class is most effective for which background, which backgrounds are markers, and how
robust those calls are (across the tumour environments, across the drugs of a class), read
from the `bm.response` / `bm.predict_markers` results the explorer embeds (`bm.explore`), so
that nothing is computed twice and nothing is written by hand.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .confidence import response_call
from .response import leaders

WILD_TYPE = "wild type"


@dataclass(frozen=True)
class Findings:
    """The front page's sentences and the efficacy table behind its key figure.

    `efficacy` maps (background, class) to the efficacy of the class's representative drug in
    `environment` (the first tumour environment); `sentences` say it in words.
    """

    environment: str | None
    classes: tuple[str, ...]
    backgrounds: tuple[str, ...]
    efficacy: dict
    sentences: tuple[str, ...]

    def figure(self):
        """Backgrounds x drug classes heatmap of efficacy (cividis, values written)."""
        import pandas as pd

        from .plot import response_heatmap
        table = pd.DataFrame([[self.efficacy.get((b, c)) for c in self.classes]
                              for b in self.backgrounds], index=list(self.backgrounds),
                             columns=list(self.classes), dtype=float)
        return response_heatmap(table, vmin=0.0, vmax=2.0,
                                value_label="efficacy:\n1 cytostatic, 2 cytotoxic",
                                title=f"Efficacy of one drug per class, "
                                      f"{self.environment or 'inputs free'}")


def _key(env, bgs=(), drugs=()) -> str:
    return "|".join([env or "", "+".join(sorted(bgs)), "", "+".join(sorted(drugs))])


def _names(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] \
        if items else ""


def findings(data: dict) -> Findings | None:
    """Findings from an explorer page's data (`explorer.load_data`); None without drugs."""
    man = data["manifest"]
    reps, conds = man["representatives"], data["conditions"]
    if not reps:
        return None
    drug_class = {d["name"]: d["class"] for d in man["drugs"]}
    classes = tuple(drug_class[d] for d in reps)
    envs = man["tumour_environments"] or [e["name"] for e in man["environments"]]
    env = envs[0]
    bgs = [None] + [b["name"] for b in man["backgrounds"]]
    label = {b: b or WILD_TYPE for b in bgs}

    def response(e, b, drug):
        c = conds.get(_key(e, () if b is None else (b,), (drug,)))
        return None if c is None else c["r"]

    efficacy, best, none_work, growing = {}, {}, [], {}
    for b in bgs:
        values = {}
        for drug, cls in zip(reps, classes):
            r = response(env, b, drug)
            if r is not None:
                efficacy[(label[b], cls)] = r["efficacy"]
                values[cls] = r["efficacy"]
                growing[label[b]] = r["growing"]
        if not values:
            continue
        if max(values.values()) < 0.1:
            none_work.append(label[b])
        else:
            best[label[b]] = leaders(values)
    by_classes = defaultdict(list)
    for b, top in best.items():
        by_classes[top].append(b)
    sentences = []
    where = env or "inputs free"
    parts = [f"{' = '.join(top)} for {_names(bs)}" for top, bs in by_classes.items()]
    if parts:
        sentences.append(f"Most effective drug class in {where} (efficacy of one drug "
                         f"per class; ties joined by =): " + "; ".join(parts) + ".")
    if none_work:
        quiet = [b for b in none_work if growing.get(b) is False]
        sentences.append(f"No class reaches efficacy 0.1 for {_names(none_work)}"
                         + (f" ({_names(quiet)}: the untreated tumour does not grow there)"
                            if quiet else "") + ".")
    sentences += _marker_sentences(data["markers"], drug_class)
    sentences += _robustness(data, envs, bgs, label, reps, drug_class, best, response)
    return Findings(env, classes, tuple(label[b] for b in bgs if (label[b], classes[0])
                                        in efficacy), efficacy, tuple(sentences))


def _marker_sentences(markers: dict, drug_class: dict) -> list[str]:
    out = []
    for effect, word in (("sensitizing", "Sensitizing markers"),
                         ("resistance", "Resistance markers")):
        items = []
        for bg, rows in markers.items():
            cls = sorted({drug_class[r["drug"]] for r in rows if r["effect"] == effect})
            if cls:
                items.append(f"{bg} ({', '.join(cls)})")
        if items:
            out.append(f"{word} (bm.predict_markers, efficacy change ≥ 0.1 against the wild "
                       f"type, tumour environments): {'; '.join(items)}.")
    return out


def _robustness(data, envs, bgs, label, reps, drug_class, best, response) -> list[str]:
    """How far the calls hold: across the tumour environments and across a class's drugs."""
    out = []
    if len(envs) > 1:
        same, counted = 0, 0
        for b in bgs:
            tops = []
            for e in envs:
                values = {drug_class[d]: r["efficacy"] for d in reps
                          if (r := response(e, b, d)) is not None and r["growing"]}
                if values and max(values.values()) >= 0.1:
                    tops.append(leaders(values))
            if len(tops) == len(envs):
                counted += 1
                same += len(set(tops)) == 1
        if counted:
            out.append(f"Robustness across the tumour environments ({', '.join(envs)}): the "
                       f"best class is the same in all of them for {same} of the {counted} "
                       f"backgrounds that grow and respond in each.")
    agree, total = 0, 0
    members = defaultdict(list)
    for d in (x["name"] for x in data["manifest"]["drugs"]):
        members[drug_class[d]].append(d)
    for b in bgs:
        for _cls, drugs in members.items():
            calls = {response_call(r["efficacy"]) for d in drugs
                     if (r := response(envs[0], b, d)) is not None}
            if len(drugs) > 1 and calls:
                total += 1
                agree += len(calls) == 1
    if total:
        out.append(f"Robustness within classes: all drugs of a class make the same call "
                   f"(effective / no effect / adverse) in {agree} of {total} (background, "
                   f"class) pairs with several drugs.")
    inexact = sum(1 for c in data["conditions"].values() if "r" in c and not c["r"]["exact"])
    out.append("Every weight is exact." if not inexact else
               f"{inexact} responses use Monte-Carlo weight estimates.")
    return out


def lead(report, folder: str | Path, explorer_folder: str = "explorer") -> bool:
    """Open `report` (the index) with the findings and a link to the explorer, when the
    report folder holds an explorer section; False otherwise."""
    from .explorer import load_data

    page = Path(folder) / explorer_folder / "index.html"
    if not page.is_file():
        return False
    found = findings(load_data(page))
    report.heading("Findings")
    if found is not None:
        report.figure(found.figure(), "key_figure",
                      caption=f"Efficacy (share of proliferation removed + apoptosis added) of "
                              f"one drug per class in each background, "
                              f"{found.environment or 'inputs free'}: 0 no effect, "
                              f"1 cytostatic, 2 cytotoxic (in words below).")
        report.bullets(found.sentences)
    report.paragraph(f"Explore every precomputed condition by clicking: "
                     f"[the explorer]({explorer_folder}/index.html) (one offline page: pick "
                     f"environment, backgrounds, alterations and drugs).")
    return True
