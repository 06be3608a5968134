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
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import boolmtor as bm
from boolmtor.loops import feedback_loops

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules" / "mtor"
DOCS = REPO / "docs"
FIGURE = "figures/network.png"
MARKER_DRUGS = ("rapamycin", "torin1", "nvp-bez235")  # one drug per mTOR-inhibitor class

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
        "Growth factors act through the receptor (`RTK`) on PI3K \"either directly or "
        "indirectly through mediator proteins such as insulin receptor substrate-1 (IRS-1)\" "
        "(002). PI3K makes PIP3, which PTEN removes; PIP3 activates PDK1, which phosphorylates "
        "AKT Thr308, while mTORC2 (targeted to the membrane by mSIN1) phosphorylates Ser473 "
        "(002, 003). `AKT` = 1 is fully active AKT (both sites). S6K inhibits IRS1, the "
        "negative feedback that rapalogs relieve (003). mTORC2 also activates SGK1; AKT and "
        "SGK1 inactivate FOXO, and AKT inactivates GSK3, which otherwise degrades cyclin D1 "
        "(002)."),
    "mtorc1": (
        "mTORC1 needs GTP-bound RHEB and the amino-acid-activated Rag/Ragulator complex (002). "
        "The TSC1/TSC2 complex inactivates RHEB (003); growth-factor kinases (AKT, ERK, RSK) "
        "phosphorylate and inhibit TSC2, while AMPK (energy stress) and REDD1 (hypoxia) activate "
        "it (002). AMPK also inhibits mTORC1 directly through RAPTOR, so energy stress switches "
        "mTORC1 off even without TSC (002: \"AMPK directly and indirectly inhibits mTORC1\"). "
        "PRAS40, the unphosphorylated restraining form, is released by AKT and mTORC1 (002)."),
    "mapk": (
        "Insulin and growth factors also activate RAS/RAF/MEK/ERK; ERK and its substrate RSK "
        "inhibit TSC2 and so activate mTORC1 independently of AKT (002). In the model RAS is "
        "driven by the IRS1-dependent share of receptor signalling, so the S6K ⊣ IRS1 feedback "
        "keeps ERK low in growth factors and a rapalog raises it: \"inhibition of mTORC1 leads "
        "to MAPK pathway activation through a PI3K-dependent feedback loop\" (003)."),
    "effectors": (
        "mTORC1's best-known substrates are S6K1 and 4E-BP1 (003, 000). Phosphorylated 4E-BP1 "
        "releases eIF4E for cap-dependent translation (002); `EIF4EBP1` = 1 is the "
        "hypophosphorylated, repressing form. Cyclin D1 needs mTORC1-driven translation and "
        "protection from GSK3 (002). mTORC1 inhibits the autophagy kinase ULK1 (002). BAD "
        "induces apoptosis \"in the absence of p70S6K\" and AKT prevents apoptosis (002); free "
        "BCL2 blocks it, and BCL2 overexpression predicts resistance to mTOR inhibitors (003)."),
    "phenotypes": (
        "Four readouts summarise the state: `PROLIFERATION` (G1/S: cyclin D1 and S6K), "
        "`APOPTOSIS` (BAD not held by BCL2), `AUTOPHAGY` (ULK1) and `GROWTH` (protein "
        "synthesis: eIF4E and S6K) (002, 003)."),
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
        """The node's activity, required equal in every attractor of the condition."""
        key = (environment, tuple(drugs), tuple(backgrounds))
        if key not in self._atts:
            p = bm.Perturbation(drugs=drugs, backgrounds=backgrounds)
            self._atts[key] = bm.attractors(self.model, environment=environment, perturbation=p)
        acts = {round(a.activity(node), 2) for a in self._atts[key]}
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


def _akt_single(f: Facts) -> str:
    need(f.model.rules["AKT"] == "PDK1 & MTORC2", "AKT is no longer PDK1 & MTORC2")
    need(not any(n.startswith("AKT") and n != "AKT" for n in f.model.nodes),
         "an AKT phosphosite node exists")
    return f"rule `AKT, {f.model.rules['AKT']}`"


def _pi3k_feedback(f: Facts) -> str:
    need(f.model.rules["PI3K"] == "RTK | IRS1", "PI3K is no longer RTK | IRS1")
    got = {n: (f.value(n, "growth"), f.value(n, "growth", ["rapamycin"]))
           for n in ("AKT", "IRS1", "ERK")}
    need(got["AKT"] == (1, 1) and got["IRS1"] == (0, 1) and got["ERK"] == (0, 1),
         f"rapamycin in growth no longer gives AKT 1->1, IRS1 0->1, ERK 0->1: {got}")
    return "growth → growth + rapamycin: " + ", ".join(
        f"{n} {_fmt(a)} → {_fmt(b)}" for n, (a, b) in got.items())


def _no_rictor(f: Facts) -> str:
    need(not f.model.graph.has_edge("S6K", "MTORC2"), "S6K -| MTORC2 is now encoded")
    return f"rule `MTORC2, {f.model.rules['MTORC2']}` (no S6K term)"


def _cytotoxic(f: Facts) -> str:
    before = f.value("APOPTOSIS", "growth")
    after = f.value("APOPTOSIS", "growth", ["rapamycin"])
    need((before, after) == (0, 1), "rapamycin no longer switches APOPTOSIS on in growth")
    need(f.status("rapalog-cytostatic") == "known", "rapalog-cytostatic is not 'known'")
    return (f"growth → growth + rapamycin: APOPTOSIS {_fmt(before)} → {_fmt(after)}; "
            "expectation `rapalog-cytostatic` is a known disagreement")


def _ccnd1(f: Facts) -> str:
    effects = {d: m["CCND1_OE"].effect for d, m in f.markers.items()}
    need(set(effects.values()) == {"neutral"}, f"CCND1_OE is no longer neutral: {effects}")
    need(f.status("ccnd1-oe-rapalog-sensitive") == "known",
         "ccnd1-oe-rapalog-sensitive is not 'known'")
    return "CCND1_OE marker score 0 for " + ", ".join(effects)


def _neutral(f: Facts) -> str:
    scores = {(d, b): m[b].score for d, m in f.markers.items() for b in ("TSC_loss", "KRAS_mut")}
    need(all(s == 0 for s in scores.values()), f"TSC_loss/KRAS_mut not neutral: {scores}")
    no_gf = [f.value(n, "no_growth_factors", backgrounds=["TSC_loss"])
             for n in ("MTORC1", "PROLIFERATION", "APOPTOSIS", "GROWTH")]
    need(no_gf == [1, 0, 1, 1], f"TSC_loss without growth factors changed: {no_gf}")
    return ("TSC_loss and KRAS_mut marker score 0 for " + ", ".join(f.markers)
            + "; TSC_loss without growth factors: MTORC1 1, PROLIFERATION 0, APOPTOSIS 1, "
              "GROWTH 1")


def _same_classes(f: Facts) -> str:
    profiles = {d: {b: m.effect for b, m in ms.items() if b != "MTOR_FRB_mut"}
                for d, ms in f.markers.items()}
    need(len({tuple(sorted(p.items())) for p in profiles.values()}) == 1,
         "drug classes now differ in their marker profiles")
    return "identical marker effects (MTOR_FRB_mut aside) for " + ", ".join(profiles)


def _stress_apoptosis(f: Facts) -> str:
    envs = [e for e in ("no_growth_factors", "amino_acid_starvation", "energy_stress",
                        "hypoxia") if e in f.model.environments]
    vals = {e: f.value("APOPTOSIS", e) for e in envs}
    need(all(v == 1 for v in vals.values()), f"not every stress is apoptotic: {vals}")
    return "APOPTOSIS 1 in " + ", ".join(envs)


def _inputs(f: Facts) -> str:
    need("PTEN" in f.model.inputs and f.model.rules["PTEN"] == "1", "PTEN is no longer constant")
    need(f.model.graph.out_degree("FOXO") == 0, "FOXO now regulates a node")
    return f"inputs: {', '.join(f.model.inputs)}; FOXO has no targets"


def _not_nodes(f: Facts) -> str:
    absent = [n for n in ("DEPTOR", "PKC", "PIM1", "SKP2", "LIPIN1") if n not in f.model.nodes]
    need(len(absent) == 5, "one of DEPTOR, PKC, PIM1, SKP2, LIPIN1 is now a node")
    for u, v in (("PRAS40", "MTORC1"), ("FOXO", "TSC"), ("RSK", "MTORC1")):
        need(not f.model.graph.has_edge(u, v), f"{u} -> {v} is now encoded")
    return "no nodes " + ", ".join(absent) + "; no edges PRAS40 → MTORC1, FOXO → TSC, RSK → MTORC1"


LIMITATIONS = (
    Limitation(
        "One AKT node for two phosphosites",
        "AKT Thr308 (PDK1) and Ser473 (mTORC2) are one node, `AKT` = 1 meaning fully active "
        "AKT. A TORKinib therefore switches AKT off although PDK1 stays active; partial AKT "
        "activity (Thr308 only) is not represented.", _akt_single),
    Limitation(
        "The rapalog feedback shows in IRS1 and ERK, not in AKT",
        "`PI3K = RTK | IRS1`: the receptor also engages PI3K directly, so the S6K ⊣ IRS1 loop "
        "attenuates but does not abolish PI3K/AKT in growth factors (without the direct route "
        "the growth condition becomes a cyclic attractor in which mTORC1 oscillates). AKT is "
        "already on in `growth` and stays on under a rapalog, so the seeds' feedback "
        "re-activation of AKT (003) is not a 0 → 1 change of AKT; it is visible in IRS1 and in "
        "the PI3K-dependent rise of ERK/RSK.", _pi3k_feedback),
    Limitation(
        "S6K ⊣ RICTOR/mTORC2 is not encoded",
        "002 says S6K \"works via negative feedback to inhibit both mTOR complexes\". As a "
        "Boolean AND-NOT it would switch AKT Ser473 off whenever S6K is on, including in "
        "PTEN-null cells, against 003 (Akt phosphorylation in PTEN-deficient tumours) and 002 "
        "(\"Rapamycin may leave mTORC2-mediated AKT phosphorylation and activation "
        "operational\").", _no_rictor),
    Limitation(
        "Rapalogs are cytotoxic in the model",
        "002 calls rapalogs \"generally cytostatic rather than cytotoxic\". In the model a "
        "rapalog switches S6K off and so frees BAD (002: BAD acts \"in the absence of "
        "p70S6K\"); BCL2 decides whether that becomes apoptosis, which is what makes BCL2 "
        "overexpression a resistance marker (003). A Boolean readout cannot be partly "
        "apoptotic, so the weaker apoptosis of rapalogs versus TORKinibs is not represented.",
        _cytotoxic),
    Limitation(
        "Cyclin D1 overexpression is not sensitizing",
        "003: cells that \"overexpress cyclin D1 ... are more sensitive to rapamycin\". Cyclin "
        "D1 sits downstream of mTORC1 here and G1/S also needs S6K, so a CCND1-overexpressing "
        "cell without growth factors is as quiescent as wild type and in growth factors the "
        "drug blocks it just as in wild type. The association plausibly reflects cyclin D1 as "
        "a readout of mTORC1-driven translation.", _ccnd1),
    Limitation(
        "TSC loss and KRAS mutation are neutral markers",
        "Clinically TSC-null tumours respond to everolimus (002). Without growth factors "
        "TSC-null cells have mTORC1 on but AKT off, so GSK3 is active (no cyclin D1) and BAD "
        "is free: they are already non-proliferating and apoptotic, and only GROWTH responds "
        "to the drug (expectation `tsc-loss-rapalog-shrinks-growth`). KRAS_mut is neutral for "
        "the same reason.", _neutral),
    Limitation(
        "The three inhibitor classes have the same marker profile",
        "In `growth` a rapalog already reaches the maximal effect (proliferation off, "
        "apoptosis on), so the AKT re-activation it causes and TORKinibs or dual inhibitors "
        "avoid changes nodes (AKT, FOXO, GSK3, PI3K, ERK) but no readout. \"More effective "
        "than rapamycin\" shows only at node level (`torkinib-akt-below-rapalog`, "
        "`dual-no-pi3k-reactivation`).", _same_classes),
    Limitation(
        "Every mTORC1-off condition is apoptotic",
        "Because BAD = !S6K | !AKT, growth-factor withdrawal, amino-acid starvation, energy "
        "stress and hypoxia all end apoptotic unless BCL2 is in excess.", _stress_apoptosis),
    Limitation(
        "PTEN is an input; FOXO is a dead end",
        "The seeds name no regulator of PTEN, so its rule is the constant 1 and the package "
        "lists it as a fifth input (environments do not set it; `PTEN_loss` fixes it to 0). "
        "FOXO is a readout of AKT/SGK1 only (FOXO ⊣ TSC2 is not encoded), observed by the "
        "expectation `no-gf-foxo-active`. A screen's \"non-input nodes\" therefore leave PTEN "
        "out; `PTEN_loss` is the way to remove it.", _inputs),
    Limitation(
        "Left out",
        "DEPTOR (its seed-given regulation only adds bistable mTOR/DEPTOR loops), PKC (PKC → "
        "RAF would make ERK constitutive and erase the rapalog-induced ERK rise), PIM1, SKP2 "
        "and Lipin1 are not nodes; PRAS40 does not gate mTORC1 and RSK → RAPTOR is subsumed by "
        "RSK ⊣ TSC2 (see the modelling choices).", _not_nodes),
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
        "Every rule, environment, drug, background and expectation cites one of five seed "
        "texts with a verbatim quote (`# ref: <file> \"<quote>\"`). The quotes are checked "
        "against the seed texts by tests/test_curated_model.py (record: "
        "`rules/mtor/seed_quotes.json`).",
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

    out += ["", "## Predicted response markers", "",
            "`bm.predict_markers` for one drug per class, averaged over the tumour environments "
            f"({', '.join(model.manifest.tumour_environments)}): score = efficacy in the "
            "background minus efficacy in wild type.", ""]
    backgrounds = list(model.backgrounds)
    out += table(["background", *MARKER_DRUGS],
                 [[f"`{b}`", *(f"{facts.markers[d][b].score:+.2f} {facts.markers[d][b].effect}"
                               for d in MARKER_DRUGS)] for b in backgrounds])

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
