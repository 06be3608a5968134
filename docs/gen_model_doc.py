#!/usr/bin/env python
"""Write docs/model.md and docs/figures/network.png: the curated mTOR model described.

    .venv/bin/python docs/gen_model_doc.py            # rewrite docs/model.md and the figure
    .venv/bin/python docs/gen_model_doc.py --out DIR  # write DIR/model.md, DIR/figures/

Everything about the model is computed from `rules/mtor/` (rules, `# ref:` and `# choice:`
comments, model.toml) and the public API (`feedback_loops`, `attractors`, `validate`,
`predict_markers`); only the module paragraphs and the wording of the known limitations are
written here. Each limitation comes with a check against the model: if the model changes so
that a limitation no longer holds, this script stops with an error naming it, so the text cannot
silently go stale. tests/test_model_doc.py checks that docs/model.md is up to date.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import boolmtor as bm
from boolmtor.loops import feedback_loops
from boolmtor.marker_checks import check_markers

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules" / "mtor"
DOCS = REPO / "docs"
FIGURE = "figures/network.png"
MARKER_DRUGS = ("rapamycin", "torin1", "nvp-bez235", "alpelisib", "mk-2206", "trametinib",
                "lapatinib")  # one drug per class compared in the tables

SEEDS = {
    "000_0d571e5e0c4997d6.txt": "Target Oncol 2011: mTOR inhibitors in sarcomas (abstract)",
    "001_3837e4450688a9f4.txt": "Expert Opin Ther Targets 2011: mTOR inhibition in breast "
                                "cancer (abstract)",
    "002_97e0c012a3367058.txt": "Review of pharmacological mTOR targeting (full text): the "
                                "pathway wiring and drug classes",
    "003_09bcf4bceecbc197.txt": "Tailoring mTOR-based therapy: molecular evidence and clinical "
                                "challenges (full text): feedback, biomarkers",
    "004_9d8d52564c9f8fe9.txt": "BBA Mol Cell Res 2019: resistance to mTOR inhibition "
                                "(abstract)",
}

# ---------------------------------------------------------------------------- module prose
# One paragraph per [modules] entry of model.toml; seeds are cited by their number (002 = the
# review 002_97e0c012a3367058.txt, ...). The rules and their quotes follow each paragraph,
# generated from the rules files.
MODULES = {
    "inputs": (
        "The four inputs are the cell's environment: growth factors or insulin (`GF`), amino "
        "acids (`AA`), energy stress (high AMP:ATP, `ENERGY_STRESS`) and `HYPOXIA`. mTORC1 is "
        "\"a primary sensor for nutrients, growth factors, oxygen, and energy\" (002). Each "
        "input keeps its own value (`GF, GF`); a named environment of model.toml fixes them."),
    "pi3k_akt": (
        "Growth factors act through EGFR/HER-family receptors (`RTK`, the lapatinib target) and "
        "insulin/IGF-1 receptors (`IGF1R`), whose substrate IRS1 is degraded by S6K: the "
        "negative feedback that rapalogs relieve (003). p110alpha (`PI3K`) is recruited by RAS "
        "(level 1) and fully by IRS1 or by receptors that FOXO induces when AKT/mTORC2 "
        "signalling is blocked (level 2). PIP3 follows p110alpha while PTEN is present; without "
        "PTEN, basal p110beta (`PIK3CB`) alone makes high PIP3, which is why PTEN-null cells "
        "depend on p110beta and not on the p110alpha-selective alpelisib (Wee 2008, Jia 2008). "
        "AKT has two levels: Thr308 by PDK1 (level 1, what remains under a TORKinib) and Ser473 "
        "by mTORC2 with high PIP3 (level 2: the AKT of PTEN-null and PIK3CA-mutant cells and "
        "of rapalog feedback). Full AKT or SGK1 keeps FOXO off; any survival kinase keeps GSK3 "
        "off."),
    "mtorc1": (
        "mTORC1 needs GTP-bound RHEB and the amino-acid-activated Rag/Ragulator complex (002). "
        "The TSC1/TSC2 complex inactivates RHEB (003); AKT and ERK/RSK phosphorylate and inhibit "
        "TSC2, AMPK (energy stress) and REDD1 (hypoxia) activate it (002). mTORC1 has two "
        "levels: level 1 is its activity toward high-quality, rapamycin-resistant sites (4E-BP1 "
        "Thr37/46), level 2 full activity (S6K, 4E-BP1 Ser65) (Kang 2013). A rapalog removes "
        "level 2 only (003: \"rapamycin-insensitive functions of mTORC1\"); an ATP-site "
        "inhibitor removes both."),
    "mapk": (
        "Receptors activate RAS independently of PI3K (002: \"activating mTOR in PI3K "
        "independent pathways\"); RAS recruits p110alpha. Full RAS/RAF/ERK activity (level 2) "
        "needs full PI3K activity, so a rapalog raises ERK through the relieved IRS1 feedback "
        "and a PI3K inhibitor prevents the rise (003, Carracedo 2008). ERK induces cyclin D1 "
        "transcription; RSK inhibits TSC2 and phosphorylates BAD. Oncogenic KRAS or BRAF fix "
        "their node at level 2."),
    "effectors": (
        "S6K needs full mTORC1 activity; 4E-BP1 (`EIF4EBP1` = the hypophosphorylated, "
        "repressing form) is partly active under a rapalog and fully active when mTORC1 is off, "
        "so free eIF4E is graded 2 / 1 / 0 (Choo 2008, Thoreen 2009). Cyclin D1 protein is "
        "transcription x translation x stability: translated from basal transcripts by any "
        "free eIF4E (level 1), ERK-induced and protected from GSK3 (level 2), and, where the "
        "gene is amplified, excess transcripts that need fully free eIF4E (level 3). SKP2 needs "
        "full AKT and rapamycin-sensitive mTORC1 output and removes p27, which FOXO induces "
        "(003, Totary-Jain 2012). HIF1alpha accumulates in hypoxia or with strong PI3K/AKT/"
        "mTORC1 translation (003, Zhong 2000). ULK1 is active when mTORC1 is below full "
        "activity (level 1) or off (level 2)."),
    "survival": (
        "BAD is dephosphorylated (pro-apoptotic) only when AKT, RSK and S6K are all off (002, "
        "Datta 1997, Bonni 1999, Harada 2001); it neutralises BCL2/BCL-XL. MCL1 is a "
        "short-lived protein made by cap-dependent translation (Hsieh 2010): a rapalog keeps "
        "it, an ATP-site inhibitor loses it. BCL2 in excess (level 2) arises only by genetic "
        "alteration."),
    "phenotypes": (
        "`PROLIFERATION` (levels 0-3) needs translated cyclin D1 and counts four drivers: "
        "ERK-induced stable cyclin D1, full mTORC1-driven protein synthesis, p27 removed by "
        "SKP2, and excess cyclin D1. Growth factors give two drivers; oncogenic PI3K/AKT and "
        "cyclin D1 amplification add one each, and that extra drive runs through mTORC1, "
        "which is why those tumours depend on it. `APOPTOSIS` level 1 = MCL1 lost, level 2 = "
        "also BCL2/BCL-XL neutralised; excess BCL2 blocks both. `AUTOPHAGY` follows ULK1, "
        "`GROWTH` (protein synthesis) S6K and eIF4E."),
}


# ---------------------------------------------------------------------------- known limitations
@dataclass(frozen=True)
class Limitation:
    """A known limitation: its text, and a check that returns what the model does today."""

    title: str
    text: str
    check: Callable[["Facts"], str]


class Facts:
    """Cached answers about the model that the limitation checks share."""

    def __init__(self, model: bm.Model):
        self.model = model
        self._atts: dict = {}

    @cached_property
    def validation(self) -> bm.Validation:
        return bm.validate(self.model)

    @cached_property
    def markers(self) -> dict[str, dict[str, bm.Marker]]:
        """Markers of one drug per class, by drug then background."""
        return {d: {m.alteration: m for m in bm.predict_markers(self.model, d)}
                for d in MARKER_DRUGS}

    def value(self, node: str, environment: str, drugs=(), backgrounds=()) -> float:
        """The node's score (mean level in [0, 1]), required equal in every attractor."""
        key = (environment, tuple(drugs), tuple(backgrounds))
        if key not in self._atts:
            p = bm.Perturbation(drugs=drugs, backgrounds=backgrounds)
            self._atts[key] = bm.attractors(self.model, environment=environment, perturbation=p)
        acts = {round(a.score(node), 2) for a in self._atts[key]}
        need(len(acts) == 1, f"{node} differs between attractors of {key}")
        return acts.pop()

    def status(self, expectation_id: str) -> str:
        for r in self.validation.results:
            if r.expectation.id == expectation_id:
                return r.status
        raise LimitationStale(f"expectation {expectation_id!r} no longer exists")


class LimitationStale(RuntimeError):
    """A limitation's text no longer matches the model."""


def need(condition: bool, message: str) -> None:
    if not condition:
        raise LimitationStale(message)


def _fmt(x: float) -> str:
    return str(int(x)) if x in (0, 1) else f"{x:.2f}"


def _rapalog_level(f: Facts) -> str:
    targets = {d.name: dict(d.targets) for d in f.model.drugs.values() if d.drug_class == "rapalog"}
    need(all(t == {"MTORC1_2": 0} for t in targets.values()),
         f"rapalogs no longer target MTORC1_2 only: {targets}")
    return ", ".join(targets) + ": targets MTORC1_2 = 0"


def _baseline_dependency(f: Facts) -> str:
    nodes = ("PROLIFERATION", "APOPTOSIS")
    wt = [f.value(n, "growth", ["rapamycin"]) for n in nodes]
    pten = [f.value(n, "growth", ["rapamycin"], ["PTEN_loss"]) for n in nodes]
    need(wt == pten, f"rapamycin-treated PTEN_loss and wild type now differ: {wt} vs {pten}")
    before = (f.value("PROLIFERATION", "growth"),
              f.value("PROLIFERATION", "growth", backgrounds=["PTEN_loss"]))
    need(before[1] > before[0], "PTEN_loss no longer proliferates more than wild type")
    return (f"PROLIFERATION untreated {_fmt(before[0])} (wild type) vs {_fmt(before[1])} "
            f"(PTEN_loss), with rapamycin {_fmt(wt[0])} in both")


def _no_rictor(f: Facts) -> str:
    need(not f.model.graph.has_edge("S6K", "MTORC2"), "S6K -| MTORC2 is now encoded")
    return f"rule `MTORC2, {f.model.rules['MTORC2']}` (no S6K term)"


def _sgk1_foxo(f: Facts) -> str:
    foxo = f.value("FOXO", "growth", ["mk-2206"])
    need(foxo == 0, "FOXO now comes on under MK-2206")
    return f"growth + MK-2206: FOXO {_fmt(foxo)}, SGK1 {_fmt(f.value('SGK1', 'growth', ['mk-2206']))}"


def _constants(f: Facts) -> str:
    consts = [n for n in f.model.inputs if f.model.rules[n] in ("0", "1")]
    need({"PTEN", "PIK3CB", "BCL2_2", "CCND1_MRNA_2"} <= set(consts),
         f"constant nodes changed: {consts}")
    return "constant nodes: " + ", ".join(consts)


def _marker_cell(m) -> str:
    """A marker's score and effect, and "indep." when it grows where the wild type does not."""
    return f"{m.score:+.2f} {m.effect}" + (" (indep.)" if m.independent_in else "")


def _kras_rapalog(f: Facts) -> str:
    m = f.markers["rapamycin"]["KRAS_mut"]
    need(m.effect == "neutral", f"KRAS_mut is now {m.effect} to rapamycin")
    return f"KRAS_mut marker score {m.score:+.2f} for rapamycin"


def _torkinib_ceiling(f: Facts) -> str:
    m = f.markers["torin1"]["PTEN_loss"]
    wt = bm.response(f.model, "torin1", environment="growth")
    need(m.effect == "neutral" and wt.cytostatic > 1 - 1e-9,
         f"PTEN_loss is now {m.effect} to torin1; wild-type cytostatic {wt.cytostatic:.2f}")
    return (f"torin1 removes {wt.cytostatic:.0%} of wild-type proliferation; PTEN_loss with "
            f"torin1: {m.effect} (score {m.score:+.2f})")


def _kras_dual(f: Facts) -> str:
    r = bm.response(f.model, "nvp-bez235", background="KRAS_mut", environment="growth")
    need(r.kind == "cytotoxic", f"KRAS_mut + NVP-BEZ235 is now {r.kind}")
    return f"growth + KRAS_mut + NVP-BEZ235: efficacy {r.efficacy:+.2f}, {r.kind}"


def _not_nodes(f: Facts) -> str:
    absent = [n for n in ("DEPTOR", "PKC", "PIM1", "LIPIN1", "ESR1", "ER") if n not in f.model.nodes]
    need(len(absent) == 6, "one of DEPTOR, PKC, PIM1, LIPIN1, ESR1/ER is now a node")
    for u, v in (("FOXO", "TSC"), ("RSK", "MTORC1"), ("GSK3", "MCL1")):
        need(not f.model.graph.has_edge(u, v), f"{u} -> {v} is now encoded")
    return "no nodes " + ", ".join(absent) + "; no edges FOXO → TSC, RSK → MTORC1, GSK3 → MCL1"


LIMITATIONS = (
    Limitation(
        "Rapalogs are partial mTORC1 inhibitors by construction",
        "A rapalog removes mTORC1 level 2 (its rapamycin-sensitive activity) and leaves level 1; "
        "the share that remains is fixed by the rule, not by dose or time (Choo 2008: 4E-BP1 "
        "phosphorylation recovers within hours).", _rapalog_level),
    Limitation(
        "Dependency markers in growth factors come from the untreated tumour",
        "Under a rapalog the wild type and a PTEN-null, PIK3CA-mutant or AKT-active tumour reach "
        "the same state; the tumour is more sensitive because its extra proliferation (the "
        "SKP2/p27 driver of fully active AKT) runs through mTORC1 and is removed by the drug. "
        "The model does not encode a mechanism by which the treated tumour fares worse than "
        "treated wild type.", _baseline_dependency),
    Limitation(
        "S6K ⊣ RICTOR/mTORC2 is not encoded",
        "002 says S6K \"works via negative feedback to inhibit both mTOR complexes\". As an "
        "AND-NOT it would switch AKT Ser473 off whenever S6K is on, including in PTEN-null "
        "cells, against 003 (Akt phosphorylation in PTEN-deficient tumours).", _no_rictor),
    Limitation(
        "AKT inhibitors leave FOXO off where SGK1 is active",
        "FOXO needs both fully active AKT and SGK1 off; SGK1 (PDK1 and mTORC2) stays on under an "
        "allosteric AKT inhibitor, so the FOXO-driven receptor induction that follows AKT "
        "inhibition in many cells is not reproduced for AKT inhibitors (it is for TORKinibs, "
        "which also block mTORC2).", _sgk1_foxo),
    Limitation(
        "Constant nodes",
        "PTEN, basal p110beta and the genetic-only levels (BCL2 in excess, excess cyclin D1 "
        "transcripts) have constant rules, so the package lists them as inputs (environments do "
        "not set them; backgrounds do). A screen's \"non-input nodes\" leave them out; use the "
        "backgrounds.", _constants),
    Limitation(
        "KRAS is neutral to rapalogs",
        "In growth factors the wild type already has the ERK-driven cyclin D1 driver that KRAS "
        "provides, and without growth factors KRAS-mutant cells keep only that driver under a "
        "rapalog, as the wild type does in growth factors: the model predicts no KRAS effect on "
        "rapalog response.", _kras_rapalog),
    Limitation(
        "TORKinibs are at the ceiling",
        "An ATP-site inhibitor removes all proliferation in every background, so the PI3K-arm "
        "alterations that make tumours more mTOR-dependent (sensitizing to rapalogs) cannot "
        "sensitize further: PTEN, PIK3CA and AKT come out neutral to torin1, not sensitizing. "
        "Their difference would show in dose (IC50), which a Boolean model does not have.",
        _torkinib_ceiling),
    Limitation(
        "KRAS-mutant tumours respond to a dual PI3K/mTOR inhibitor alone",
        "Engelman et al. 2008 (Nat Med, doi:10.1038/nm.1890) saw Kras-driven lung cancers not "
        "respond substantially to single-agent NVP-BEZ235, and respond to it with a MEK "
        "inhibitor. The model reproduces the combination (validation-kras-dual-pi3k-mtor-mek-"
        "synergy) but gives KRAS-mutant cells the wild type's cytotoxic response to the single "
        "agent: no ERK-maintained survival signal outlasts PI3K/mTOR blockade in the rules.",
        _kras_dual),
    Limitation(
        "Left out",
        "DEPTOR (its seed-given regulation only adds bistable mTOR/DEPTOR loops), PKC, PIM1, "
        "Lipin1 and the oestrogen receptor (001's endocrine crosstalk) are not nodes; FOXO ⊣ "
        "TSC2 and RSK → RAPTOR are not encoded (see the modelling choices), nor GSK3-driven "
        "MCL1 degradation.", _not_nodes),
)


# ---------------------------------------------------------------------------- rules comments
@dataclass(frozen=True)
class Annotated:
    """A rule with the comment block above it, continuation lines joined."""

    node: str
    rule: str
    file: str
    line: int
    refs: tuple[str, ...]
    choices: tuple[str, ...]
    notes: tuple[str, ...]


_TAG = re.compile(r"#\s*(ref|choice)\s*:\s*(.*)", re.IGNORECASE)


def annotated(model: bm.Model, node: str) -> Annotated:
    """`node`'s rule, its `# ref:` and `# choice:` annotations (as the parser keeps them, with
    indented continuation lines joined) and the other comment lines right above it."""
    origin = model.origins[node]
    lines = Path(origin.path).read_text(encoding="utf-8").splitlines()
    i = origin.line - 1
    while i > 0 and lines[i - 1].lstrip().startswith("#"):
        i -= 1
    items: list[list[str]] = []  # [kind, text]
    for raw in lines[i:origin.line - 1]:
        body = raw.strip()
        m = _TAG.match(body)
        if m:
            items.append([m[1].lower(), m[2].strip()])
        elif re.match(r"#\s{2,}\S", body) and items:
            items[-1][1] += " " + body[1:].strip()
        else:
            items.append(["note", body[1:].strip()])
    get = lambda kind: tuple(t for k, t in items if k == kind)  # noqa: E731
    return Annotated(node, model.rules[node], Path(origin.path).name, origin.line,
                     origin.refs, origin.choices, get("note"))


# ---------------------------------------------------------------------------- markdown helpers
def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def values(mapping) -> str:
    return ", ".join(f"{k}={v}" for k, v in mapping.items()) or "—"


# ---------------------------------------------------------------------------- the document
def document(model: bm.Model) -> str:
    """docs/model.md as text."""
    facts = Facts(model)
    loops = feedback_loops(model)
    g = model.graph.copy()
    g.remove_edges_from([(n, n) for n in model.inputs if g.has_edge(n, n)])
    notes = {n: annotated(model, n) for n in model.nodes}
    module_of = {n: m for m, ns in model.manifest.modules.items() for n in ns}
    out: list[str] = [
        "# The curated mTOR model",
        "",
        "<!-- Generated by docs/gen_model_doc.py from rules/mtor/ and boolmtor; do not edit. "
        "Rerun: .venv/bin/python docs/gen_model_doc.py -->",
        "",
        f"**{model.manifest.title}.** {model.manifest.description}",
        "",
        f"{len(model.nodes)} nodes ({len(model.inputs)} inputs: {', '.join(model.inputs)}; "
        f"readouts: {', '.join(model.readouts)}), {g.number_of_edges()} signed edges, "
        f"{len(loops)} feedback loops, {len(model.environments)} environments, "
        f"{len(model.drugs)} drugs, {len(model.backgrounds)} genetic backgrounds and "
        f"{len(model.expectations)} literature expectations. Rules: `rules/mtor/*.bnet` "
        "(BoolNet format; a node's value 1 is its active form); manifest: "
        "`rules/mtor/model.toml`; semantics of attractors, scores and expectations: "
        "[semantics.md](semantics.md).",
        "",
        "## Network",
        "",
        f"![Signed interaction graph of the curated mTOR model]({FIGURE})",
        "",
        "Signed interaction graph, inputs at the top, readouts at the bottom. Solid dark arrows "
        "activate, dashed red bars inhibit; node colour is the module; edges on a negative "
        "feedback loop have an orange halo.",
        "",
        "## Sources",
        "",
        "Every rule, environment, drug, background and expectation cites its evidence: one of "
        "five seed texts with a verbatim quote (`# ref: <file> \"<quote>\"`), checked against "
        "the seed texts by tests/test_curated_model.py (record: `rules/mtor/seed_quotes.json`), "
        "or primary literature (`# ref: <authors> <year> <journal>, doi:/PMID \"<quote>\"`), "
        "whose quote is from the paper's title or abstract. All primary references are listed "
        "under [References](#references).",
        "",
    ]
    cited = Counter()
    for n in model.nodes:
        cited.update(r.split()[0] for r in notes[n].refs)
    manifest_refs = [x.ref for group in (model.environments, model.drugs, model.backgrounds)
                     for x in group.values()] + [x.ref for x in model.expectations]
    cited_manifest = Counter(r.split()[0] for r in manifest_refs if r)
    out += table(["seed", "what it is", "rule refs", "manifest refs"],
                 [[f"`{f}`", what, cited[f], cited_manifest[f]] for f, what in SEEDS.items()])
    out += ["", "## Modules", ""]
    for module, nodes in model.manifest.modules.items():
        rules_here = [notes[n] for n in nodes]
        files = sorted({a.file for a in rules_here})
        out += [f"### {module}", "", MODULES.get(module, _header(rules_here)), "",
                f"Nodes: {', '.join(f'`{n}`' for n in nodes)} ({', '.join(files)}).", ""]
        out += table(["node", "rule", "evidence (`# ref:`)", "choice"],
                     [[f"`{a.node}`", f"`{a.rule}`",
                       "<br>".join(a.refs) or "—",
                       "yes" if a.choices else ""] for a in rules_here])
        out.append("")
    loose = [n for n in model.nodes if n not in module_of]
    if loose:
        out += ["### Nodes outside [modules]", ""]
        out += table(["node", "rule", "evidence"],
                     [[f"`{n}`", f"`{notes[n].rule}`", "<br>".join(notes[n].refs)]
                      for n in loose])
        out.append("")

    out += ["## Feedback loops", "",
            "Simple cycles of the signed interaction graph (networkx `simple_cycles`, via "
            "`boolmtor.loops.feedback_loops`; the inputs' self-loops left out), shortest first. "
            "A loop's sign is the product of its edge signs: negative loops can give "
            "oscillations or adaptation, positive loops multistability.", ""]
    signs = Counter(l.sign for l in loops)
    shared = set.intersection(*(set(l.edges) for l in loops)) if loops else set()
    out.append(f"{len(loops)} loops: " + ", ".join(f"{v} {k}" for k, v in sorted(signs.items()))
               + "." + (" Every loop runs through "
                        + ", ".join(f"{u} {'⊣' if g.edges[u, v]['sign'] < 0 else '→'} {v}"
                                    for u, v in sorted(shared))
                        + "." if shared else ""))
    out.append("")
    out += table(["#", "loop", "length", "sign"],
                 [[i, str(l), len(l), l.sign] for i, l in enumerate(loops, start=1)])

    out += ["", "## Environments and their attractors", "",
            "Exact asynchronous attractors of the unperturbed model in each environment "
            "(`bm.attractors`).", ""]
    rows = []
    for env in model.environments.values():
        atts = bm.attractors(model, environment=env.name)
        kinds = ", ".join("fixed point" if a.is_fixed_point else f"cyclic ({a.size} states)"
                          for a in atts)
        pheno = "; ".join(", ".join(f"{k} {v}" for k, v in a.phenotype.items()) for a in atts)
        rows.append([f"`{env.name}`", values(env.inputs), env.description, kinds, pheno,
                     env.ref])
    out += table(["environment", "inputs", "description", "attractors", "readouts",
                  "reference"], rows)

    out += ["", "## Modelling choices", "",
            "Where the seeds are silent or a literal reading breaks the rest of the biology, the "
            "rule says so in a `# choice:` comment. All of them, from the rules files:", ""]
    for n in model.nodes:
        a = notes[n]
        for choice in a.choices:
            out.append(f"- **{n}** (`{a.file}:{a.line}`, `{n}, {a.rule}`): {choice}")
    out += ["", "## Known limitations", "",
            "Each is checked against the model when this page is generated; *today* is what "
            "the model does now.", ""]
    for lim in LIMITATIONS:
        try:
            today = lim.check(facts)
        except LimitationStale as exc:
            raise LimitationStale(f"limitation {lim.title!r} no longer holds ({exc}); update "
                                  "LIMITATIONS in docs/gen_model_doc.py") from None
        out.append(f"- **{lim.title}.** {lim.text} *Today:* {today}.")

    v = facts.validation
    c = v.counts()
    out += ["", "## Literature expectations", "",
            f"`bm.validate(model)` under the asynchronous update, today: **{c['pass']} pass, "
            f"{c['fail']} fail, {c['known']} known disagreements** "
            f"({len(v.results)} expectations). `on`/`off` must hold in every state of every "
            "attractor, `active` means activity > 0 in every attractor (so an oscillating "
            "node is active), `up`/`down` compare the node's weighted score with the "
            "`vs` condition; see [semantics.md](semantics.md). A known disagreement stays in "
            "the table with its reason.", "", v.to_markdown().rstrip("\n")]

    out += ["", "## Drug classes", "",
            "`bm.response` in `growth` for one drug per class (exact asynchronous weights, the "
            "treated network started from the untreated attractors). Cells: efficacy "
            "(cytostatic + cytotoxic part, docs/semantics.md); the wild-type row is followed by "
            "the readout profile of each class.", ""]
    responses = {(b, d): bm.response(model, d, background=b, environment="growth")
                 for b in (None, *model.backgrounds) for d in MARKER_DRUGS}
    out += table(["background", *MARKER_DRUGS],
                 [[f"`{b or 'wild type'}`", *(_effect(responses[b, d]) for d in MARKER_DRUGS)]
                  for b in (None, *model.backgrounds)])
    out += ["", "Wild type in `growth`, treated scores (untreated in the first column):", ""]
    shown = ("PROLIFERATION", "APOPTOSIS", "GROWTH", "AUTOPHAGY", "AKT", "PI3K", "ERK", "EIF4E")
    first = responses[None, MARKER_DRUGS[0]]
    out += table(["node", "untreated", *MARKER_DRUGS],
                 [[n, f"{first.untreated[n]:.2f}",
                   *(f"{responses[None, d].treated[n]:.2f}" for d in MARKER_DRUGS)]
                  for n in shown])

    out += ["", "## Predicted response markers", "",
            "`bm.predict_markers` for one drug per class, over the tumour environments "
            f"({', '.join(model.manifest.tumour_environments)}): score = mean, over the "
            "environments where the untreated background grows, of its efficacy minus the "
            "wild type's in a niche where the wild type grows (semantics.md, \"Sensitivity "
            "and resistance markers\"). *indep.*: the background also grows where the wild "
            "type does not (growth-factor independence, not counted as sensitivity).", ""]
    backgrounds = list(model.backgrounds)
    out += table(["background", *MARKER_DRUGS],
                 [[f"`{b}`", *(_marker_cell(facts.markers[d][b]) for d in MARKER_DRUGS)]
                  for b in backgrounds])
    out += ["", "## Held-out validation", "",
            "Expectations and marker statements whose id starts with `validation-` are "
            "published findings that the rules were not written from; they were checked after "
            "the model was built.", ""]
    held = [r for r in v.results if r.expectation.id.startswith("validation-")]
    held_markers = [c for c in check_markers(model)
                    if c.expectation.id.startswith("validation-")]
    out += table(["id", "status", "model", "reference"],
                 [[f"`{r.expectation.id}`", r.status,
                   ", ".join(f"{c.node} {c.observed}" for c in r.checks), r.expectation.ref]
                  for r in held]
                 + [[f"`{c.expectation.id}`", c.status,
                     c.observed() + (f" — {c.expectation.disagreement}"
                                   if c.expectation.disagreement else ""),
                     c.expectation.ref] for c in held_markers])
    out += ["", "## References", "",
            "Primary literature cited by the rules and the manifest, besides the seeds.", ""]
    refs = sorted({_source(r) for _, r in _all_refs(model) if not _is_seed(r)})
    out += [f"- {r}" for r in refs]

    out += ["", "## Drugs", "",
            "Each drug fixes its targets (a drug binding a `site` is blocked by a background "
            "that blocks that site).", ""]
    out += table(["drug", "class", "targets", "site", "aliases", "reference"],
                 [[f"`{d.name}`", d.drug_class, values(d.targets), d.site or "—",
                   ", ".join(d.aliases) or "—", d.ref] for d in model.drugs.values()])
    out += ["", "## Genetic backgrounds", ""]
    out += table(["background", "alterations", "blocks sites", "description", "reference"],
                 [[f"`{b.name}`", values(b.alterations), ", ".join(b.blocks_sites) or "—",
                   b.description, b.ref] for b in model.backgrounds.values()])
    out += ["", "## Tumour alterations", "",
            "Gene-level alterations `bm.predict` accepts (the manifest's `[alterations]` "
            "table; names and aliases match whatever their case or spacing) and the "
            "backgrounds that model them.", ""]
    out += table(["alteration", "gene", "aliases", "backgrounds", "reference"],
                 [[a.name, a.gene, ", ".join(a.aliases) or "—",
                   ", ".join(f"`{b}`" for b in a.backgrounds) + (
                       f" (not in this model: {a.if_missing})"
                       if any(b not in model.backgrounds for b in a.backgrounds) else "")
                   if a.modelled else f"not modelled: {a.reason}", a.ref]
                  for a in model.alterations.values()])
    from boolmtor.samples import load_panel

    out += ["", "## Cell-line panel", "",
            "`rules/mtor/cell_lines.tsv` (`boolmtor predict --panel`, the report's "
            "\"Cell-line panel\" section): published driver alterations of widely used cell "
            "lines, each with the source it was checked against.", ""]
    out += table(["cell line", "tissue", "alterations", "source"],
                 [[s.name, s.fields.get("tissue", ""), s.alterations, s.fields.get("source", "")]
                  for s in load_panel()])
    return "\n".join(out) + "\n"


def _effect(r) -> str:
    """A table cell for a Response: efficacy and its cytostatic / cytotoxic parts."""
    if r.cytostatic is None:
        return f"{r.efficacy:+.2f}"
    return f"{r.efficacy:+.2f} ({r.cytostatic:.2f} / {r.cytotoxic:.2f})"


def _is_seed(ref: str) -> bool:
    return ref.split()[0] in SEEDS if ref else False


def _source(ref: str) -> str:
    """The citation part of a literature ref (before its quote)."""
    return ref.split(' "')[0].strip()


def _all_refs(model: bm.Model) -> list[tuple[str, str]]:
    out = [(n, r) for n in model.nodes for r in model.origins[n].refs]
    for group in (model.environments, model.drugs, model.backgrounds):
        out += [(x.name, x.ref) for x in group.values() if x.ref]
    out += [(x.id, x.ref) for x in model.expectations if x.ref]
    out += [(x.id, x.ref) for x in model.manifest.marker_expectations if x.ref]
    return out


def _header(rules: list[Annotated]) -> str:
    """Fallback module paragraph: the `# Module:` header of the module's first rules file."""
    text = Path(RULES / rules[0].file).read_text(encoding="utf-8")
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line.lstrip("# ").strip())
    return " ".join(head) or "(no description)"


def write_figure(model: bm.Model, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig = bm.plot.network(model, title="Curated mTOR model: signed interaction graph")
    fig.savefig(path, dpi=110, metadata={"Software": None})


def generate(out_dir: Path = DOCS) -> Path:
    """Write model.md and figures/network.png into `out_dir`; returns the Markdown path."""
    model = bm.load_model(RULES)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / "model.md"
    md.write_text(document(model), encoding="utf-8")
    write_figure(model, out_dir / FIGURE)
    return md


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="output folder (default docs/)")
    args = parser.parse_args(argv)
    try:
        md = generate(args.out)
    except LimitationStale as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {md} and {args.out / FIGURE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
