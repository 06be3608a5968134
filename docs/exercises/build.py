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
meet in exercises 3, 8 and 9."""),
    ]))

# ============================================================================ 02
NOTEBOOKS.append(Notebook(
    "02_nutrient_sensing",
    "Exercise 2 — Nutrient sensing: when is mTORC1 on?",
    """\
mTORC1 integrates four signals (seed 002: "mTORC1 acts as a primary sensor for nutrients,
growth factors, oxygen, and energy"). In the curated model they are the **inputs** `GF` (growth
factors / insulin), `AA` (amino acids), `ENERGY_STRESS` (high AMP:ATP) and `HYPOXIA`. A named
**environment** of the manifest fixes them. Growth factors act through AKT, which inhibits the
TSC complex; TSC inhibits RHEB; amino acids act through the RAG GTPases; energy stress through
AMPK; hypoxia through AMPK and REDD1.""",
    [
        Code("""\
model = bm.load_model()
print("inputs:", model.inputs)   # PTEN has the constant rule 1, so it counts as an input
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
In which named environments is `MTORC1` on (value 1 in every attractor)? Answer with a set of
environment names.""",
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
Hypoxia and energy stress both switch on AMPK. Which signalling node (not an input) is on under
`hypoxia` but not under `energy_stress`? That node is the AMPK-independent route (seed 002:
"Hypoxia can also inhibit mTOR signaling by an AMPK-independent" mechanism). Answer with a set.""",
          """\
(hyp,) = bm.attractors(model, environment="hypoxia")
(es,) = bm.attractors(model, environment="energy_stress")
answer_3 = {n for n in model.nodes
            if n not in model.inputs and hyp.fixed.get(n) == 1 and es.fixed.get(n) == 0}
answer_3""",
          "REDD1, which \"promotes TSC complex assembly\" (002): hypoxia has two routes to TSC."),
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
Which **readouts** are on under `amino_acid_starvation`? Answer with a set.""",
          """\
(att,) = bm.attractors(model, environment="amino_acid_starvation")
answer_5 = {r for r, v in att.phenotype.items() if v == 1}
att.phenotype""",
          """\
AUTOPHAGY (ULK1 is released when mTORC1 is off, 002: "Inhibition of mTOR results in induction
of autophagy") and APOPTOSIS. The latter is a modelling choice worth noticing: BAD needs both
S6K and AKT to be kept off (`BAD = !S6K | !AKT`), so in this model every condition with
mTORC1 off is apoptotic unless BCL2 is in excess (docs/model_notes.md, choice 8). Exercise 6
comes back to it."""),
    ]))

# ============================================================================ 03
NOTEBOOKS.append(Notebook(
    "03_rapamycin_feedback",
    "Exercise 3 — Why rapamycin re-activates upstream signalling: the S6K ⊣ IRS1 feedback",
    """\
Rapamycin and the other **rapalogs** bind FKBP12 and, through the FRB domain, inhibit mTORC1
only. mTORC1's substrate S6K closes a **negative feedback loop** on the insulin/IGF receptor
adaptor IRS1 (seed 003: "S6K1 was shown to form a negative feedback loop by inhibiting
expression of the insulin receptor substrate"). Switching mTORC1 off therefore releases IRS1
(003: "mTORC1 inhibition by rapalogs abolishes the negative feedback loop"), and with it PI3K/AKT
and MAPK signalling.

**Be precise about what this model shows.** Here `PI3K = RTK | IRS1`: the receptor engages
PI3K directly *and* through IRS1 (002), so in growth factors PI3K and AKT are already on, and the
rapalog cannot switch them on "more" in a Boolean model. The released feedback shows instead in
IRS1 and in the IRS1-dependent branch `RAS = IRS1 & PI3K` → RAF → MEK → ERK (003: "inhibition
of mTORC1 leads to MAPK pathway activation through a PI3K-dependent feedback loop"). Exercise 8
changes that rule and makes AKT re-activation itself visible.""",
    [
        Code("""\
model = bm.load_model()
for node in ("IRS1", "PI3K", "RAS", "MTORC2", "AKT", "S6K"):
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
          "mTORC1 and S6K go down (the drug's target and its substrate); IRS1, RAS and ERK go up "
          "(feedback released); PI3K and AKT were already on and stay on."),
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
(1, 1): AKT stays fully on. The literature's "AKT re-activation" is a rise of phospho-AKT
*above* the level of a growth-factor-stimulated cell whose feedback is engaged; a Boolean AKT that
is already 1 cannot show that rise. What the model does show is that rapalogs **leave AKT on**
(002: "Rapamycin may leave mTORC2-mediated AKT phosphorylation and activation operational"),
unlike the drugs of exercise 4."""),
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
The PI3K inhibitor (the feedback runs through IRS1–PI3K to RAS: "a PI3K-dependent feedback
loop", 003) and the MEK inhibitor (it blocks the branch downstream, as PD0325901 did in 002:
"With addition of the MEK inhibitor PD0325901"). Inhibiting AKT or both mTOR complexes does not
touch IRS1 → RAS, and metformin switches mTORC1 off by other routes (AMPK, RAG), which releases
the feedback just as rapamycin does."""),
    ]))

# ============================================================================ 04
NOTEBOOKS.append(Notebook(
    "04_torkinibs",
    "Exercise 4 — Why TORKinibs were designed: mTORC2 and AKT",
    """\
Rapalogs inhibit mTORC1 but leave mTORC2, the kinase that phosphorylates AKT on Ser473, at work.
ATP-competitive mTOR kinase inhibitors (**TORKinibs**: torin1, AZD8055, INK128, ...) were designed
to "block the mTOR kinase ATP binding site, and thereby target both mTORC1 and mTORC2" (002).
In the model `AKT = PDK1 & MTORC2`: AKT = 1 means fully active AKT (Thr308 by PDK1 *and* Ser473
by mTORC2).""",
    [
        Code("""\
model = bm.load_model()
for name in ("rapamycin", "torin1"):
    d = model.drug(name)
    print(f"{d.name:10} class={d.drug_class:9} site={d.site}  targets={dict(d.targets)}")"""),
        Q("04.1", "Which nodes does torin1 target that rapamycin does not? Answer with a set.",
          """\
answer_1 = set(model.drug("torin1").targets) - set(model.drug("rapamycin").targets)
answer_1""", "mTORC2."),
        Q("04.2", """\
What is AKT's treated score under each drug (growth)? Answer with a dict
`{"rapamycin": ..., "torin1": ...}`.""",
          """\
answer_2 = {d: bm.response(model, d).treated["AKT"] for d in ("rapamycin", "torin1")}
answer_2""",
          "1 under rapamycin, 0 under torin1: only the TORKinib removes the Ser473 kinase, so "
          "AKT's survival signalling is switched off as well (002: \"It suppressed feedback "
          "activation of PI3K/AKT, whereas RAD001 required the addition\" of an AKT inhibitor)."),
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
`FOXO = !AKT & !SGK1`. What is FOXO's treated score under rapamycin and under torin1? Answer
with a pair `(rapamycin, torin1)`.""",
          """\
answer_4 = tuple(bm.response(model, d).treated["FOXO"] for d in ("rapamycin", "torin1"))
answer_4""",
          "(0, 1): only blocking mTORC2 frees FOXO."),
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
No: both reach the maximum (proliferation 1 → 0, apoptosis 0 → 1). In this model the rapalog
already switches every readout, so the TORKinib's advantage is visible on the **nodes** (AKT,
FOXO, SGK1) but not on the readouts. That is a known limitation of the curated model
(docs/model_notes.md, "All three drug classes get identical marker profiles"): a Boolean
readout cannot be "more" off. Keep it in mind when you read efficacy tables."""),
    ]))

# ============================================================================ 05
NOTEBOOKS.append(Notebook(
    "05_pten_loss",
    "Exercise 5 — PTEN loss and growth-factor independence",
    """\
PTEN is the phosphatase that removes PIP3, the lipid made by PI3K. Without PTEN, PIP3 builds up
even from basal PI3K activity (the model's rule is `PIP3 = PI3K | !PTEN`), and cells signal as
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
          "(0, 1): the PTEN-null cell keeps proliferating without growth factors."),
        Q("05.2", """\
Follow the signal. Of RTK, PI3K, PIP3, AKT, TSC and MTORC1, which nodes have a different value in
the PTEN-null cell than in the wild type (no growth factors)? Answer with a set.""",
          """\
(wt_att,) = wt
(pten_att,) = pten
path = ("RTK", "PI3K", "PIP3", "AKT", "TSC", "MTORC1")
answer_2 = {n for n in path if wt_att.activity(n) != pten_att.activity(n)}
{n: (wt_att.activity(n), pten_att.activity(n)) for n in path}""",
          "RTK and PI3K stay off (no growth factors); the change starts at PIP3 and runs "
          "PIP3 → AKT ⊣ TSC ⊣ RHEB → mTORC1: PTEN loss acts **below** PI3K."),
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
The three that activate the PI3K–AKT arm. TSC loss switches mTORC1 on but not AKT: GSK3 stays
active and degrades cyclin D1, so PROLIFERATION (`CCND1 & S6K`) stays off; KRAS_mut likewise."""),
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
          "Neutral in today's model: rapamycin already stops wild-type growth completely in "
          "`growth` (GR −1, efficacy 2), so PTEN loss cannot make it work better. The clinic "
          "(003) calls PTEN deficiency sensitizing: a model that leaves the wild type some "
          "mTOR-independent growth could show it."),
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
to compare with there: the PTEN-null tumour is compared with the wild type in `growth`, where
rapamycin is equally effective (difference 0). Growing without growth factors is
**growth-factor independence**, reported apart: an earlier definition averaged efficacies in
the same environment and counted this independence as sensitivity."""),
    ]))

# ============================================================================ 06
NOTEBOOKS.append(Notebook(
    "06_bcl2_cytostatic_cytotoxic",
    "Exercise 6 — BCL2 and cytostatic versus cytotoxic response",
    """\
A drug is **cytostatic** when it stops proliferation without killing cells, **cytotoxic** when
it kills them. In this exercise, with `delta` = treated − untreated score:

- **cytotoxic**: APOPTOSIS rises (delta > 0);
- **cytostatic**: APOPTOSIS does not rise but PROLIFERATION falls (delta < 0);
- **none** otherwise.

In the model, BAD (pro-apoptotic) is kept off only while both S6K and AKT are active (002: BAD
"is hyperphosphorylated in the absence of p70S6K and acts to induce apoptosis"), and free
BAD neutralises anti-apoptotic BCL2. BCL2 overexpression is a proposed resistance marker (003:
"Overexpression of antiapoptotic proteins such as Bcl2 may also serve as viable predictors of
resistance to mTOR inhibitors").""",
    [
        Code("""\
model = bm.load_model()
for node in ("BAD", "BCL2", "APOPTOSIS", "PROLIFERATION"):
    print(f"{node:13} = {model.rules[node]}")"""),
        Q("06.1", """\
Rapamycin in the wild type (growth): what are the deltas of PROLIFERATION and APOPTOSIS? Answer
with a dict `{"PROLIFERATION": ..., "APOPTOSIS": ...}`.""",
          """\
wt = bm.response(model, "rapamycin")
answer_1 = {r: wt.delta[r] for r in ("PROLIFERATION", "APOPTOSIS")}
answer_1""", "Proliferation off (−1), apoptosis on (+1)."),
        Q("06.2", "The same in the `BCL2_OE` background.",
          """\
bcl2 = bm.response(model, "rapamycin", background="BCL2_OE")
answer_2 = {r: bcl2.delta[r] for r in ("PROLIFERATION", "APOPTOSIS")}
answer_2""",
          "Proliferation still stops, but apoptosis no longer rises: BCL2 is fixed on, so "
          "`APOPTOSIS = BAD & !BCL2` stays 0 even though BAD is freed."),
        Q("06.3", """\
Classify both responses with the definitions above. Answer with a dict
`{"wild type": ..., "BCL2_OE": ...}` of `"cytostatic"`, `"cytotoxic"` or `"none"`.""",
          """\
def kind(delta):
    if delta["APOPTOSIS"] > 0:
        return "cytotoxic"
    return "cytostatic" if delta["PROLIFERATION"] < 0 else "none"

answer_3 = {"wild type": kind(answer_1), "BCL2_OE": kind(answer_2)}
answer_3""",
          "BCL2 excess turns a cytotoxic response into a cytostatic one."),
        Q("06.4", "Which node carries the signal from S6K to APOPTOSIS? (Answer with its name.)",
          """\
g = model.graph
answer_4 = [n for n in g.successors("S6K") if g.has_edge(n, "APOPTOSIS")][0]
answer_4""", "BAD: S6K ⊣ BAD → APOPTOSIS, and BAD ⊣ BCL2 ⊣ APOPTOSIS."),
        Q("06.5", """\
What does `bm.predict_markers` say about BCL2_OE for rapamycin? Answer with a pair
`(effect, score)`.""",
          """\
markers = {m.alteration: m for m in bm.predict_markers(model, "rapamycin")}
print(markers["BCL2_OE"])
answer_5 = (markers["BCL2_OE"].effect, markers["BCL2_OE"].score)""",
          """\
A resistance marker (score −1): in `growth` the efficacy falls from 2 (GR −1: net loss) to 1
(GR 0: growth stopped, no apoptosis), a cytotoxic difference of −1 (`.cytotoxic`). In
`no_growth_factors` the untreated BCL2_OE tumour does not grow, so it gives no evidence.
`bm.response(...).kind` names the same split: "cytotoxic" in the wild type, "cytostatic"
with BCL2_OE."""),
        Q("06.6", """\
Seed 002 says: "Rapamycin and its derivatives are generally cytostatic rather than cytotoxic".
The manifest holds this as the expectation `rapalog-cytostatic`. Does the model reproduce it —
is its status `"pass"` in `bm.validate(model)`? Answer `True` or `False`.""",
          """\
v = bm.validate(model)
(res,) = [x for x in v.results if x.expectation.id == "rapalog-cytostatic"]
print(res.status, "--", res.expectation.disagreement)
answer_6 = res.status == "pass\"""",
          """\
No — it is a **known disagreement**. In the model a rapalog frees BAD, so it is cytotoxic in
wild-type cells; that same mechanism is what makes BCL2 overexpression a resistance marker. A
Boolean node cannot be "a little" apoptotic, so the weaker, AKT-buffered apoptosis of rapalogs
is not represented. A good model states where it disagrees with the literature instead of
hiding it: `bm.validate` reports such cases as `known`, with the reason."""),
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
        Code("""\
model = bm.load_model()
drugs = ["rapamycin", "torin1", "nvp-bez235", "mk-2206", "pd0325901"]
for d in drugs:
    print(f"{d:11} {model.drug(d).drug_class:15} efficacy {bm.response(model, d).efficacy:+.2f}")"""),
        Q("07.1", """\
Which of the five drugs reach the maximal efficacy of 2 alone (wild type, growth)? Answer with a
set of drug names.""",
          """\
answer_1 = {d for d in drugs if bm.response(model, d).efficacy == 2}
answer_1""",
          "All but the MEK inhibitor: ERK is off in the untreated growth state (the S6K ⊣ IRS1 "
          "feedback keeps RAS low), so blocking MEK alone changes nothing."),
        Q("07.2", """\
Build `bm.combinations(model, drugs, environments=["growth"])` for the wild type. How many pairs
have `excess_over_best_single > 0`?""",
          """\
wt = bm.combinations(model, drugs, environments=["growth"])
answer_2 = int((wt["excess_over_best_single"] > 0).sum())
wt[["drug_a", "drug_b", "efficacy_a", "efficacy_b", "efficacy_pair",
    "excess_over_best_single"]]""",
          "None: when a single drug already reaches the maximum there is no room for a combination "
          "to do better (a *ceiling effect*). Look for combinations where single drugs fall short."),
        Q("07.3", """\
Cyclin D1 overexpression (`CCND1_OE`) is common in tumours. Build the same table in that
background. Which pair has the largest `excess_over_best_single`? Answer with a set of two
drug names.""",
          """\
ccnd1 = bm.combinations(model, drugs, background="CCND1_OE", environments=["growth"])
best = ccnd1.loc[ccnd1["excess_over_best_single"].idxmax()]
answer_3 = {best["drug_a"], best["drug_b"]}
ccnd1.sort_values("excess_over_best_single", ascending=False).head(3)""",
          "The AKT inhibitor with the MEK inhibitor. Exercise 9 explains why, with a feedback "
          "loop."),
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
Everolimus leaves AKT on; MK-2206 alone switches AKT off but mTORC1 keeps pulsing (score about
0.57: it oscillates, see exercise 9); only the pair switches both off. The readout efficacy is
the same for all three here (ceiling again), which is why node-level tables such as
`bm.compare_drugs` matter when designing combinations."""),
    ]))

# ============================================================================ 08
NOTEBOOKS.append(Notebook(
    "08_editing_a_rule",
    "Exercise 8 — Editing a rule and seeing the prediction change",
    """\
Every rule of a model is a hypothesis. Here you change one and watch the predictions move. In
exercise 3 the curated rule `PI3K = RTK | IRS1` (the receptor engages PI3K directly as well as
through IRS1) kept AKT on in growth factors, so rapamycin could not visibly re-activate it. What
if IRS1 were the **only** route from the receptor to PI3K? Then the S6K ⊣ IRS1 feedback would
reach AKT itself.

A `Model` never changes: `model.with_rule(node, rule)` returns a new model in which one rule is
replaced, keeping the environments, drugs, backgrounds and expectations of the manifest.""",
    [
        Code("""\
model = bm.load_model()
print(model.to_bnet()[:400], "...")"""),
        Q("08.1", "What is PI3K's rule in the curated model? Answer with the rule as a string.",
          """\
answer_1 = model.rules["PI3K"]
answer_1""", "`RTK | IRS1`: two routes from the receptor."),
        Code("""\
# the variant: IRS1 is the only route to PI3K (the original model is unchanged)
variant = model.with_rule("PI3K", "IRS1")
variant.rules["PI3K"], model.rules["PI3K"]"""),
        Q("08.2", """\
In the variant, is the `growth` attractor still a fixed point? Answer `True` or `False`.""",
          """\
atts = bm.attractors(variant, environment="growth")
answer_2 = all(a.is_fixed_point for a in atts)
for a in atts:
    print(a, "|", len(a.oscillating), "oscillating nodes, MTORC1 activity", a.activity("MTORC1"))""",
          """\
No. The loop IRS1 → PI3K → PIP3 → AKT ⊣ TSC ⊣ RHEB → mTORC1 → S6K ⊣ IRS1 is negative (three
inhibitions), and now nothing else supports PI3K: the pathway oscillates (one cyclic attractor
of hundreds of millions of states), like the ring of exercise 1."""),
        Q("08.3", """\
In the variant, what are AKT's scores without and with rapamycin (growth)? Answer with a pair
`(untreated, treated)`.""",
          """\
rv = bm.response(variant, "rapamycin")
answer_3 = (rv.untreated["AKT"], rv.treated["AKT"])
print(rv)
answer_3""",
          "About 0.5 → 1: with the feedback as the only route, AKT spends half its time off; "
          "rapamycin cuts the loop at mTORC1, IRS1 stays on, and AKT is **re-activated** — the "
          "textbook picture (003: \"mTORC1 inhibition by rapalogs abolishes the negative feedback "
          "loop\")."),
        Q("08.4", """\
How different is the prediction? Give the change of AKT under rapamycin in the curated model
minus its change in the variant (`Response.change("AKT")`).""",
          """\
r = bm.response(model, "rapamycin")
answer_4 = r.change("AKT") - rv.change("AKT")
r.change("AKT"), rv.change("AKT"), answer_4""",
          "About −0.5: one edited rule turns \"AKT unchanged\" into \"AKT re-activated\"."),
        Q("08.5", """\
Is the variant a better model? Run the literature expectations of the manifest on it with
`bm.validate(variant)`. Which expectations **fail**? Answer with a set of expectation ids.""",
          """\
v = bm.validate(variant)
print(v.counts())
answer_5 = {x.expectation.id for x in v.results if x.status == "fail"}
sorted(answer_5)""",
          """\
The variant gains a visible AKT re-activation but loses the steady growth state the seeds
describe: mTORC1, S6K, translation and PI3K/AKT are no longer *on* in growth factors (they
oscillate), and so does the FRB-mutant rapamycin resistance (mTORC1 oscillates there too). That trade-off is why the
curators kept the direct receptor → PI3K route (docs/model_notes.md, choice 1) and let the
feedback show in IRS1/ERK instead. Editing rules and re-validating is how such choices are made
— and why each rule in `rules/mtor/` carries its reference."""),
    ]))

# ============================================================================ 09
NOTEBOOKS.append(Notebook(
    "09_resistance_marker_feedback_loop",
    "Exercise 9 — Capstone: predict a resistance marker and explain it by a feedback loop",
    """\
You now have every tool: attractors, perturbations, responses, markers, the interaction graph
and its feedback loops. The question: **which tumours resist an AKT inhibitor, and why?**
Seed 003 warns that "Alternative survival pathways and crosstalk with other signaling pathways
including MEK/ERK could also limit the efficacy" of these drugs.""",
    [
        Code("""\
from boolmtor.loops import feedback_loops
from boolmtor.scores import scores

model = bm.load_model()
model.drug("mk-2206")"""),
        Q("09.1", """\
Which backgrounds are **resistance** markers for the AKT inhibitor `mk-2206` but not for the
TORKinib `torin1`? Answer with a set of background names.""",
          """\
resistant = {d: {m.alteration for m in bm.predict_markers(model, d) if m.effect == "resistance"}
             for d in ("mk-2206", "torin1")}
print(resistant)
answer_1 = resistant["mk-2206"] - resistant["torin1"]
answer_1""",
          "CCND1_OE (cyclin D1 overexpression). BCL2_OE resists both drugs (it blocks apoptosis, "
          "exercise 6); CCND1_OE is specific to the AKT inhibitor."),
        Q("09.2", """\
Look at the attractors of a CCND1_OE cell treated with mk-2206 in `growth`. Which **readouts**
oscillate (value `"osc"` in the phenotype)? Answer with a set.""",
          """\
p = bm.Perturbation(drugs=["mk-2206"], backgrounds=["CCND1_OE"])
atts = bm.attractors(model, environment="growth", perturbation=p)
for a in atts:
    print(a, "| oscillating:", sorted(a.oscillating))
answer_2 = {r for r in model.readouts if any(a.value(r) == "osc" for a in atts)}""",
          """\
PROLIFERATION, GROWTH and AUTOPHAGY pulse: mTORC1 and S6K keep switching on and off although
AKT is off. In the wild type this pulsing does no harm (cyclin D1 also needs AKT to inhibit GSK3,
so proliferation stays off); with cyclin D1 in excess, every S6K pulse lets the cell cycle
through (`PROLIFERATION = CCND1 & S6K`)."""),
        Q("09.3", """\
Which feedback loop drives the pulsing? Give one loop of the interaction graph that passes
through S6K, IRS1 and ERK, as a list of node names in the order of its edges (e.g.
`["ERK", "TSC", ...]`).""",
          """\
loops = [l for l in feedback_loops(model) if {"S6K", "IRS1", "ERK"} <= set(l.nodes)]
for l in loops:
    print(l, l.sign)
answer_3 = list(loops[0].nodes)
answer_3""",
          "For example ERK ⊣ TSC ⊣ RHEB → MTORC1 → S6K ⊣ IRS1 → RAS → RAF → MEK → ERK: with AKT "
          "blocked, the MAPK branch is the only brake on TSC, and it is itself switched off by "
          "S6K through IRS1."),
        Q("09.4", "Is that loop `\"positive\"` or `\"negative\"`?",
          """\
g = model.graph
edges = list(zip(answer_3, answer_3[1:] + answer_3[:1]))
inhibitions = sum(g.edges[u, v]["sign"] == -1 for u, v in edges)
answer_4 = "negative" if inhibitions % 2 else "positive"
inhibitions, answer_4""",
          "Negative (three inhibitions): as in the ring of exercise 1, a negative loop with "
          "nothing else to hold it gives sustained oscillation — here, the escape of mTORC1 "
          "through MAPK when AKT is inhibited."),
        Q("09.5", """\
Test the explanation: cut the loop. On top of CCND1_OE + mk-2206 (growth), knock out each of
IRS1, RAS, MEK, ERK, RSK, TSC, MTORC1 in turn. Which knockouts bring the PROLIFERATION score to
0? Answer with a set. (Use `weights=True` and `scores` to get the score.)""",
          """\
answer_5 = set()
for ko in ("IRS1", "RAS", "MEK", "ERK", "RSK", "TSC", "MTORC1"):
    q = p + bm.Perturbation(knockout=[ko])
    s = scores(bm.attractors(model, environment="growth", perturbation=q, weights=True),
               ["PROLIFERATION"])["PROLIFERATION"]
    print(f"{ko:7} PROLIFERATION {s:.2f}")
    if s == 0:
        answer_5.add(ko)
answer_5""",
          """\
Cutting the loop anywhere on the route that **activates** mTORC1 (IRS1, RAS, MEK, ERK, or mTORC1
itself) stops proliferation. RSK alone is not enough (ERK also inhibits TSC directly, a second
route), and removing TSC, the brake, makes things worse (proliferation 1).

**Conclusion, in the model's terms.** Cyclin D1 overexpression predicts resistance to an AKT
inhibitor because the negative feedback loop S6K ⊣ IRS1 → RAS → … → ERK ⊣ TSC ⊣ RHEB → mTORC1 →
S6K keeps re-activating mTORC1 through MAPK once AKT is off, and cyclin D1 in excess turns each
mTORC1/S6K pulse into proliferation. The prediction suggests its own remedy: block the MAPK arm
of the loop — the AKT + MEK combination that exercise 7 found. This is a model prediction, to
be tested, not a clinical fact: the seeds name cyclin D1 as a marker for rapalog *sensitivity*
(a known disagreement of the model, see `bm.validate`)."""),
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
          "PTEN loss activates PI3K/AKT/mTORC1; in the model, blocking mTORC1 itself, or the "
          "kinases that feed it, is enough. Seed 003 names PTEN deficiency among the markers "
          "of sensitivity to mTOR inhibitors."),
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
answer_2""",
          "Rapalogs act through FKBP12 binding the FRB domain; the mutation blocks that binding "
          "site, so `bm.control` (like `bm.response`) treats every rapalog as acting on "
          "nothing. ATP-site TORKinibs still work: that is why they were developed."),
        Q("10.3", """\
BCL2 overexpression predicts resistance to mTOR inhibitors (exercise 6). Allow any two
**node** knockouts or overexpressions (`using="nodes"`, `max_size=2`) and ask for apoptosis in
`BCL2_OE`. Which node is altered in **every** minimal set? Answer with a set of node names.""",
          """\
b = bm.control(model, {"APOPTOSIS": 1}, background="BCL2_OE", using="nodes", max_size=2)
print(b)
altered = [set(s.perturbation.knockout) | set(s.perturbation.overexpress) for s in b]
answer_3 = set.intersection(*altered)
answer_3""",
          "Every way to kill a BCL2-overexpressing cell goes through removing BCL2 (plus "
          "releasing BAD): the model's version of the rationale for BH3 mimetics such as "
          "venetoclax. No single node suffices — a second, mTOR-side hit is needed."),
        Q("10.4", """\
Back to drugs. In a cyclin-D1-overexpressing tumour (`CCND1_OE`), the AKT inhibitor `mk-2206`
alone does not stop proliferation (exercise 9). With `max_size=2`, which drug **classes**
complete `mk-2206` into a minimal controlling pair? Answer with a set of class names.""",
          """\
c = bm.control(model, {"PROLIFERATION": 0}, background="CCND1_OE", max_size=2)
answer_4 = {model.drug(d).drug_class for s in c if "mk-2206" in s.elements
            for d in s.elements if d != "mk-2206"}
print(c.table().query("size == 2"))
answer_4""",
          "The MEK inhibitors cut the MAPK arm of the S6K ⊣ IRS1 → … → ERK ⊣ TSC loop that "
          "exercise 9 found; control finds the same remedy without being told where to look."),
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
