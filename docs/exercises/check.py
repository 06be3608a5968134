"""Self-checks for the boolmtor teaching exercises (docs/exercises/*.ipynb).

In a notebook::

    from check import check
    check("03.2", answer_2)

`check` prints ``correct: ...`` or ``not yet: <hint>`` and returns True or False.

Every expected answer is computed here with boolmtor from the model the exercise uses (the
curated model, a toy written in the exercise, or a variant of the curated model built the same
way the exercise builds it), never typed in: if the model changes, the checks follow it. Where a
question is about a literature statement, the statement and its source are quoted in the
exercise and the check reads the model's verdict on it from `bm.validate`.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import boolmtor as bm
from boolmtor.loops import feedback_loops
from boolmtor.scores import scores

__all__ = ["check", "QUESTIONS", "TOY_TEXT", "RING_TEXT", "feedback_only_variant"]


class AnswerFormatError(ValueError):
    """The answer has the wrong type or shape (the message says what was expected)."""


@dataclass(frozen=True)
class Question:
    """One question: how to compute its expected answer and how to compare an answer with it."""

    key: str
    expected: Callable[[], Any]
    compare: Callable[[Any, Any], bool]
    hint: str
    shape: str  # what an answer looks like, e.g. "a set of node names"


QUESTIONS: dict[str, Question] = {}


def _question(key: str, shape: str, hint: str, compare: Callable[[Any, Any], bool]):
    def register(fn: Callable[[], Any]):
        if key in QUESTIONS:
            raise RuntimeError(f"question {key} defined twice")
        QUESTIONS[key] = Question(key, functools.cache(fn), compare, hint, shape)
        return fn
    return register


def check(key: str, answer: Any) -> bool:
    """Compare `answer` with the expected answer of question `key`; print and return the verdict."""
    if key not in QUESTIONS:
        raise KeyError(f"no question {key!r} (known: {', '.join(QUESTIONS)})")
    q = QUESTIONS[key]
    if answer is None or answer is Ellipsis:
        print(f"not yet: no answer given. Replace None by {q.shape}.")
        return False
    try:
        ok = q.compare(answer, q.expected())
    except AnswerFormatError as exc:
        print(f"not yet: {exc}. Expected {q.shape}.")
        return False
    if ok:
        print(f"correct ({key})")
        return True
    print(f"not yet: {q.hint}")
    return False


# ------------------------------------------------------------------------------ comparators
def _as_int(x: Any) -> int:
    if isinstance(x, bool) or not isinstance(x, int):
        raise AnswerFormatError(f"{x!r} is not a whole number")
    return x


def _as_float(x: Any) -> float:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise AnswerFormatError(f"{x!r} is not a number")
    return float(x)


def _as_bool(x: Any) -> bool:
    if not isinstance(x, bool):
        raise AnswerFormatError(f"{x!r} is not True or False")
    return x


def _as_names(x: Any, normalize: Callable[[str], str] = str.upper) -> frozenset[str]:
    if isinstance(x, str):
        x = [x]
    if not isinstance(x, Iterable) or isinstance(x, Mapping):
        raise AnswerFormatError(f"{x!r} is not a set of names")
    items = list(x)
    if not all(isinstance(i, str) for i in items):
        raise AnswerFormatError(f"{x!r} holds something that is not a name (a string)")
    return frozenset(normalize(i.strip()) for i in items)


def _drug_name(name: str) -> str:
    try:
        return _curated().drug(name).name
    except bm.UnknownNameError:
        return name.lower()


def same_int(answer, expected) -> bool:
    return _as_int(answer) == expected


def same_bool(answer, expected) -> bool:
    return _as_bool(answer) == expected


def close(tol: float) -> Callable[[Any, Any], bool]:
    def compare(answer, expected) -> bool:
        return math.isclose(_as_float(answer), expected, abs_tol=tol)
    return compare


def same_nodes(answer, expected) -> bool:
    return _as_names(answer) == frozenset(expected)


def same_names(answer, expected) -> bool:  # environments, backgrounds: exact spelling
    return _as_names(answer, str) == frozenset(expected)


def same_drugs(answer, expected) -> bool:
    return _as_names(answer, _drug_name) == frozenset(expected)


def same_word(answer, expected) -> bool:
    if not isinstance(answer, str):
        raise AnswerFormatError(f"{answer!r} is not a word (a string)")
    return answer.strip().lower() == str(expected).lower()


def same_mapping(value: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    """Answer and expected are dicts with the same keys (any case); values compared with `value`."""
    def compare(answer, expected) -> bool:
        if not isinstance(answer, Mapping):
            raise AnswerFormatError(f"{answer!r} is not a dict")
        given = {str(k).strip().lower(): v for k, v in answer.items()}
        wanted = {str(k).lower(): v for k, v in expected.items()}
        if set(given) != set(wanted):
            return False
        return all(value(given[k], wanted[k]) for k in wanted)
    return compare


def same_pair(value: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(answer, expected) -> bool:
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            raise AnswerFormatError(f"{answer!r} is not a pair (x, y)")
        return value(answer[0], expected[0]) and value(answer[1], expected[1])
    return compare


# ------------------------------------------------------------------------------ models
TOY_TEXT = """\
# a toggle switch (A and B repress each other) and a reporter C
A, !B
B, !A
C, A
"""

RING_TEXT = """\
# a ring of three nodes with one inhibition: a negative feedback loop
X, !Z
Y, X
Z, Y
"""


@functools.cache
def _curated() -> bm.Model:
    return bm.load_model()


@functools.cache
def _toy() -> bm.Model:
    return bm.Model.from_text(TOY_TEXT, name="toggle")


@functools.cache
def _ring() -> bm.Model:
    return bm.Model.from_text(RING_TEXT, name="ring")


def feedback_only_variant(model: bm.Model) -> bm.Model:
    """The curated model with `PI3K, IRS1`: the S6K -| IRS1 feedback is the only route to PI3K.

    Built here by editing `model.to_bnet()` text, independently of the `with_rule` that
    exercise 08 uses.
    """
    lines = []
    for line in model.to_bnet().splitlines():
        node = line.split(",", 1)[0].strip()
        lines.append("PI3K, IRS1" if node == "PI3K" else line)
    return bm.Model.from_text("\n".join(lines), manifest=model.manifest, name="feedback-only")


@functools.cache
def _variant() -> bm.Model:
    return feedback_only_variant(_curated())


@functools.cache
def _response(drugs: tuple[str, ...], background: str | None = None,
              environment: str = "growth", variant: bool = False) -> bm.Response:
    model = _variant() if variant else _curated()
    return bm.response(model, list(drugs), background=background, environment=environment)


@functools.cache
def _atts(environment, drugs=(), backgrounds=(), knockout=(), weights=False, model=None):
    model = model or _curated()
    env = dict(environment) if isinstance(environment, tuple) else environment
    p = bm.Perturbation(drugs=drugs, backgrounds=backgrounds, knockout=knockout)
    return bm.attractors(model, environment=env, perturbation=p, weights=weights)


def _on(atts, node: str) -> bool:
    return all(a.activity(node) == 1 for a in atts)


# ------------------------------------------------------------------------------ 01 toy
@_question("01.1", "a whole number", "a state gives each node 0 or 1; how many ways for 3 nodes?",
           same_int)
def _():
    return 2 ** len(_toy().nodes)


@_question("01.2", 'a set of strings such as {"000", "111"} (values of A, B, C)',
           "a fixed point is a state whose successor is itself: every rule agrees with its "
           "node's value. Try each of the 8 states.", same_names)
def _():
    return {a.pattern(_toy().nodes) for a in bm.attractors(_toy(), update="fixed-points")}


@_question("01.3", 'a string such as "010" (values of A, B, C)',
           "under synchronous update every node takes its rule's value at once: A' = not B, "
           "B' = not A, C' = A, all computed from 000.", same_word)
def _():
    toy = _toy()
    state = {n: False for n in toy.nodes}
    return "".join(str(int(bool(toy.expr(n).subs(state)))) for n in toy.nodes)


@_question("01.4", "a pair (number of synchronous attractors, number of asynchronous attractors)",
           "compute bm.attractors(toy, update=...) for both schemes and count; the schemes "
           "share the fixed points but not all cycles.", same_pair(same_int))
def _():
    return tuple(len(bm.attractors(_toy(), update=u)) for u in ("synchronous", "asynchronous"))


@_question("01.5", "a set of node names", "look at the synchronous attractor that is not a fixed "
           "point: which nodes change value in it (Attractor.oscillating)?", same_nodes)
def _():
    sync = bm.attractors(_toy(), update="synchronous")
    asyn = {a.pattern(_toy().nodes) for a in bm.attractors(_toy(), update="asynchronous")}
    (extra,) = [a for a in sync if a.pattern(_toy().nodes) not in asyn]
    return extra.oscillating


@_question("01.6", "True or False", "search the ring's fixed points: "
           "bm.attractors(ring, update='fixed-points').", same_bool)
def _():
    return len(bm.attractors(_ring(), update="fixed-points")) > 0


@_question("01.7", "a whole number", "the ring has one asynchronous attractor; read its .size.",
           same_int)
def _():
    (att,) = bm.attractors(_ring(), update="asynchronous")
    return att.size


@_question("01.8", 'a word: "positive" or "negative"', "count the inhibitions (edges with sign "
           "-1) around the loop: an odd number makes the loop negative.", same_word)
def _():
    (loop,) = feedback_loops(_ring())
    return loop.sign


# ------------------------------------------------------------------------------ 02 nutrients
INPUTS = ("GF", "AA", "ENERGY_STRESS", "HYPOXIA")


@_question("02.1", "a set of environment names", "loop over model.environments and keep those "
           "where MTORC1 is 1 in every attractor.", same_names)
def _():
    return {e for e in _curated().environments if _on(_atts(e), "MTORC1")}


@_question("02.2", "a whole number (out of 16)", "loop over itertools.product((0, 1), repeat=4) "
           "and pass each combination as a dict environment={'GF': g, 'AA': a, ...}.", same_int)
def _():
    return sum(_on(_atts(tuple(zip(INPUTS, values))), "MTORC1")
               for values in itertools.product((0, 1), repeat=len(INPUTS)))


@_question("02.3", "a set of node names", "compare the fixed points of the 'hypoxia' and "
           "'energy_stress' environments node by node (leave the inputs out).", same_nodes)
def _():
    hyp, es = _atts("hypoxia"), _atts("energy_stress")
    m = _curated()
    return {n for n in m.nodes if n not in m.inputs and _on(hyp, n) and not _on(es, n)}


@_question("02.4", "True or False", "apply the TSC_loss background in the energy_stress "
           "environment; then read the MTORC1 rule.", same_bool)
def _():
    return _on(_atts("energy_stress", backgrounds=("TSC_loss",)), "MTORC1")


@_question("02.5", "a set of readout names", "compare the phenotype of 'growth' with that of "
           "'amino_acid_starvation'.", same_nodes)
def _():
    a = _atts("amino_acid_starvation")
    return {r for r in _curated().readouts if _on(a, r)}


# ------------------------------------------------------------------------------ 03 rapamycin
RAPA_NODES = ("IRS1", "PI3K", "AKT", "RAS", "ERK", "MTORC1", "S6K")


def _direction(delta: float) -> str:
    return "up" if delta > 1e-9 else "down" if delta < -1e-9 else "same"


@_question("03.1", 'a dict {node: "up" | "down" | "same"} for ' + ", ".join(RAPA_NODES),
           "use r = bm.response(model, 'rapamycin') and r.change(node) for each node.",
           same_mapping(same_word))
def _():
    r = _response(("rapamycin",))
    return {n: _direction(r.change(n)) for n in RAPA_NODES}


@_question("03.2", "a node name", "which node has an edge with sign -1 into IRS1? "
           "Look at model.graph.in_edges('IRS1', data=True).", same_word)
def _():
    g = _curated().graph
    (src,) = [u for u, _, d in g.in_edges("IRS1", data=True) if d["sign"] == -1]
    return src


@_question("03.3", "a pair (AKT score untreated, AKT score under rapamycin)",
           "read r.untreated['AKT'] and r.treated['AKT'] in the growth environment.",
           same_pair(close(0.01)))
def _():
    r = _response(("rapamycin",))
    return (r.untreated["AKT"], r.treated["AKT"])


@_question("03.4", "a set of drug names (from the candidates listed)",
           "for each candidate, bm.response(model, ['rapamycin', candidate]) and compare the "
           "treated ERK score with ERK under rapamycin alone.", same_drugs)
def _():
    alone = _response(("rapamycin",)).treated["ERK"]
    return {_curated().drug(d).name for d in RAPA_PARTNERS
            if _response(("rapamycin", d)).treated["ERK"] < alone}


RAPA_PARTNERS = ("nvp-bez235", "pd0325901", "mk-2206", "torin1", "metformin")


# ------------------------------------------------------------------------------ 04 TORKinibs
@_question("04.1", "a set of node names", "compare model.drug('torin1').targets with "
           "model.drug('rapamycin').targets.", same_nodes)
def _():
    m = _curated()
    return set(m.drug("torin1").targets) - set(m.drug("rapamycin").targets)


@_question("04.2", 'a dict {"rapamycin": AKT score, "torin1": AKT score}',
           "bm.response(model, drug).treated['AKT'] in the growth environment.",
           same_mapping(close(0.01)))
def _():
    return {d: _response((d,)).treated["AKT"] for d in ("rapamycin", "torin1")}


@_question("04.3", "a set of drug names", "apply the MTOR_FRB_mut background: "
           "bm.response(model, drug, background='MTOR_FRB_mut') and read the treated PROLIFERATION.",
           same_drugs)
def _():
    return {d for d in ("rapamycin", "torin1")
            if _response((d,), "MTOR_FRB_mut").treated["PROLIFERATION"] == 0}


@_question("04.4", "a pair (FOXO score under rapamycin, FOXO score under torin1)",
           "FOXO = !AKT_2 & !SGK1: which drug removes both AKT Ser473 and SGK1?",
           same_pair(close(0.01)))
def _():
    return tuple(_response((d,)).treated["FOXO"] for d in ("rapamycin", "torin1"))


@_question("04.5", "True or False", "compare bm.response(model, d).efficacy for both drugs "
           "in the wild type, growth environment.", same_bool)
def _():
    return _response(("torin1",)).efficacy > _response(("rapamycin",)).efficacy


# ------------------------------------------------------------------------------ 05 PTEN
@_question("05.1", "a pair (PROLIFERATION in wild type, PROLIFERATION with PTEN_loss)",
           "attractors in the 'no_growth_factors' environment, without and with "
           "Perturbation(backgrounds=['PTEN_loss']).", same_pair(close(0.01)))
def _():
    wt = scores(_atts("no_growth_factors"), ["PROLIFERATION"])["PROLIFERATION"]
    pt = scores(_atts("no_growth_factors", backgrounds=("PTEN_loss",)),
                ["PROLIFERATION"])["PROLIFERATION"]
    return (wt, pt)


PTEN_PATH = ("RTK", "PI3K", "PIP3", "AKT", "TSC", "MTORC1")


@_question("05.2", "a set of node names (from the candidates listed)", "compare the wild-type "
           "and the PTEN_loss fixed point in 'no_growth_factors', node by node.", same_nodes)
def _():
    (wt,) = _atts("no_growth_factors")
    (pt,) = _atts("no_growth_factors", backgrounds=("PTEN_loss",))
    return {n for n in PTEN_PATH if wt.activity(n) != pt.activity(n)}


@_question("05.3", "a set of background names", "for each background of model.backgrounds, "
           "is PROLIFERATION on in 'no_growth_factors'?", same_names)
def _():
    return {b for b in _curated().backgrounds
            if _on(_atts("no_growth_factors", backgrounds=(b,)), "PROLIFERATION")}


@_question("05.4", 'a word: "sensitizing", "resistance" or "neutral"',
           "bm.predict_markers(model, 'rapamycin') and find PTEN_loss.", same_word)
def _():
    return _marker("rapamycin", "PTEN_loss").effect


@_question("05.5", "an environment name", "look at the marker's .independent_in: where does "
           "the PTEN-null tumour grow while the wild type does not?", same_word)
def _():
    (env,) = _marker("rapamycin", "PTEN_loss").independent_in
    return env


@_question("05.6", "a set of drug class names", "in the explorer: growth, tick PTEN_loss, "
           "read the starred rows of 'Drug classes for this background' (or use "
           "bm.compare_drugs(model, backgrounds=['PTEN_loss'], environments=['growth'])).",
           same_names)
def _():
    from boolmtor.response import leaders
    table = bm.compare_drugs(_curated(), backgrounds=["PTEN_loss"], environments=["growth"])
    rows = table[table.background == "PTEN_loss"]
    return set(leaders(dict(zip(rows.drug_class, rows.efficacy))))


@functools.cache
def _markers(drug: str):
    return bm.predict_markers(_curated(), drug)


def _marker(drug: str, background: str):
    (m,) = [m for m in _markers(drug) if m.alteration == background]
    return m


# ------------------------------------------------------------------------------ 06 BCL2
def _deltas(drug, background=None):
    r = _response((drug,), background)
    return {"PROLIFERATION": r.delta["PROLIFERATION"], "APOPTOSIS": r.delta["APOPTOSIS"]}


@_question("06.1", 'a dict {"PROLIFERATION": delta, "APOPTOSIS": delta}',
           "r = bm.response(model, 'rapamycin'); read r.delta.", same_mapping(close(0.01)))
def _():
    return _deltas("rapamycin")


@_question("06.2", 'a dict {"PROLIFERATION": delta, "APOPTOSIS": delta}',
           "the same with 'torin1' (wild type, growth).", same_mapping(close(0.01)))
def _():
    return _deltas("torin1")


def _kind(d: Mapping[str, float]) -> str:
    if d["APOPTOSIS"] > 0:
        return "cytotoxic"
    if d["PROLIFERATION"] < 0:
        return "cytostatic"
    return "none"


KIND_CASES = {"rapamycin": ("rapamycin", None), "torin1": ("torin1", None),
              "torin1 + BCL2_OE": ("torin1", "BCL2_OE")}


@_question("06.3", 'a dict {"rapamycin": word, "torin1": word, "torin1 + BCL2_OE": word}, each '
           'word "cytostatic", "cytotoxic" or "none"', "apply the definitions in the text to "
           "06.1, 06.2 and to bm.response(model, 'torin1', background='BCL2_OE').delta.",
           same_mapping(same_word))
def _():
    return {k: _kind(_deltas(d, b)) for k, (d, b) in KIND_CASES.items()}


@_question("06.4", "a node name", "which node of the model reads EIF4E and feeds APOPTOSIS? "
           "Look at model.rules or model.graph.", same_word)
def _():
    g = _curated().graph
    (node,) = [n for n in g.successors("EIF4E") if g.has_edge(n, "APOPTOSIS")]
    return node


def same_effect_and_score(answer, expected) -> bool:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise AnswerFormatError(f"{answer!r} is not a pair (effect, score)")
    return same_word(answer[0], expected[0]) and close(0.01)(answer[1], expected[1])


@_question("06.5", 'a pair (effect word, score), e.g. ("neutral", 0.0)',
           "bm.predict_markers(model, 'torin1'): find BCL2_OE.", same_effect_and_score)
def _():
    m = _marker("torin1", "BCL2_OE")
    return (m.effect, m.score)


@_question("06.6", "True or False", "bm.validate(model) and look for the expectation "
           "'rapalog-cytostatic': is its status 'pass'?", same_bool)
def _():
    (r,) = [r for r in _validation(False).results if r.expectation.id == "rapalog-cytostatic"]
    return r.status == "pass"


@functools.cache
def _validation(variant: bool):
    return bm.validate(_variant() if variant else _curated())


# ------------------------------------------------------------------------------ 07 combinations
COMBO_DRUGS = ("rapamycin", "torin1", "nvp-bez235", "mk-2206", "pd0325901")


@functools.cache
def _combos(background: str | None):
    return bm.combinations(_curated(), list(COMBO_DRUGS), background=background,
                           environments=["growth"])


@_question("07.1", "a set of drug names", "bm.response(model, drug).kind for each drug "
           "(growth, wild type); which say 'cytotoxic'?", same_drugs)
def _():
    return {d for d in COMBO_DRUGS if _response((d,)).kind == "cytotoxic"}


@_question("07.2", "a whole number", "bm.combinations(model, drugs, environments=['growth']) and "
           "count the rows with excess_over_best_single > 0.", same_int)
def _():
    return int((_combos(None)["excess_over_best_single"] > 1e-9).sum())


@_question("07.3", "a set of two drug names", "the same table with background='CCND1_OE'; "
           "take the row with the largest excess_over_best_single.", same_drugs)
def _():
    df = _combos("CCND1_OE")
    row = df.loc[df["excess_over_best_single"].idxmax()]
    return {row["drug_a"], row["drug_b"]}


COMBO_CONDITIONS = {"everolimus": ("everolimus",), "mk-2206": ("mk-2206",),
                    "both": ("everolimus", "mk-2206")}


@_question("07.4", 'a dict {"everolimus": (AKT, MTORC1), "mk-2206": (AKT, MTORC1), '
           '"both": (AKT, MTORC1)} of treated scores', "bm.response(model, drugs) for each of "
           "the three treatments; read r.treated['AKT'] and r.treated['MTORC1'].",
           same_mapping(same_pair(close(0.01))))
def _():
    return {k: (_response(d).treated["AKT"], _response(d).treated["MTORC1"])
            for k, d in COMBO_CONDITIONS.items()}


# ------------------------------------------------------------------------------ 08 edit a rule
@_question("08.1", "a rule as text", "model.rules['PI3K'] gives the rule of PI3K.",
           lambda a, e: _same_rule(a, e))
def _():
    return _curated().rules["PI3K"]


def _same_rule(answer, expected) -> bool:
    """Same truth table over the nodes the expected rule reads."""
    if not isinstance(answer, str):
        raise AnswerFormatError(f"{answer!r} is not a rule (a string such as 'A | B')")
    names = sorted(str(s) for s in _curated().expr("PI3K").free_symbols)
    free = "".join(f"{n}, {n}\n" for n in names)
    ref = bm.Model.from_text(f"PI3K, {expected}\n{free}")
    try:
        given = bm.Model.from_text(f"PI3K, {answer}\n{free}", strict=True)
    except bm.BoolmtorError:
        return False
    if {str(s) for s in given.expr("PI3K").free_symbols} - set(names):
        return False  # reads a node the curated rule does not read
    states = (dict(zip(names, v)) for v in itertools.product((False, True), repeat=len(names)))
    return all(bool(given.expr("PI3K").subs(s)) == bool(ref.expr("PI3K").subs(s)) for s in states)


@_question("08.2", "True or False", "bm.attractors(variant, environment='growth'): is the "
           "attractor a fixed point (Attractor.is_fixed_point)?", same_bool)
def _():
    return all(a.is_fixed_point for a in _atts("growth", model=_variant()))


@_question("08.3", "a pair (AKT score untreated, AKT score under rapamycin), in the variant",
           "bm.response(variant, 'rapamycin'): r.untreated['AKT'], r.treated['AKT'].",
           same_pair(close(0.02)))
def _():
    r = _response(("rapamycin",), variant=True)
    return (r.untreated["AKT"], r.treated["AKT"])


@_question("08.4", "a number: the change of AKT under rapamycin in the curated model minus "
           "the change in the variant", "r.change('AKT') in each model, then subtract.",
           close(0.02))
def _():
    return (_response(("rapamycin",)).change("AKT")
            - _response(("rapamycin",), variant=True).change("AKT"))


@_question("08.5", "a set of expectation ids", "v = bm.validate(variant); keep the ids "
           "(r.expectation.id) of the results whose r.status == 'fail'.", same_names)
def _():
    return {r.expectation.id for r in _validation(True).results if r.status == "fail"}


# ------------------------------------------------------------------------------ 09 capstone
@_question("09.1", "a set of background names", "predict_markers for 'torin1' and for "
           "'rapamycin'; keep backgrounds whose effect is 'resistance' for torin1 only.",
           same_names)
def _():
    res = {d: {m.alteration for m in _markers(d) if m.effect == "resistance"}
           for d in ("torin1", "rapamycin")}
    return res["torin1"] - res["rapamycin"]


FEEDBACK_NODES = ("FOXO", "RTK", "IRS1", "PI3K", "PIP3", "AKT", "ERK")


@_question("09.2", "a set of node names (from the candidates listed)",
           "r = bm.response(model, 'torin1'); keep the nodes with r.change(node) > 0.",
           same_nodes)
def _():
    r = _response(("torin1",))
    return {n for n in FEEDBACK_NODES if r.change(n) > 1e-9}


def _valid_loop(answer, wanted) -> bool:
    """A feedback loop of the curated model through every node of `wanted` (any rotation)."""
    if isinstance(answer, str) or not isinstance(answer, (list, tuple)):
        raise AnswerFormatError(f"{answer!r} is not a list of node names in loop order")
    names = [str(n).strip().upper() for n in answer]
    if len(names) > 1 and names[0] == names[-1]:
        names = names[:-1]  # "A → B → A" written out with the start repeated
    if not names or len(set(names)) != len(names) or not set(wanted) <= set(names):
        return False
    g = _curated().graph
    return all(g.has_edge(u, v) for u, v in zip(names, names[1:] + names[:1]))


LOOP_NODES = ("AKT_2", "FOXO", "RTK_2")


@_question("09.3", "a list of node names in loop order, e.g. ['FOXO', 'RTK_2', ...]",
           "feedback_loops(model) lists every loop; pick one through AKT_2, FOXO and RTK_2 "
           "(and not through S6K) and check each edge exists in model.graph.", _valid_loop)
def _():
    return LOOP_NODES


@_question("09.4", 'a word: "positive" or "negative"', "count the inhibitions around your "
           "loop (model.graph.edges[u, v]['sign'] == -1).", same_word)
def _():
    signs = {l.sign for l in feedback_loops(_curated())
             if set(LOOP_NODES) <= set(l.nodes) and "S6K" not in l.nodes}
    (sign,) = signs  # every such loop (not also through the S6K -| IRS1 edge) has one sign
    return sign


# ------------------------------------------------------------------------------ 10 control
@functools.cache
def _control(goal: tuple, background: str | None, using: str = "drugs", max_size: int = 1):
    return bm.control(_curated(), dict(goal), background=background, using=using,
                      max_size=max_size)


def _classes_of(result) -> set[str]:
    return {_curated().drug(d).drug_class for s in result for d in s.elements}


@_question("10.1", "a set of drug class names", "bm.control(model, {'PROLIFERATION': 0}, "
           "background='PTEN_loss', max_size=1); map each drug to model.drug(d).drug_class.",
           same_names)
def _():
    return _classes_of(_control((("PROLIFERATION", 0),), "PTEN_loss"))


@_question("10.2", "a set of drug class names", "the classes of single-drug sets in the wild "
           "type (background=None) minus those with background='MTOR_FRB_mut'.", same_names)
def _():
    return (_classes_of(_control((("PROLIFERATION", 0),), None))
            - _classes_of(_control((("PROLIFERATION", 0),), "MTOR_FRB_mut")))


@_question("10.3", "a set of node names", "bm.control(model, {'APOPTOSIS': 1}, "
           "background='BCL2_OE', using='nodes', max_size=3): which node does every set "
           "alter? (s.perturbation.knockout and .overexpress)", same_nodes)
def _():
    sets = _control((("APOPTOSIS", 1),), "BCL2_OE", "nodes", 3)
    nodes = [set(s.perturbation.knockout) | set(s.perturbation.overexpress) for s in sets]
    return set.intersection(*nodes) if nodes else set()


@_question("10.4", "a set of drug class names", "bm.control(model, {'PROLIFERATION': 0}, "
           "background='CCND1_OE', max_size=2); keep the sets holding 'mk-2206' and take the "
           "class of the other drug.", same_names)
def _():
    sets = _control((("PROLIFERATION", 0),), "CCND1_OE", "drugs", 2)
    return {_curated().drug(d).drug_class for s in sets if "mk-2206" in s.elements
            for d in s.elements if d != "mk-2206"}
