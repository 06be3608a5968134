"""Generate the teaching notebooks of docs/exercises/ (exercises and worked solutions).

    python docs/exercises/build.py           # (re)write every notebook, outputs cleared
    python docs/exercises/build.py --check   # exit 1 if a notebook on disk is out of date

Each exercise is a `Notebook` below: Markdown and code cells, and `Q`uestions. A question
becomes, in the exercise notebook, its text, an optional starter cell, an answer cell
(`answer_N = None  # ...`) and a self-check cell (`check("NN.N", answer_N)`); in the solution
notebook the answer cell is replaced by worked code that computes the answer, followed by the
same self-check and a short explanation. The self-checks live in check.py.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOLUTIONS = HERE / "solutions"

sys.path.insert(0, str(HERE))
from check import QUESTIONS, RING_TEXT, TOY_TEXT  # noqa: E402


@dataclass(frozen=True)
class Q:
    """A question: `key` names its check in check.py (e.g. "03.2")."""

    key: str
    text: str
    solution: str  # code that assigns answer_<n>
    why: str = ""  # Markdown shown after the self-check in the solution notebook
    starter: str = ""  # code shown before the answer cell in both notebooks

    @property
    def var(self) -> str:
        return f"answer_{self.key.split('.')[1]}"


@dataclass(frozen=True)
class Notebook:
    stem: str
    title: str
    intro: str
    items: list = field(default_factory=list)  # str (Markdown), Code, or Q


@dataclass(frozen=True)
class Code:
    source: str


SETUP = '''\
import sys
from pathlib import Path

# make check.py (in docs/exercises/) importable, from this folder, solutions/ or the repo root
for folder in (Path.cwd(), Path.cwd() / "docs" / "exercises", *Path.cwd().parents):
    if (folder / "check.py").is_file():
        sys.path.insert(0, str(folder))
        break

import boolmtor as bm
from check import check
'''

NOTEBOOKS: list[Notebook] = []

EXPLORER = """\
**The explorer.** `boolmtor explore -o explorer.html` (or `make report`, which writes
`reports/explorer/index.html`) makes one page you open in any browser, offline: pick an
environment, backgrounds, knockouts and drugs, and read the attractors, the response and the
graph coloured by activity (docs/explorer.md).

"""


def _toy_code() -> str:
    return f'TOY = """\\\n{TOY_TEXT}"""\ntoy = bm.Model.from_text(TOY, name="toggle")\ntoy'


def _ring_code() -> str:
    return f'RING = """\\\n{RING_TEXT}"""\nring = bm.Model.from_text(RING, name="ring")\nring.rules'


# ============================================================================ 01
NOTEBOOKS.append(Notebook(
    "01_boolean_networks_and_attractors",
    "Exercise 1 — Boolean networks and attractors: synchronous versus asynchronous update",
    """\
A **Boolean network** gives each node the value 0 (inactive) or 1 (active) and one logical
**rule** per node that says what the node's value *should* be, given the values of the others.
A **state** gives every node a value. The network moves from state to state:

- **synchronous** update: every node takes its rule's value at once (one successor per state);
- **asynchronous** update: one node whose rule disagrees with its value flips (several
  possible successors).

An **attractor** is a set of states the network cannot leave and in which every state can reach
every other: a **fixed point** (a single state in which every rule agrees with its node) or a
**cycle**. Attractors are the long-term behaviours: in a cell model they stand for phenotypes.
See `docs/semantics.md` for the exact definitions boolmtor uses.

We start with a three-node toy: a *toggle switch* (A and B repress each other) with a reporter C.
Rules are written in the BoolNet format `target, rule` with `!` (not), `&` (and), `|` (or).""",
    [
        Code(_toy_code()),
        Code("toy.rules  # each node's rule, normalized"),
        Q("01.1", "How many **states** does the toy network have?",
          "answer_1 = 2 ** len(toy.nodes)  # each of the 3 nodes is 0 or 1",
          "Each node independently takes 2 values: 2 × 2 × 2 = 8 states."),
        Q("01.2", """\
Find the **fixed points** by hand: states in which every rule agrees with its node's value.
Write each as a string of the values of A, B, C in that order (e.g. `"000"`), and collect them
in a set.""",
          """\
# By hand: a fixed point needs A = !B and B = !A (always consistent), and C = A.
# A = 1 forces B = 0 and C = 1; A = 0 forces B = 1 and C = 0.
answer_2 = {"101", "010"}
# boolmtor agrees:
[a.pattern(toy.nodes) for a in bm.attractors(toy, update="fixed-points")]""",
          "The toggle has two stable states: A on (and so C on) with B off, or B on with A and C "
          "off. Two fixed points from one **positive** feedback loop (A ⊣ B ⊣ A): the classic "
          "Boolean picture of a bistable switch."),
        Q("01.3", """\
Under **synchronous** update, what is the successor of the state `"000"`? (Compute all three
rules from 000 at once.)""",
          """\
state = {"A": 0, "B": 0, "C": 0}
A_next, B_next, C_next = int(not state["B"]), int(not state["A"]), state["A"]
answer_3 = f"{A_next}{B_next}{C_next}"
answer_3""",
          "From 000 both A and B see their repressor off, so both switch on at once: 110. From 110 "
          "both see their repressor on and switch off, while C copies A: 001, then 110 again. "
          "A cycle of two states."),
        Code("""\
for update in ("synchronous", "asynchronous"):
    print(update)
    for a in bm.attractors(toy, update=update):
        print("   ", a.pattern(toy.nodes), "size", a.size, "oscillating:", sorted(a.oscillating))"""),
        Q("01.4", """\
How many attractors does the toy have under synchronous update, and how many under
asynchronous update? Answer with a pair `(n_synchronous, n_asynchronous)`.""",
          """\
answer_4 = (len(bm.attractors(toy, update="synchronous")),
            len(bm.attractors(toy, update="asynchronous")))
answer_4""",
          "Both schemes share the two fixed points (a fixed point does not depend on the update "
          "order). Synchronous update adds the cycle 110 ↔ 001."),
        Q("01.5", """\
Which nodes change value in the attractor that exists **only** under synchronous update?
Answer with a set of node names.""",
          """\
asynchronous = {a.pattern(toy.nodes) for a in bm.attractors(toy, update="asynchronous")}
(extra,) = [a for a in bm.attractors(toy, update="synchronous")
            if a.pattern(toy.nodes) not in asynchronous]
answer_5 = set(extra.oscillating)
answer_5""",
          """\
All three. The synchronous cycle needs A and B to switch at exactly the same instant, every
time. Under asynchronous update one of them switches first, and the other then sees its
repressor and stays put: the network falls into one of the fixed points. Such cycles are
**artefacts of synchrony**; that is why boolmtor's default scheme is `"asynchronous"`, whose
attractors are computed exactly by a symbolic engine (biodivine-aeon)."""),
        """\
## A negative feedback loop

Now a ring of three nodes in which X activates Y, Y activates Z and Z **inhibits** X.""",
        Code(_ring_code()),
        Q("01.6", "Does the ring have a fixed point? Answer `True` or `False`.",
          """\
answer_6 = len(bm.attractors(ring, update="fixed-points")) > 0
answer_6""",
          "No: whatever the state, some node disagrees with its rule (try it by hand: X = !Z, "
          "Y = X and Z = Y would need X = !X)."),
        Q("01.7", "How many states does the ring's (single) **asynchronous** attractor have?",
          """\
(att,) = bm.attractors(ring, update="asynchronous")
answer_7 = att.size
answer_7, sorted(att.oscillating)""",
          "Six of the eight states: the asynchronous walk goes round 000 → 100 → 110 → 111 → 011 "
          "→ 001 → 000 forever. The states 010 and 101 are left at the first step."),
        Q("01.8", """\
The sign of a feedback loop is the product of the signs of its edges. Is the ring's loop
`"positive"` or `"negative"`? (`from boolmtor.loops import feedback_loops` lists the loops.)""",
          """\
from boolmtor.loops import feedback_loops

loops = feedback_loops(ring)
print([(str(loop), loop.sign) for loop in loops])
answer_8 = loops[0].sign""",
          """\
One inhibition makes the loop negative. **Take-home** (R. Thomas's rules): a *positive* loop is
needed for several stable states (the toggle), a *negative* loop for sustained oscillations
(the ring) or homeostasis. The mTOR pathway has a famous negative loop, S6K ⊣ IRS1, which we
meet in exercises 3 and 8, and a second one through FOXO in exercise 9."""),
    ]))

# ============================================================================ 02
NOTEBOOKS.append(Notebook(
    "02_nutrient_sensing",
    "Exercise 2 — Nutrient sensing: when is mTORC1 on?",
    """\
mTORC1 integrates four signals (seed 002: "mTORC1 acts as a primary sensor for nutrients,
growth factors, oxygen, and energy"). In the curated model they are the **inputs** `GF` (growth
factors / insulin), `AA` (amino acids), `ENERGY_STRESS` (high AMP:ATP) and `HYPOXIA`. A named
**environment** of the manifest fixes them. Growth factors act through AKT and ERK/RSK, which
inhibit the TSC complex; TSC inhibits RHEB; amino acids act through the RAG GTPases; energy
stress through AMPK; hypoxia through AMPK and REDD1.""",
    [
        EXPLORER + 'Prefer clicking? In the explorer (see below) choose each **Environment** in turn and watch MTORC1, S6K and ULK1 change colour in the graph; the attractor table gives the phenotypes. The questions below ask you to compute the same with boolmtor.',
        Code("""\
model = bm.load_model()
print("inputs:", model.inputs)   # constant nodes (PIK3CB, PTEN, two level nodes) count too
for name, env in model.environments.items():
    print(f"{name:22} {dict(env.inputs)}  -- {env.description}")"""),
        Code("""\
for node in ("TSC", "RHEB", "RAG", "AMPK", "REDD1", "MTORC1"):
    print(f"{node:7} = {model.rules[node]}")"""),
        Code("""\
atts = {env: bm.attractors(model, environment=env) for env in model.environments}
bm.plot.attractors(model, atts, nodes=["GF", "AA", "ENERGY_STRESS", "HYPOXIA", "AKT", "AMPK",
                                       "REDD1", "TSC", "RHEB", "RAG", "MTORC1", "S6K",
                                       "PROLIFERATION", "APOPTOSIS", "AUTOPHAGY", "GROWTH"])"""),
        Q("02.1", """\
In which named environments is `MTORC1` on (at least level 1 in every attractor:
`Attractor.activity("MTORC1")` reads the base node, which means "level ≥ 1")? Answer with a set
of environment names.""",
          """\
def on(atts, node):
    return all(a.activity(node) == 1 for a in atts)

answer_1 = {env for env in model.environments
            if on(bm.attractors(model, environment=env), "MTORC1")}
answer_1""",
          "Only `growth`: mTORC1 needs every signal to be favourable at once."),
        Q("02.2", """\
Beyond the named environments: over all 16 combinations of the four inputs, in how many is
mTORC1 on? (Pass an environment as a dict: `environment={"GF": 1, "AA": 0, ...}`.)""",
          """\
import itertools

inputs = ("GF", "AA", "ENERGY_STRESS", "HYPOXIA")
on_in = [values for values in itertools.product((0, 1), repeat=4)
         if on(bm.attractors(model, environment=dict(zip(inputs, values))), "MTORC1")]
answer_2 = len(on_in)
on_in""",
          """\
Exactly one: GF = 1, AA = 1, no energy stress, no hypoxia. mTORC1 computes an AND of its
four signals (`MTORC1 = RHEB & RAG & !AMPK`, and RHEB needs TSC off, which needs a growth-factor
kinase and neither AMPK nor REDD1)."""),
        Q("02.3", """\
Hypoxia and energy stress both switch on AMPK. Which signalling nodes (not inputs) are on under
`hypoxia` but not under `energy_stress`? One of them is the AMPK-independent route (seed 002:
"Hypoxia can also inhibit mTOR signaling by an AMPK-independent" mechanism). Answer with a set.""",
          """\
(hyp,) = bm.attractors(model, environment="hypoxia")
(es,) = bm.attractors(model, environment="energy_stress")
answer_3 = {n for n in model.nodes
            if n not in model.inputs and hyp.fixed.get(n) == 1 and es.fixed.get(n) == 0}
answer_3""",
          "REDD1, which \"promotes TSC complex assembly\" (002): hypoxia has two routes to TSC. "
          "HIF1A is on too: hypoxia stabilises HIF1alpha directly, whatever mTORC1 does."),
        Q("02.4", """\
Loss of TSC1/2 (`TSC_loss`) makes RHEB constitutively active. Is mTORC1 on in a TSC-null cell
under `energy_stress`? Answer `True` or `False`, then read the MTORC1 rule to see why.""",
          """\
p = bm.Perturbation(backgrounds=["TSC_loss"])
(att,) = bm.attractors(model, environment="energy_stress", perturbation=p)
answer_4 = att.fixed["MTORC1"] == 1
answer_4, model.rules["MTORC1"]""",
          "No: AMPK also inhibits mTORC1 directly (RAPTOR phosphorylation, 002: \"interacts (when "
          "phosphorylated by AMPK) with 14-3-3 protein\"), the `!AMPK` term of the rule, so energy "
          "stress still switches mTORC1 off without TSC."),
        Q("02.5", """\
Which **readouts** are on (at least level 1) under `amino_acid_starvation`? Answer with a set.""",
          """\
(att,) = bm.attractors(model, environment="amino_acid_starvation")
answer_5 = {r for r, v in att.phenotype.items() if v != 0}  # at least level 1
att.phenotype  # readouts are graded: their level, 0..max""",
          """\
AUTOPHAGY only (ULK1 is released when mTORC1 is off, 002: "Inhibition of mTOR results in
induction of autophagy"). With mTORC1 fully off, 4E-BP1 binds all eIF4E (`EIF4EBP1` at level
2) and the short-lived anti-apoptotic MCL1, made by cap-dependent translation, is lost (`MCL1 =
EIF4E`) — but losing MCL1 is not enough to die: a BH3-only signal must also engage BCL-XL/BCL2
(Willis et al. 2005). With growth factors AKT keeps both Thr308 and Ser473, so FOXO (which
would induce BIM) stays off and BAD stays phosphorylated: the starved cell stops growing and
eats itself, it does not die. Exercise 6 comes back to it."""),
    ]))

# ============================================================================ 03
NOTEBOOKS.append(Notebook(
    "03_rapamycin_feedback",
    "Exercise 3 — Why rapamycin re-activates upstream signalling: the S6K ⊣ IRS1 feedback",
    """\
Rapamycin and the other **rapalogs** bind FKBP12 and, through the FRB domain, inhibit mTORC1
only, and only partly (below). mTORC1's substrate S6K closes a **negative feedback loop** on
the insulin/IGF receptor adaptor IRS1 (seed 003: "S6K1 was shown to form a negative feedback
loop by inhibiting expression of the insulin receptor substrate"). Blocking S6K therefore releases IRS1
(003: "mTORC1 inhibition by rapalogs abolishes the negative feedback loop"), and with it PI3K/AKT
and MAPK signalling.

**Levels.** Several nodes of the curated model are *graded* (`[levels]` in
`rules/mtor/model.toml`; docs/semantics.md, "Multi-level nodes"): `PI3K` has level 1 (recruited
by RAS) and level 2 (full activation through IRS1, written `PI3K_2`); `AKT` has level 1 (Thr308,
by PDK1) and level 2 (also Ser473 by mTORC2, with high PIP3); `MTORC1` has level 1 (the
rapamycin-resistant activity) and level 2 (full activity). A score is the mean level scaled to
[0, 1], so level 1 of 2 scores 0.5. In growth factors the S6K ⊣ IRS1 feedback holds PI3K, and so
AKT, at level 1; a rapalog removes `MTORC1_2` (the rapamycin-sensitive activity), S6K goes off,
IRS1 comes back and lifts PI3K, PIP3 and AKT to level 2 — and RAS/ERK, whose full activation
needs full PI3K (003: "inhibition of mTORC1 leads to MAPK pathway activation through a
PI3K-dependent feedback loop").""",
    [
        Code("""\
model = bm.load_model()
for node in ("IRS1", "PI3K", "PI3K_2", "RAS_2", "AKT", "AKT_2", "MTORC1_2", "S6K"):
    print(f"{node:6} = {model.rules[node]}")
model.drug("rapamycin")"""),
        Code("""\
# untreated versus treated, growth environment; scores are weighted mean activities in [0, 1]
r = bm.response(model, "rapamycin", environment="growth")
print(r)"""),
        Q("03.1", """\
For each of IRS1, PI3K, AKT, RAS, ERK, MTORC1, S6K: does rapamycin make it go `"up"`, `"down"`
or stay the `"same"` (growth environment)? Answer with a dict `{node: direction}`.""",
          """\
def direction(x):
    return "up" if x > 0 else "down" if x < 0 else "same"

answer_1 = {n: direction(r.change(n))
            for n in ("IRS1", "PI3K", "AKT", "RAS", "ERK", "MTORC1", "S6K")}
answer_1""",
          "mTORC1 goes down only halfway (level 2 → 1: the rapamycin-resistant activity stays) "
          "and S6K, which needs full mTORC1, goes off. Everything above the feedback goes up: "
          "IRS1, PI3K and AKT (level 1 → 2), RAS and ERK (level 1 → 2)."),
        Q("03.2", """\
Which node closes the feedback by inhibiting IRS1? Find the edge of sign −1 into IRS1 in the
signed interaction graph `model.graph`.""",
          """\
inhibitors = [u for u, _, d in model.graph.in_edges("IRS1", data=True) if d["sign"] == -1]
answer_2 = inhibitors[0]
inhibitors""",
          "S6K. With rapamycin, S6K is off, so nothing restrains IRS1."),
        Q("03.3", """\
What is AKT's score without and with rapamycin (growth)? Answer with a pair
`(untreated, treated)`.""",
          """\
answer_3 = (r.untreated["AKT"], r.treated["AKT"])
answer_3""",
          """\
(0.5, 1): AKT goes from level 1 (Thr308 only) to level 2 (Thr308 and Ser473). This is the
literature's "AKT re-activation": a rise of phospho-AKT *above* the level of a
growth-factor-stimulated cell whose feedback is engaged (O'Reilly et al. 2006, Cancer Res:
"mTOR inhibition induces insulin receptor substrate-1 expression and abrogates feedback
inhibition of the pathway, resulting in Akt activation"). A two-valued AKT that is already 1
could not show it; a graded one can. mTORC2 is untouched by rapalogs, so Ser473 comes back with
the PIP3."""),
        Q("03.4", """\
Which of these drugs, added to rapamycin, prevents the rise of ERK: `nvp-bez235` (dual
PI3K/mTOR), `pd0325901` (MEK), `mk-2206` (AKT), `torin1` (TORKinib), `metformin` (AMPK)?
Answer with a set of drug names.""",
          """\
candidates = ["nvp-bez235", "pd0325901", "mk-2206", "torin1", "metformin"]
erk_alone = r.treated["ERK"]
for d in candidates:
    print(d, bm.response(model, ["rapamycin", d]).treated["ERK"])
answer_4 = {d for d in candidates
            if bm.response(model, ["rapamycin", d]).treated["ERK"] < erk_alone}
answer_4""",
          """\
The dual PI3K/mTOR inhibitor (full RAS activation needs full PI3K: "a PI3K-dependent feedback
loop", 003) and the MEK inhibitor (it blocks the branch downstream, as PD0325901 did in 002:
"With addition of the MEK inhibitor PD0325901"). Inhibiting AKT or both mTOR complexes does not
touch IRS1 → PI3K → RAS, and metformin switches mTORC1 off by another route (AMPK), which
releases the feedback just as rapamycin does."""),
    ]))

# ============================================================================ 04
NOTEBOOKS.append(Notebook(
    "04_torkinibs",
    "Exercise 4 — Why TORKinibs were designed: mTORC2 and AKT",
    """\
Rapalogs inhibit mTORC1 but leave mTORC2, the kinase that phosphorylates AKT on Ser473, at work.
ATP-competitive mTOR kinase inhibitors (**TORKinibs**: torin1, AZD8055, INK128, ...) were designed
to "block the mTOR kinase ATP binding site, and thereby target both mTORC1 and mTORC2" (002).
In the model AKT is graded: level 1 (`AKT = PDK1`) is Thr308 phosphorylation by PDK1, level 2
(`AKT_2 = AKT & MTORC2 & PIP3_2`) adds Ser473 by mTORC2. A rapalog's target is `MTORC1_2` (full
mTORC1 activity only); a TORKinib fixes `MTORC1` (every level) and `MTORC2` to 0.""",
    [
        EXPLORER + 'Prefer clicking? In the explorer choose **growth**, then rapamycin and then torin1 as **Drug**: the graph shows which of mTORC1, mTORC2 and AKT (Ser473) each inhibitor turns off, and the table *Drug classes for this background* is `bm.compare_drugs` for the chosen background.',
        Code("""\
model = bm.load_model()
for name in ("rapamycin", "torin1"):
    d = model.drug(name)
    print(f"{d.name:10} class={d.drug_class:9} site={d.site}  targets={dict(d.targets)}")"""),
        Q("04.1", "Which nodes does torin1 target that rapamycin does not? Answer with a set.",
          """\
answer_1 = set(model.drug("torin1").targets) - set(model.drug("rapamycin").targets)
answer_1""", "MTORC1 and MTORC2: rapamycin's only target is the level node `MTORC1_2`, so even "
          "on mTORC1 the two drugs differ — torin1 also removes the rapamycin-resistant level 1 "
          "(4E-BP1 Thr37/46, Kang et al. 2013 Science; Thoreen et al. 2009 J Biol Chem)."),
        Q("04.2", """\
What is AKT's treated score under each drug (growth)? Answer with a dict
`{"rapamycin": ..., "torin1": ...}`.""",
          """\
answer_2 = {d: bm.response(model, d).treated["AKT"] for d in ("rapamycin", "torin1")}
answer_2""",
          "1 under rapamycin (level 2, Ser473 re-activated by the feedback of exercise 3), 0.5 "
          "under torin1: the TORKinib removes the Ser473 kinase, but PDK1 still phosphorylates "
          "Thr308, so AKT stays at level 1 (Rodrik-Outmezguine et al. 2011 Cancer Discov: "
          "\"accumulation of activated AKT phosphorylated on T308 but not S473\"). The feedback "
          "activation of AKT is suppressed, as 002 says (\"It suppressed feedback activation of "
          "PI3K/AKT\"), but AKT is not switched off."),
        Q("04.3", """\
Tumour cells can become resistant to rapamycin by mutating the FRB domain of mTOR (background
`MTOR_FRB_mut`; 003: "selection of spontaneous mutations that confer resistance to the growth
inhibitory effect of rapamycin"). Which of the two drugs still switches PROLIFERATION off in
that background? Answer with a set of drug names.""",
          """\
answer_3 = {d for d in ("rapamycin", "torin1")
            if bm.response(model, d, background="MTOR_FRB_mut").treated["PROLIFERATION"] == 0}
answer_3""",
          "torin1: it binds the ATP pocket, not the FRB domain (the manifest gives each drug a "
          "`site`; the background blocks the FRB site only)."),
        Q("04.4", """\
FOXO transcription factors are inactivated by AKT and by SGK1 (an mTORC2 substrate):
`FOXO = !AKT_2 & !SGK1` (`AKT_2`: Ser473-phosphorylated AKT). What is FOXO's treated score
under rapamycin and under torin1? Answer with a pair `(rapamycin, torin1)`.""",
          """\
answer_4 = tuple(bm.response(model, d).treated["FOXO"] for d in ("rapamycin", "torin1"))
answer_4""",
          "(0, 1): only blocking mTORC2 (AKT Ser473 and SGK1) frees FOXO. Active FOXO induces "
          "receptors (`RTK_2 = RTK & FOXO`): the feedback of TORKinibs, exercise 9."),
        Code("""\
# every drug class side by side (wild type and PTEN_loss, both tumour environments)
table = bm.compare_drugs(model, backgrounds=["PTEN_loss"])
table[["environment", "background", "drug", "drug_class", "efficacy", "AKT", "MTORC2",
       "ERK", "PROLIFERATION", "APOPTOSIS"]]"""),
        Q("04.5", """\
Is torin1's **efficacy** (`Response.efficacy`: fall of PROLIFERATION plus rise of APOPTOSIS)
higher than rapamycin's in the wild type, growth environment? Answer `True` or `False`.""",
          """\
eff = {d: bm.response(model, d).efficacy for d in ("rapamycin", "torin1")}
answer_5 = eff["torin1"] > eff["rapamycin"]
eff""",
          """\
Yes. The rapalog is **cytostatic and partial**: it removes the rapamycin-sensitive outputs
(S6K, full eIF4E release) and lowers PROLIFERATION by one level, but the rapamycin-resistant
4E-BP1 phosphorylation keeps some eIF4E free, so MCL1 is made and no apoptosis follows. The
TORKinib removes both mTORC1 levels, and mTORC2: 4E-BP1 binds all eIF4E, MCL1 is lost, AKT
loses Ser473 so FOXO induces BIM, and APOPTOSIS rises — **cytotoxic** (Hsieh et al. 2010 Cancer Cell: "4EBP-dependent control of Mcl-1 expression").
`Response.kind` names the class; exercise 6 takes it apart."""),
    ]))

# ============================================================================ 05
NOTEBOOKS.append(Notebook(
    "05_pten_loss",
    "Exercise 5 — PTEN loss and growth-factor independence",
    """\
PTEN is the phosphatase that removes PIP3, the lipid made by PI3K. Without PTEN, PIP3 builds up
from basal p110β activity (`PIK3CB`) alone, to its full level (the model's rules are
`PIP3 = PI3K | PIK3CB & !PTEN` and `PIP3_2 = PIP3 & (PI3K_2 | PIK3CB & !PTEN)`; Wee et al. 2008
PNAS: "PTEN-deficient tumors are dependent instead on p110β signaling"), and cells signal as
if growth factors were present — "growth-factor independence" (seed 001). Clinically, tumours
with an active PI3K–AKT pathway are candidates for mTOR inhibitors (003: "cancer cells where the
mTOR pathway is hyperactive owing to PTEN deficiency").""",
    [
        Code("""\
model = bm.load_model()
model.backgrounds["PTEN_loss"]"""),
        Q("05.1", """\
In the `no_growth_factors` environment, what is the PROLIFERATION score of a wild-type cell
and of a PTEN-null cell? Answer with a pair `(wild_type, PTEN_loss)`.""",
          """\
from boolmtor.scores import scores

wt = bm.attractors(model, environment="no_growth_factors")
pten = bm.attractors(model, environment="no_growth_factors",
                     perturbation=bm.Perturbation(backgrounds=["PTEN_loss"]))
answer_1 = (scores(wt, ["PROLIFERATION"])["PROLIFERATION"],
            scores(pten, ["PROLIFERATION"])["PROLIFERATION"])
answer_1""",
          "(0, 2/3): the PTEN-null cell keeps proliferating without growth factors, at level 2 "
          "of 3 (cyclin D1 translated by full mTORC1 and p27 removed by SKP2, but no ERK-induced "
          "cyclin D1 without growth factors)."),
        Q("05.2", """\
Follow the signal. Of RTK, PI3K, PIP3, AKT, TSC and MTORC1, which nodes have a different value in
the PTEN-null cell than in the wild type (no growth factors)? Answer with a set.""",
          """\
(wt_att,) = wt
(pten_att,) = pten
path = ("RTK", "PI3K", "PIP3", "AKT", "TSC", "MTORC1")
answer_2 = {n for n in path if wt_att.activity(n) != pten_att.activity(n)}
{n: (wt_att.activity(n), pten_att.activity(n)) for n in path}""",
          "RTK and PI3K stay off (no growth factors); the change starts at PIP3 (made by "
          "p110β) and runs PIP3 → AKT ⊣ TSC ⊣ RHEB → mTORC1: PTEN loss acts **below** "
          "p110α."),
        Q("05.3", """\
Which genetic backgrounds of the manifest make a cell proliferate without growth factors?
Answer with a set of background names.""",
          """\
answer_3 = set()
for b in model.backgrounds:
    atts = bm.attractors(model, environment="no_growth_factors",
                         perturbation=bm.Perturbation(backgrounds=[b]))
    if all(a.activity("PROLIFERATION") == 1 for a in atts):
        answer_3.add(b)
answer_3""",
          """\
Seven: the three that activate the PI3K–AKT arm (PTEN_loss, PIK3CA_mut, AKT_active), the
receptor and RAS–RAF oncogenes (ERBB2_amp, KRAS_mut, BRAF_mut) and TSC_loss. Each supplies,
without growth factors, at least one of the drivers of the `PROLIFERATION` rule (ERK-induced cyclin D1,
full mTORC1-driven translation, p27 removal); compare their levels with
`scores(atts, ["PROLIFERATION"])`."""),
        Q("05.4", """\
`bm.predict_markers(model, drug)` judges each background as a **sensitizing** or **resistance**
marker (definition in docs/semantics.md: in each tumour environment, `growth` and
`no_growth_factors`, where the untreated background grows, the drug's efficacy on it minus its
efficacy on the wild type in a niche where the wild type grows; the mean of these; threshold
0.1). What is PTEN_loss for rapamycin?""",
          """\
markers = {m.alteration: m for m in bm.predict_markers(model, "rapamycin")}
print(markers["PTEN_loss"])
answer_4 = markers["PTEN_loss"].effect""",
          "Sensitizing (score 1/3). Rapamycin is partial in the wild type: in `growth` it lowers "
          "PROLIFERATION from level 2 to 1 (of 3), in the PTEN-null tumour from 3 to 1. In a "
          "PTEN-null tumour the extra proliferative "
          "drive (p27 removal through fully active AKT and SKP2) runs through the "
          "rapamycin-sensitive mTORC1 output, so the rapalog removes more of it, in `growth` "
          "itself: the tumour is more mTOR-dependent, as the clinic says (003: \"cancer cells "
          "where the mTOR pathway is hyperactive owing to PTEN deficiency\")."),
        Q("05.5", """\
In which tumour environment does the PTEN-null tumour grow while the wild type does not? Look at
the marker's `.independent_in` (and its `.evidence`).""",
          """\
for e in markers["PTEN_loss"].evidence:
    print(e.environment, "grows", e.grows, "wild type grows", e.wild_type_grows,
          "efficacy", e.efficacy, "vs wild type in", e.reference_environment,
          e.wild_type_efficacy)
(answer_5,) = markers["PTEN_loss"].independent_in
answer_5""",
          """\
`no_growth_factors`. Without growth factors the wild-type cell is quiescent, so there is nothing
to compare with there: the PTEN-null tumour's efficacy there (1.0) is compared with the wild
type's in `growth` (0.5). Growing
without growth factors is **growth-factor independence**, reported apart from sensitivity: the
marker is sensitizing because of the `.evidence` in each niche (the efficacy differences), not
because the tumour grows where the wild type does not."""),
        Q("05.6", EXPLORER + """\
**Solve this one in the explorer.** Choose the environment **growth** and tick the background
**PTEN_loss**. In the table *Drug classes for this background*, which drug class or classes
have the largest efficacy (marked ★)? Answer with a set of class names.""",
          """\
# What the explorer's table shows is bm.compare_drugs: one drug per class, here for PTEN_loss
from boolmtor.response import leaders

table = bm.compare_drugs(model, backgrounds=["PTEN_loss"], environments=["growth"])
rows = table[table.background == "PTEN_loss"]
answer_6 = set(leaders(dict(zip(rows.drug_class, rows.efficacy))))
rows[["drug_class", "drug", "efficacy", "kind"]]""",
          """\
In the explorer: *Environment* → growth, tick *PTEN_loss*, scroll to *Drug classes for this
background*: the starred rows are the answer (the page reads them from the same
`bm.compare_drugs` computation, precomputed when the page was made; the code above confirms
them). The classes that block mTORC1 fully, together with mTORC2 or PI3K, beat the rapalog in a
PTEN-null tumour; compare with the wild type by unticking the background."""),
    ]))

# ============================================================================ 06
NOTEBOOKS.append(Notebook(
    "06_bcl2_cytostatic_cytotoxic",
    "Exercise 6 — Cytostatic versus cytotoxic: MCL1, BCL2 and the two mTORC1 levels",
    """\
A drug is **cytostatic** when it stops proliferation without killing cells, **cytotoxic** when
it kills them. In this exercise, with `delta` = treated − untreated score:

- **cytotoxic**: APOPTOSIS rises (delta > 0);
- **cytostatic**: APOPTOSIS does not rise but PROLIFERATION falls (delta < 0);
- **none** otherwise.

(`bm.response(...).kind` applies the package's own version of these definitions, with the
growth rate; docs/semantics.md, "Drug response".) Seed 002: "Rapamycin and its derivatives are
generally cytostatic rather than cytotoxic". In the model, apoptosis is decided by two
anti-apoptotic proteins: **MCL1**, short-lived and made by cap-dependent translation (Hsieh et
al. 2010 Cancer Cell: "4EBP-dependent control of Mcl-1 expression, a key antiapoptotic
protein"), and **BCL2/BCL-XL**, neutralised by dephosphorylated BAD. `APOPTOSIS` level 1 = MCL1
lost while a BH3-only signal (FOXO-induced BIM, or BAD) is present, unless BCL2 is in excess;
level 2 = BCL2 neutralised as well. BCL2 overexpression is a
proposed resistance marker (003: "Overexpression of antiapoptotic proteins such as Bcl2 may also
serve as viable predictors of resistance to mTOR inhibitors").""",
    [
        EXPLORER + 'Prefer clicking? In the explorer tick **BCL2_OE**: the *Markers of the chosen backgrounds* table says, for each drug class, whether BCL2 overexpression is a sensitizing or resistance marker, with its cytostatic and cytotoxic parts.',
        Code("""\
model = bm.load_model()
for node in ("EIF4EBP1", "EIF4EBP1_2", "EIF4E", "MCL1", "BAD", "BCL2", "APOPTOSIS",
             "APOPTOSIS_2"):
    print(f"{node:13} = {model.rules[node]}")"""),
        Q("06.1", """\
Rapamycin in the wild type (growth): what are the deltas of PROLIFERATION and APOPTOSIS? Answer
with a dict `{"PROLIFERATION": ..., "APOPTOSIS": ...}`.""",
          """\
rapa = bm.response(model, "rapamycin")
answer_1 = {r: rapa.delta[r] for r in ("PROLIFERATION", "APOPTOSIS")}
answer_1""", "Proliferation falls by one level of three (−1/3); apoptosis does not rise."),
        Q("06.2", "The same for the TORKinib `torin1` (wild type, growth).",
          """\
torin = bm.response(model, "torin1")
answer_2 = {r: torin.delta[r] for r in ("PROLIFERATION", "APOPTOSIS")}
answer_2""",
          "Proliferation falls by two levels (−2/3) and apoptosis rises to level 1 of 2 (+0.5)."),
        Q("06.3", """\
Classify rapamycin and torin1 in the wild type, and torin1 in the `BCL2_OE` background, with the
definitions above. Answer with a dict `{"rapamycin": ..., "torin1": ..., "torin1 + BCL2_OE": ...}`
of `"cytostatic"`, `"cytotoxic"` or `"none"`.""",
          """\
def kind(delta):
    if delta["APOPTOSIS"] > 0:
        return "cytotoxic"
    return "cytostatic" if delta["PROLIFERATION"] < 0 else "none"

torin_bcl2 = bm.response(model, "torin1", background="BCL2_OE").delta
answer_3 = {"rapamycin": kind(answer_1), "torin1": kind(answer_2),
            "torin1 + BCL2_OE": kind(torin_bcl2)}
answer_3, rapa.kind, torin.kind""",
          """\
The rapalog is cytostatic, the TORKinib cytotoxic, and BCL2 in excess turns the TORKinib's
response into a cytostatic one. The difference between the two mTOR drugs is the
**rapamycin-resistant** mTORC1 activity (Thoreen et al. 2009 J Biol Chem: "mTORC1-dependent and
rapamycin-resistant phosphorylation of 4E-BP1"): under rapamycin `MTORC1` stays at level 1,
4E-BP1 stays partly phosphorylated (`EIF4EBP1` level 1, not 2), some eIF4E stays free and MCL1
is still made. Under torin1 mTORC1 is off, 4E-BP1 binds all eIF4E and MCL1 is lost."""),
        Q("06.4", "Which node carries the signal from EIF4E to APOPTOSIS? (Answer with its name.)",
          """\
g = model.graph
answer_4 = [n for n in g.successors("EIF4E") if g.has_edge(n, "APOPTOSIS")][0]
answer_4""", "MCL1: EIF4E → MCL1 ⊣ APOPTOSIS. Losing MCL1 kills only with a BH3-only signal: "
          "FOXO (BIM), freed when AKT loses Ser473 as under torin1 (exercise 4), or BAD, "
          "which stays off while AKT, RSK or S6K is on."),
        Q("06.5", """\
What does `bm.predict_markers` say about BCL2_OE for torin1? Answer with a pair
`(effect, score)`.""",
          """\
markers = {m.alteration: m for m in bm.predict_markers(model, "torin1")}
print(markers["BCL2_OE"])
rapa_markers = {m.alteration: m for m in bm.predict_markers(model, "rapamycin")}
print(rapa_markers["BCL2_OE"])
answer_5 = (markers["BCL2_OE"].effect, markers["BCL2_OE"].score)""",
          """\
A resistance marker (score −0.5), all of it cytotoxic: in `growth` the TORKinib's efficacy
falls from 1.5 to 1.0 because the apoptosis it caused is gone. For rapamycin BCL2_OE is
**neutral**: a cytostatic drug has no apoptosis to lose. The model thus predicts that BCL2
predicts resistance to ATP-site inhibitors only (Haematologica 2017,
doi:10.3324/haematol.2016.159160: "BCL-2 overexpression confers resistance to TORKi treatment") — and that an MCL1 gain
(`MCL1_OE`) does the same."""),
        Q("06.6", """\
The manifest holds seed 002's statement "Rapamycin and its derivatives are generally cytostatic
rather than cytotoxic" as the expectation `rapalog-cytostatic`. Does the model reproduce it — is
its status `"pass"` in `bm.validate(model)`? Answer `True` or `False`.""",
          """\
v = bm.validate(model)
print(v.counts())
(res,) = [x for x in v.results if x.expectation.id == "rapalog-cytostatic"]
print(res.status, "--", res.expectation.ref)
answer_6 = res.status == "pass\"""",
          """\
Yes. An earlier, two-valued version of the model could not: there mTORC1 was either on or off,
a rapalog switched it off completely and freed BAD, so rapalogs came out cytotoxic — a known
disagreement with the literature. Giving mTORC1 two levels (the rapamycin-sensitive and the
rapamycin-resistant activity; Kang et al. 2013 Science: "mTORC1 phosphorylation sites encode
their sensitivity to starvation and rapamycin") is what made the difference. `bm.validate`
reports disagreements as `known`, with the reason, instead of hiding them."""),
    ]))

# ============================================================================ 07
NOTEBOOKS.append(Notebook(
    "07_designing_a_combination",
    "Exercise 7 — Designing a combination",
    """\
`bm.response(model, [drug_a, drug_b])` treats with both drugs at once; `bm.combinations`
tabulates every pair of a list of drugs with each drug's efficacy alone, the pair's, and
`excess_over_best_single` = efficacy(pair) − max(efficacy of each drug alone): a Boolean analogue
of the *highest single agent* excess (not a Bliss or Loewe synergy score, which need
dose–response curves). Positive means the pair does more than either drug alone.""",
    [
        EXPLORER + "Prefer clicking? In the explorer pick a **Drug** and a **Second drug**. Pairs are not precomputed in the default page (they are greyed out); the page then names the command that adds them, `boolmtor explore -o explorer.html --tier single --tier 'drug pairs' --max-conditions 6000`.",
        Code("""\
model = bm.load_model()
drugs = ["rapamycin", "torin1", "nvp-bez235", "mk-2206", "pd0325901"]
for d in drugs:
    r = bm.response(model, d)
    print(f"{d:11} {model.drug(d).drug_class:15} efficacy {r.efficacy:+.2f}  {r.kind}")"""),
        Q("07.1", """\
Which of the five drugs are **cytotoxic** alone (`Response.kind`, wild type, growth)? Answer
with a set of drug names.""",
          """\
answer_1 = {d for d in drugs if bm.response(model, d).kind == "cytotoxic"}
answer_1""",
          """\
The two ATP-site inhibitors, torin1 and NVP-BEZ235 (efficacy 1.5 of 2: all proliferation
stopped, and apoptosis at level 1 of 2 because MCL1 is lost while FOXO, freed by the loss of
AKT's Ser473, induces BIM). The rapalog and the MEK inhibitor are cytostatic and partial (0.5); the AKT
inhibitor alone does nothing to the readouts (0): with AKT off, ERK/RSK still phosphorylate TSC2,
so mTORC1 stays on. No single drug reaches the maximum of 2, so there is room for pairs."""),
        Q("07.2", """\
Build `bm.combinations(model, drugs, environments=["growth"])` for the wild type. How many pairs
have `excess_over_best_single > 0`?""",
          """\
wt = bm.combinations(model, drugs, environments=["growth"])
answer_2 = int((wt["excess_over_best_single"] > 0).sum())
wt[["drug_a", "drug_b", "efficacy_a", "efficacy_b", "efficacy_pair",
    "excess_over_best_single"]]""",
          """\
Three: rapamycin + PD0325901 (0.5 → 1.0), NVP-BEZ235 + PD0325901 (1.5 → 2) and, far ahead,
MK-2206 + PD0325901 (0 and 0.5 alone, 2 together). AKT and ERK/RSK are two routes that
phosphorylate TSC2 and BAD: block both and mTORC1 goes off (MCL1 lost) *and* BAD is freed (BCL2
neutralised), the full apoptosis of level 2. Pairs with a TORKinib gain nothing in this table:
the TORKinib alone already does what the pair does."""),
        Q("07.3", """\
Cyclin D1 overexpression (`CCND1_OE`) is common in tumours. Build the same table in that
background. Which pair has the largest `excess_over_best_single`? Answer with a set of two
drug names.""",
          """\
ccnd1 = bm.combinations(model, drugs, background="CCND1_OE", environments=["growth"])
best = ccnd1.loc[ccnd1["excess_over_best_single"].idxmax()]
answer_3 = {best["drug_a"], best["drug_b"]}
ccnd1.sort_values("excess_over_best_single", ascending=False).head(3)""",
          "The AKT inhibitor with the MEK inhibitor again (excess 2: nothing alone, the maximum "
          "together). With cyclin D1 in excess, the other pairs gain nothing over their best "
          "single drug. Exercise 10 finds the same pair by the inverse question."),
        Q("07.4", """\
Seed 002 reports that a TORKinib "suppressed feedback activation of PI3K/AKT, whereas RAD001
required the addition of the AKT inhibitor MK-2206 to achieve the same effect". Compare AKT and
MTORC1 (treated scores, wild type, growth) under everolimus (= RAD001), MK-2206, and both.
Answer with a dict `{"everolimus": (AKT, MTORC1), "mk-2206": (AKT, MTORC1), "both": (AKT,
MTORC1)}`.""",
          """\
treatments = {"everolimus": ["everolimus"], "mk-2206": ["mk-2206"],
              "both": ["everolimus", "mk-2206"]}
answer_4 = {}
for label, ds in treatments.items():
    r = bm.response(model, ds)
    answer_4[label] = (r.treated["AKT"], r.treated["MTORC1"])
answer_4""",
          """\
Everolimus raises AKT to level 2 (score 1, the feedback of exercise 3) and leaves mTORC1 at
its rapamycin-resistant level 1 (0.5); MK-2206 alone switches AKT off but leaves mTORC1 fully on
(ERK/RSK still inhibit TSC); the pair switches AKT off and keeps mTORC1 at level 1. The node
table agrees with 002, but adding MK-2206 does not improve the readouts (efficacy 0.5 with or
without it): ERK, raised by the same released feedback, still induces cyclin D1 and, through
RSK, keeps GSK3 off, so proliferation stays at level 1. Node-level tables such as
`bm.compare_drugs` matter when designing combinations."""),
    ]))

# ============================================================================ 08
NOTEBOOKS.append(Notebook(
    "08_editing_a_rule",
    "Exercise 8 — Editing a rule and seeing the prediction change",
    """\
Every rule of a model is a hypothesis. Here you change one and watch the predictions move. In
exercise 3 PI3K's level 1 had routes besides IRS1 — RAS, which binds p110α directly
(Rodriguez-Viciana et al. 1996 EMBO J), and receptors induced by FOXO — so in growth factors,
with the S6K ⊣ IRS1 feedback engaged, PI3K and AKT sat at level 1 and rapamycin lifted them to
level 2. What if IRS1 were the **only** route to PI3K? Then the feedback would decide whether
AKT is on at all.

A `Model` never changes: `model.with_rule(node, rule)` returns a new model in which one rule is
replaced, keeping the environments, drugs, backgrounds and expectations of the manifest.""",
    [
        Code("""\
model = bm.load_model()
print(model.to_bnet()[:400], "...")"""),
        Q("08.1", "What is PI3K's rule in the curated model? Answer with the rule as a string.",
          """\
answer_1 = model.rules["PI3K"]
answer_1""", "`IRS1 | RAS | RTK_2`: three routes to level 1 (`RTK_2` is the receptor "
          "level induced by FOXO, exercise 9). `model.rules['PI3K_2']` is level 2."),
        Code("""\
# the variant: IRS1 is the only route to PI3K (the original model is unchanged)
variant = model.with_rule("PI3K", "IRS1")
variant.rules["PI3K"], model.rules["PI3K"]"""),
        Q("08.2", """\
In the variant, is the `growth` attractor a fixed point? Answer `True` or `False`.""",
          """\
atts = bm.attractors(variant, environment="growth")
answer_2 = all(a.is_fixed_point for a in atts)
for a in atts:
    print(a, "|", len(a.oscillating), "oscillating nodes, MTORC1 activity", a.activity("MTORC1"))""",
          """\
Yes. The loop IRS1 → PI3K → PIP3 → PDK1 → AKT ⊣ TSC ⊣ RHEB → MTORC1 → MTORC1_2 → S6K ⊣ IRS1
is negative (three inhibitions), but it does not oscillate here: ERK/RSK, switched on by the
receptors through RAS, phosphorylate TSC2 as well, so mTORC1 and S6K stay on without AKT, IRS1
stays off, and with it PI3K and AKT. (A negative loop can sustain oscillation only when
nothing else holds its nodes; an earlier version of this model, in which RAS needed IRS1, did
oscillate here.)"""),
        Q("08.3", """\
In the variant, what are AKT's scores without and with rapamycin (growth)? Answer with a pair
`(untreated, treated)`.""",
          """\
rv = bm.response(variant, "rapamycin")
answer_3 = (rv.untreated["AKT"], rv.treated["AKT"])
print(rv)
answer_3""",
          "0 → 1: with the feedback as the only route, AKT is off in growth factors; rapamycin "
          "cuts the loop at full mTORC1, IRS1 comes back, and AKT goes from off to fully on — "
          "the textbook picture in its extreme form (003: \"mTORC1 inhibition by rapalogs "
          "abolishes the negative feedback loop\")."),
        Q("08.4", """\
How different is the prediction? Give the change of AKT under rapamycin in the curated model
minus its change in the variant (`Response.change("AKT")`).""",
          """\
r = bm.response(model, "rapamycin")
answer_4 = r.change("AKT") - rv.change("AKT")
r.change("AKT"), rv.change("AKT"), answer_4""",
          "−0.5: the curated model predicts a rise of AKT by one level (+0.5), the variant by "
          "two (+1)."),
        Q("08.5", """\
Is the variant a better model? Run the literature expectations of the manifest on it with
`bm.validate(variant)`. Which expectations **fail**? Answer with a set of expectation ids.""",
          """\
v = bm.validate(variant)
print(v.counts())
answer_5 = {x.expectation.id for x in v.results if x.status == "fail"}
sorted(answer_5)""",
          """\
No. Without IRS1, AKT is off in growth factors (`growth-pi3k-akt-on`, `growth-irs1-feedback-engaged`:
the seeds describe the feedback as *attenuating* PI3K/AKT, not abolishing it); oncogenic RAS no
longer activates PI3K (`kras-activates-pi3k`, Rodriguez-Viciana et al. 1996); and because full RAS
activation needs full PI3K, the MAPK expectations move too (`mek-inhibitor-erk-off`,
`validation-ras-mek-partial`). That is why the curated rule keeps RAS → PI3K and lets the
feedback lower PI3K by one level instead of switching it off. Editing rules and re-validating is
how such choices are made — and why each rule in `rules/mtor/` carries its reference."""),
    ]))

# ============================================================================ 09
NOTEBOOKS.append(Notebook(
    "09_resistance_marker_feedback_loop",
    "Exercise 9 — Capstone: resistance markers of a TORKinib, and the feedback loop it releases",
    """\
You now have every tool: attractors, perturbations, responses, markers, the interaction graph
and its feedback loops. The question: **which tumours resist an ATP-site mTOR inhibitor, and
what does the drug switch on that a rapalog does not?** Seed 003 warns that "Alternative
survival pathways and crosstalk with other signaling pathways including MEK/ERK could also limit
the efficacy" of these drugs.""",
    [
        Code("""\
from boolmtor.loops import feedback_loops

model = bm.load_model()
model.drug("torin1")"""),
        Q("09.1", """\
Which backgrounds are **resistance** markers for the TORKinib `torin1` but not for the rapalog
`rapamycin`? Answer with a set of background names.""",
          """\
markers = {d: {m.alteration: m for m in bm.predict_markers(model, d)}
           for d in ("torin1", "rapamycin")}
resistant = {d: {a for a, m in ms.items() if m.effect == "resistance"}
             for d, ms in markers.items()}
answer_1 = resistant["torin1"] - resistant["rapamycin"]
for a in sorted(answer_1, key=lambda a: markers["torin1"][a].score):
    print(markers["torin1"][a])
answer_1""",
          """\
Five, and each keeps the cell alive where the TORKinib would kill it — read the scores and the
`.evidence`, not only the words.

- **EIF4E_OE and EIF4EBP1_loss (score −1.0):** they keep eIF4E free, so MCL1 is still made
  and growth goes on: both the cytostatic and the cytotoxic parts fall.
- **MCL1_OE and BCL2_OE (−0.5):** they keep an anti-apoptotic protein whatever translation
  does (exercise 6); proliferation still stops, only the cytotoxic part is lost.
- **AKT_active (−0.5):** apoptosis needs MCL1 gone *and* a BH3-only signal — FOXO-induced BIM,
  which a TORKinib releases by taking AKT's Ser473 (mTORC2). A constitutively active AKT keeps
  FOXO off, so the cell stops dividing but does not die. For the rapalog, which never caused
  that apoptosis, AKT_active is sensitizing instead (exercise 5).

PTEN_loss and PIK3CA_mut are *neutral* here: under torin1 they end exactly as the wild type
(proliferation off, apoptosis level 1), and efficacy counts the *share* of proliferation lost
(docs/semantics.md, "Drug response"), so a faster untreated growth does not read as
resistance."""),
        Q("09.2", """\
What does the TORKinib release? Of FOXO, RTK, IRS1, PI3K, PIP3, AKT and ERK, which go **up**
under torin1 (wild type, growth)? Answer with a set.""",
          """\
r = bm.response(model, "torin1")
nodes = ("FOXO", "RTK", "IRS1", "PI3K", "PIP3", "AKT", "ERK")
answer_2 = {n for n in nodes if r.change(n) > 0}
{n: (r.untreated[n], r.treated[n]) for n in nodes}""",
          """\
All but AKT. With mTORC1 off, S6K is off and the S6K ⊣ IRS1 feedback is released, as under a
rapalog (IRS1, PI3K, PIP3, ERK up). With mTORC2 off as well, AKT loses Ser473 and SGK1 its
activity, so FOXO becomes active and induces receptors (`RTK_2 = RTK & FOXO`;
Rodrik-Outmezguine et al. 2011 Cancer Discov: the drug "relieves feedback inhibition of receptor
tyrosine kinases (RTK)"). The released PI3K signal cannot bring Ser473 back without mTORC2, but
PDK1 still phosphorylates Thr308: AKT stays at level 1 (score 0.5) instead of falling to 0."""),
        Q("09.3", """\
Which feedback loop is that? Give one loop of the interaction graph that passes through
`AKT_2`, `FOXO` and `RTK_2` (and not through S6K), as a list of node names in the order of its
edges (e.g. `["FOXO", "RTK_2", ...]`). The graph has one node per level: `AKT_2` is "AKT at
level 2".""",
          """\
loops = [l for l in feedback_loops(model)
         if {"AKT_2", "FOXO", "RTK_2"} <= set(l.nodes) and "S6K" not in l.nodes]
for l in loops:
    print(l, l.sign)
answer_3 = list(loops[0].nodes)
answer_3""",
          "For example AKT_2 ⊣ FOXO → RTK_2 → PI3K_2 → PIP3_2 → AKT_2: fully active AKT keeps "
          "FOXO off, which keeps the extra receptors off, which limits PI3K and AKT."),
        Q("09.4", "Is that loop `\"positive\"` or `\"negative\"`?",
          """\
g = model.graph
edges = list(zip(answer_3, answer_3[1:] + answer_3[:1]))
inhibitions = sum(g.edges[u, v]["sign"] == -1 for u, v in edges)
answer_4 = "negative" if inhibitions % 2 else "positive"
inhibitions, answer_4""",
          """\
Negative (one inhibition): a homeostatic loop, like S6K ⊣ IRS1. A rapalog opens the S6K ⊣ IRS1
loop (AKT rises to level 2, exercise 3). A TORKinib opens it too and, by removing Ser473 and
SGK1, also activates FOXO: the FOXO → receptor arm of this second loop raises RTK, PI3K and ERK
and keeps AKT at Thr308, but cannot close the loop again, because AKT_2 needs mTORC2.

**Conclusion, in the model's terms.** An ATP-site inhibitor is cytotoxic through MCL1 loss, so
whatever keeps MCL1 or BCL2 (eIF4E gain, 4E-BP1 loss, MCL1 or BCL2 gain) predicts resistance to
it but not to a rapalog; and its release of the FOXO → receptor loop leaves AKT at Thr308 and
ERK on, a route for the survival signals the seed warns about. These are model predictions to
test, not clinical facts; `bm.validate` lists which literature statements the model was built
and checked against."""),
    ]))


# ============================================================================ 10
NOTEBOOKS.append(Notebook(
    "10_controlling_a_tumour",
    "Exercise 10 — Control: which interventions stop a tumour, or make it die",
    """\
So far you asked "what does this drug do?". Clinicians ask the inverse: **which drugs (or which
genes) would make every outcome of this tumour non-proliferating, or apoptotic?**
`bm.control(model, goal, background=..., using="drugs" | "nodes", max_size=...)` lists every
*minimal* set of interventions (no smaller part of it works) after which every attractor the
tumour can reach from where it was holds the goal (docs/semantics.md, "Control").""",
    [
        Code("""\
model = bm.load_model()
r = bm.control(model, {"PROLIFERATION": 0}, background="PTEN_loss", max_size=1)
print(r)"""),
        Q("10.1", """\
In a PTEN-deficient tumour (`PTEN_loss`, environment `growth`), single drugs of which **drug
classes** stop proliferation in every reachable attractor? Answer with a set of class names
(`model.drug(name).drug_class`).""",
          """\
answer_1 = {model.drug(s.elements[0]).drug_class for s in r}
answer_1""",
          "TORKinibs, dual PI3K/mTOR inhibitors and the AMPK activator (metformin): the drugs "
          "that remove **both** mTORC1 levels (AMPK inhibits mTORC1 directly). Rapalogs are "
          "missing: they remove only the rapamycin-sensitive level, and PROLIFERATION keeps "
          "level 1 — although PTEN loss makes a rapalog work better than in the wild type "
          "(exercise 5), it does not make it sufficient. PI3Kα and AKT inhibitors alone are "
          "missing too: p110β still makes PIP3 without PTEN, and ERK/RSK keep mTORC1 on "
          "without AKT."),
        Q("10.2", """\
Now a tumour with an mTOR **FRB-domain mutation** (`MTOR_FRB_mut`). Which drug classes control
proliferation with a single drug in the wild type but no longer in this tumour? Answer with a
set of class names.""",
          """\
def classes(result):
    return {model.drug(d).drug_class for s in result for d in s.elements}

wild = bm.control(model, {"PROLIFERATION": 0}, max_size=1)
frb = bm.control(model, {"PROLIFERATION": 0}, background="MTOR_FRB_mut", max_size=1)
answer_2 = classes(wild) - classes(frb)
print("wild type:", sorted(classes(wild)), "| MTOR_FRB_mut:", sorted(classes(frb)))
answer_2""",
          "None. The FRB mutation blocks the rapalogs (FKBP12–rapamycin binds the FRB domain; "
          "`bm.control`, like `bm.response`, then treats every rapalog as acting on nothing), "
          "but rapalogs were never single-drug controllers: alone they are partial (exercises "
          "4, 6). Every class that controls the wild type binds the ATP site or acts upstream, "
          "so the mutation leaves them all — that is why TORKinibs were developed. (The "
          "mutation does matter for `bm.predict_markers`: it is rapamycin's resistance marker.)"),
        Q("10.3", """\
BCL2 overexpression predicts resistance to mTOR inhibitors (exercise 6). Allow any three
**node** knockouts or overexpressions (`using="nodes"`, `max_size=3`; this takes a minute) and
ask for apoptosis in `BCL2_OE`. Which node is altered in **every** minimal set? Answer with a set of node names.""",
          """\
b = bm.control(model, {"APOPTOSIS": 1}, background="BCL2_OE", using="nodes", max_size=3)
print(b)
altered = [set(s.perturbation.knockout) | set(s.perturbation.overexpress) for s in b]
answer_3 = set.intersection(*altered)
answer_3""",
          "Every way to kill a BCL2-overexpressing cell removes BCL2 — the model's version of "
          "the rationale for BH3 mimetics such as venetoclax — together with a hit that loses "
          "MCL1 (MCL1 itself, eIF4E, or mTORC1 through any of its inputs) and a BH3-only "
          "signal to engage what is left (BAD, or FOXO-induced BIM once PI3K/AKT is off); one "
          "hit can do two jobs (losing PI3K both frees FOXO and, with ERK off, lowers mTORC1). "
          "No pair suffices: the cell has two anti-apoptotic proteins, and losing them is not "
          "yet a death signal."),
        Q("10.4", """\
Back to drugs. In a cyclin-D1-overexpressing tumour (`CCND1_OE`), the AKT inhibitor `mk-2206`
alone does not stop proliferation (exercise 7). With `max_size=2`, which drug **classes**
complete `mk-2206` into a minimal controlling pair? Answer with a set of class names.""",
          """\
c = bm.control(model, {"PROLIFERATION": 0}, background="CCND1_OE", max_size=2)
answer_4 = {model.drug(d).drug_class for s in c if "mk-2206" in s.elements
            for d in s.elements if d != "mk-2206"}
print(c.table().query("size == 2"))
answer_4""",
          "The MEK inhibitors: AKT and ERK/RSK are the two kinases that phosphorylate TSC2 (and "
          "BAD); with both blocked, mTORC1 goes off. Exercise 7 found the same pair in a "
          "combination table; control finds it without being told where to look, together "
          "with the other PI3K/AKT + MEK pairs."),
        """\
**Conclusion.** `bm.control` turns the model around: from a goal phenotype to the minimal
interventions that reach it in a given tumour. The answers are exact for the model and its
definitions (permanent interventions, asynchronous update, starting from the untreated
tumour); `robust=True` shows whether a set still works under other update schemes and rule
variants, and `backgrounds=[...]` which sets work across several tumours. They are
predictions to test, not treatment advice.""",
    ]))


# ============================================================================ rendering
def _md(source: str, cell_id: str):
    return nbformat.v4.new_markdown_cell(source, id=cell_id)


def _code(source: str, cell_id: str, tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_code_cell(source, id=cell_id)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _placeholder(q: Q) -> str:
    return f"{q.var} = None  # your answer: {QUESTIONS[q.key].shape}"


def render(nb: Notebook, solution: bool) -> nbformat.NotebookNode:
    """The exercise (or, with `solution`, the worked solution) notebook, outputs cleared."""
    cells = []

    def add(kind, source, tags=()):
        cid = f"{nb.stem[:2]}{'s' if solution else 'e'}{len(cells):02d}"
        cells.append(_md(source, cid) if kind == "md" else _code(source, cid, tags))

    kind = "Worked solution" if solution else "Exercise"
    other = (f"the exercise: [../{nb.stem}.ipynb](../{nb.stem}.ipynb)" if solution else
             f"the worked solution: [solutions/{nb.stem}_solution.ipynb]"
             f"(solutions/{nb.stem}_solution.ipynb)")
    how = ("" if solution else "\n\nWrite each answer in the cell `answer_N = None`, then run the "
           "self-check cell below it: it prints **correct** or **not yet** with a hint.")
    add("md", f"# {nb.title}\n\n*{kind}. See also {other}.*\n\n{nb.intro}{how}")
    add("code", SETUP, ("setup",))
    for item in nb.items:
        if isinstance(item, str):
            add("md", item)
        elif isinstance(item, Code):
            add("code", item.source)
        else:
            n = item.key.split(".")[1]
            add("md", f"### Question {int(item.key[:2])}.{n}\n\n{item.text}")
            if item.starter:
                add("code", item.starter)
            if solution:
                add("code", item.solution, ("solution",))
            else:
                add("code", _placeholder(item), ("answer",))
            add("code", f'check("{item.key}", {item.var})', ("self-check",))
            if solution and item.why:
                add("md", f"**Why.** {item.why}")
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return notebook


def paths(nb: Notebook) -> tuple[Path, Path]:
    """(exercise path, solution path)."""
    return HERE / f"{nb.stem}.ipynb", SOLUTIONS / f"{nb.stem}_solution.ipynb"


def rendered() -> dict[Path, str]:
    """Every notebook's path and its JSON text."""
    keys = [q.key for nb in NOTEBOOKS for q in nb.items if isinstance(q, Q)]
    if sorted(keys) != sorted(QUESTIONS) or len(set(keys)) != len(keys):
        raise SystemExit("build.py and check.py disagree on the questions: "
                         f"{sorted(set(keys) ^ set(QUESTIONS))}")
    out = {}
    for nb in NOTEBOOKS:
        exercise, solution = paths(nb)
        for path, sol in ((exercise, False), (solution, True)):
            node = render(nb, sol)
            nbformat.validate(node)
            out[path] = nbformat.writes(node) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if a notebook on disk differs from what this script writes")
    args = parser.parse_args(argv)
    stale = []
    for path, text in rendered().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'out of date' if args.check else 'wrote'}: {path.relative_to(HERE)}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
