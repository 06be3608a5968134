"""`bm.control`: minimal intervention sets equal a brute-force enumeration over state graphs;
blocked binding sites, several tumours, robust checks, the CLI and bad input."""

from __future__ import annotations

import itertools
import json

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import boolmtor as bm
from boolmtor.cli import main
from boolmtor.manifest import load_manifest

import bruteforce as bf
from strategies import network_specs, spec_to_bnet
from toys import BASE_TOML, TOGGLE

SMALL = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# The toggle of tests/toys.py, plus a binding-site mutation that blocks the X inhibitor.
TOGGLE_TOML = BASE_TOML + """\
[drugs.kin]
class = "kinase_inhibitor"
targets = { K = 0 }
[drugs.yact]
class = "y_activator"
targets = { Y = 1 }
[drugs.xinh]
class = "x_inhibitor"
site = "S"
targets = { X = 0 }
[backgrounds.S_mut]
alterations = {}
blocks_sites = ["S"]
[backgrounds.Y_loss]
alterations = { Y = 0 }
"""


@pytest.fixture(scope="module")
def toggle() -> bm.Model:
    return bm.Model.from_text(TOGGLE, manifest=load_manifest(TOGGLE_TOML, "toggle.toml"))


# ---------------------------------------------------------------------------- brute force
def brute_works(untreated: bm.Model, treated: bm.Model, goal: dict, start: str,
                base: list[int] | None = None) -> bool:
    """Every attractor of the treated state graph reachable from the untreated attractors
    (fixed nodes forced), or every attractor (start="global"), holds the goal constantly.

    `base`: the targets of the unperturbed network (`bf.targets`), to build graphs faster:
    a fixed node's target is its value.
    """
    nodes = treated.nodes
    ones = sum(1 << j for j, n in enumerate(nodes) if treated.fixed.get(n) == 1)
    zeros = sum(1 << j for j, n in enumerate(nodes) if treated.fixed.get(n) == 0)
    if base is None:
        g = bf.state_graph(treated, "asynchronous")
    else:
        g = bf.graph_of([(t | ones) & ~zeros for t in base], len(nodes), "asynchronous")
    comps = [frozenset(c) for c in nx.attracting_components(g)]
    if start == "untreated":
        starts = {(s | ones) & ~zeros
                  for c in bf.attractor_sets(untreated, "asynchronous") for s in c}
        reach = set(starts).union(*(nx.descendants(g, s) for s in starts))
        comps = [c for c in comps if c & reach]
    return all(all((s >> nodes.index(n)) & 1 == v for s in c)
               for c in comps for n, v in goal.items())


def brute_minimal(model, goal, environment, elements, max_size, start, backgrounds=()):
    """Labels of every set of `elements` ((label, Perturbation)) that works while none of its
    proper subsets does, by testing every set up to `max_size` on state graphs."""
    base = bm.Perturbation(backgrounds=backgrounds)
    untreated = model.perturb(base, environment=environment)
    targets = bf.targets(model)
    works = {}
    for size in range(max_size + 1):
        for combo in itertools.combinations(elements, size):
            p = sum((e[1] for e in combo), base)
            try:
                treated = model.perturb(p, environment=environment)
            except bm.BoolmtorError:
                continue
            works[frozenset(e[0] for e in combo)] = brute_works(untreated, treated, goal, start,
                                                                targets)
    return {s for s, ok in works.items()
            if ok and not any(works.get(t) for t in works if t < s)}


def node_elements(model, goal, nodes=None):
    chosen = nodes or [n for n in model.nodes if n not in model.inputs and n not in goal]
    return [e for n in chosen for e in ((f"{n} KO", bm.Perturbation(knockout=[n])),
                                        (f"{n} OE", bm.Perturbation(overexpress=[n])))]


@st.composite
def control_problems(draw):
    """A random network of 2..7 nodes, its inputs fixed, and a goal on one non-input node."""
    names, spec = draw(network_specs(min_nodes=2, max_nodes=7))
    model = bm.Model.from_text(spec_to_bnet(names, spec))
    free = [n for n in model.nodes if n not in model.inputs]
    if not free:
        free = [model.nodes[0]]
        model = bm.Model.from_text(spec_to_bnet(names, {**spec, free[0]: ("not", ("var",
                                                                                  free[0]))}))
    env = {n: draw(st.sampled_from((0, 1))) for n in model.inputs}
    goal = {draw(st.sampled_from(free)): draw(st.sampled_from((0, 1)))}
    return model, env, goal


@SMALL
@given(control_problems(), st.sampled_from(("untreated", "global")), st.integers(1, 2))
def test_minimal_node_sets_equal_brute_force(problem, start, max_size):
    """Every minimal knockout/overexpression set equals the brute-force enumeration."""
    model, env, goal = problem
    note(model.to_bnet() + f"env={env} goal={goal}")
    found = bm.control(model, goal, environment=env or None, using="nodes",
                       max_size=max_size, start=start, method="enumerate")
    expected = brute_minimal(model, goal, env or None, node_elements(model, goal), max_size,
                             start)
    assert {frozenset(s.elements) for s in found} == expected
    if start == "global":  # AEON's symbolic control gives the same sets
        symbolic = bm.control(model, goal, environment=env or None, using="nodes",
                              max_size=max_size, start=start, method="aeon")
        assert {frozenset(s.elements) for s in symbolic} == expected


@SMALL
@given(control_problems())
def test_goal_class_equals_brute_force(problem):
    """The reachability test of `goal_class` (all / none / some attractors hold the goal)
    equals the attractors of the state graph."""
    from boolmtor.control import goal_class
    model, env, goal = problem
    fixed = model.perturb(environment=env or None)
    (node, value), = goal.items()
    i = fixed.nodes.index(node)
    good = [all((s >> i) & 1 == value for s in a)
            for a in bf.attractor_sets(fixed, "asynchronous")]
    expected = "all" if all(good) else "none" if not any(good) else "mixed"
    assert goal_class(fixed.to_bnet(), goal) == expected


def test_elements_downstream_of_the_goal_are_skipped():
    """A node the goal does not depend on is never tried: the sets are those found with it."""
    m = bm.Model.from_text("A, A\nB, A & !C\nC, !B\nOUT, B\nD, OUT & !C\n")
    r = bm.control(m, {"OUT": 0}, environment={"A": 1}, using="nodes", max_size=2)
    assert [s.label for s in r] == ["B KO", "C OE"] and r.stats["skipped_elements"] == 2
    expected = brute_minimal(m, {"OUT": 0}, {"A": 1}, node_elements(m, {"OUT": 0}), 2,
                             "untreated")
    assert {frozenset(s.elements) for s in r} == expected


def test_timeout_kills_aeon_control():
    """AEON's symbolic control does not poll Python signals: it runs in a child process that
    `timeout=` kills, with a one-line error (grieco_mapk takes minutes)."""
    import time

    from pyboolnet.repository import get_bnet

    from boolmtor._children import descendants
    m = bm.Model.from_text(get_bnet("grieco_mapk"))
    env = {n: int(n == "EGFR_stimulus") for n in m.inputs}
    t = time.perf_counter()
    with pytest.raises(bm.TimeoutExceeded) as err:
        bm.control(m, {"Proliferation": 0}, environment=env, using="nodes", max_size=1,
                   start="global", method="aeon", timeout=2)
    assert time.perf_counter() - t < 60 and not descendants()
    assert "control stopped at its timeout of 2 s" in str(err.value)
    assert "\n" not in str(err.value)


def test_in_child_returns_and_raises():
    """`in_child` gives back the child's result, or raises its error."""
    from boolmtor._children import in_child
    assert in_child(divmod, 7, 2) == (3, 1)
    with pytest.raises(ZeroDivisionError):
        in_child(divmod, 1, 0)


def brute_minimal_trap_spaces_works(treated: bm.Model, goal: dict) -> bool:
    return all(all(space.get(n) == v for n, v in goal.items())
               for space in bf.minimal_trap_spaces(treated))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(control_problems())
def test_most_permissive_sets_equal_brute_force_trap_spaces(problem):
    """update="most-permissive": every minimal trap space (all 3^n subspaces checked) holds
    the goal, for exactly the minimal sets found."""
    model, env, goal = problem
    note(model.to_bnet() + f"env={env} goal={goal}")
    found = bm.control(model, goal, environment=env or None, using="nodes", max_size=1,
                       start="global", update="most-permissive")
    works = {}
    for label, p in [("", bm.Perturbation()), *node_elements(model, goal)]:
        works[label] = brute_minimal_trap_spaces_works(model.perturb(p, environment=env or None),
                                                       goal)
    expected = ({frozenset()} if works[""] else
                {frozenset([k]) for k, ok in works.items() if ok and k})
    assert {frozenset(s.elements) for s in found} == expected


def test_ten_node_network_equals_brute_force():
    """A 10-node network with a toggle, a cycle and a cascade: the size-2 minimal sets over
    five of its nodes, from the untreated attractors."""
    text = ("I, I\nA, I & !B\nB, !A\nC, A | D\nD, !C & B\nE, C & !F\nF, E | B\n"
            "G, E & D\nH, !G | A\nOUT, H & !F\n")
    model = bm.Model.from_text(text)
    nodes = ["A", "C", "F", "G", "H"]
    for start in ("untreated",):
        found = bm.control(model, {"OUT": 1}, environment={"I": 1}, using="nodes",
                           nodes=nodes, max_size=2, start=start)
        expected = brute_minimal(model, {"OUT": 1}, {"I": 1},
                                 node_elements(model, {"OUT": 1}, nodes), 2, start)
        assert expected and {frozenset(s.elements) for s in found} == expected


def test_sets_are_minimal_and_ranked(toggle):
    """No set contains another; sizes never decrease down the list."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, using="nodes", max_size=2)
    sets = [frozenset(s.elements) for s in r]
    assert sets and not any(a < b for a in sets for b in sets)
    assert [s.size for s in r] == sorted(s.size for s in r)


# ---------------------------------------------------------------------------- drugs
def drug_elements(model):
    return [(d, bm.Perturbation(drugs=[d])) for d in model.drugs]


def test_drug_sets_follow_the_start(toggle):
    """A proliferating toggle needs X inhibited, or K inhibited and Y activated together."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, using="drugs", max_size=2)
    assert {s.elements for s in r} == {("xinh",), ("kin", "yact")}
    assert r.sets[0].elements == ("xinh",)
    assert [dict(p) for p in r.sets[0].phenotypes] == [{"PROLIFERATION": 0, "APOPTOSIS": 0}]
    for start in ("untreated", "global"):
        expected = brute_minimal(toggle, {"PROLIFERATION": 0}, "growth",
                                 drug_elements(toggle), 2, start)
        found = bm.control(toggle, {"PROLIFERATION": 0}, using="drugs", max_size=2,
                           start=start)
        assert {frozenset(s.elements) for s in found} == expected


def test_blocked_binding_site_removes_the_drug(toggle):
    """With its binding site mutated, the X inhibitor controls nothing, as in `response`."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, background="S_mut", using="drugs",
                   max_size=2)
    assert {s.elements for s in r} == {("kin", "yact")}
    assert bm.response(toggle, "xinh", background="S_mut").treated["PROLIFERATION"] == 1.0
    assert brute_minimal(toggle, {"PROLIFERATION": 0}, "growth", drug_elements(toggle), 2,
                         "untreated", ("S_mut",)) == {frozenset({"kin", "yact"})}


def test_several_tumours_report_the_share(toggle):
    """backgrounds=: sets minimal in any tumour or in all; share = tumours where it works."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, using="drugs", max_size=2,
                   backgrounds=[[], "S_mut", "Y_loss"])
    by = {s.elements: s for s in r}
    assert r.tumours == ("wild type", "S_mut", "Y_loss")
    # the X inhibitor is blocked in S_mut; activating Y overrides its loss (drugs act after
    # backgrounds), so kin + yact works everywhere
    assert by[("xinh",)].works_in == ("wild type", "Y_loss")
    assert by[("xinh",)].share == pytest.approx(2 / 3)
    assert by[("kin", "yact")].works_in == r.tumours
    assert r.in_all == (by[("kin", "yact")],)
    untreated = {b: toggle.perturb(bm.Perturbation(backgrounds=b), environment="growth")
                 for b in ((), ("S_mut",), ("Y_loss",))}
    for s in r:
        works = [brute_works(u, toggle.perturb(bm.Perturbation(backgrounds=b) + s.perturbation,
                                               environment="growth"),
                             {"PROLIFERATION": 0}, "untreated") for b, u in untreated.items()]
        assert s.share == pytest.approx(sum(works) / 3)
    assert ("kin", "xinh") not in by  # works where xinh alone does: minimal nowhere


def test_untreated_goal_needs_no_intervention(toggle):
    """A tumour that already meets the goal: the empty set, with a sentence."""
    r = bm.control(toggle, {"PROLIFERATION": 1}, using="drugs")
    assert [s.elements for s in r] == [()] and "already meets" in r.note


def test_unreachable_goal_is_an_empty_result(toggle):
    """Nothing within max_size: an empty result with a sentence, not an error."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, background="S_mut", using="drugs",
                   max_size=1)
    assert len(r) == 0 and "No set of at most 1" in r.note and "No set" in str(r)


def test_robust_checks_each_set(toggle):
    """robust=True: most-permissive, stochastic and variant checks per set."""
    r = bm.control(toggle, {"PROLIFERATION": 0}, using="drugs", max_size=2, robust=True)
    for s in r:
        assert s.most_permissive is True and s.variants == 1.0
        assert s.stochastic == pytest.approx(1.0, abs=0.02)
    with_alt = bm.Model.from_text(TOGGLE.replace("K, GF", "# alt: 0\nK, GF"),
                                  manifest=toggle.manifest)
    r = bm.control(with_alt, {"PROLIFERATION": 0}, using="drugs", max_size=2, robust=True)
    # with K always off (the alternative), Y activation alone works: kin+yact works in both
    assert {s.elements: s.variants for s in r}[("kin", "yact")] == 1.0


def test_result_serializes(toggle):
    r = bm.control(toggle, {"PROLIFERATION": 0}, using="drugs", max_size=2)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["goal"] == {"PROLIFERATION": 0} and len(d["sets"]) == 2
    assert list(r.table()["set"]) == ["xinh", "kin + yact"]
    assert d["sets"][1]["classes"] == ["kinase_inhibitor", "y_activator"]
    assert "kinase_inhibitor + y_activator" in str(r)
    assert "xinh" in str(r) and "PROLIFERATION=0 APOPTOSIS=0" in str(r)


# ---------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("kwargs, message", [
    (dict(goal={"NOPE": 0}), "unknown node 'NOPE'"),
    (dict(goal={"X": 2}), "goal value of X must be one of its levels 0..1 (got 2)"),
    (dict(goal={}), "goal must be a non-empty dict"),
    (dict(goal={"GF": 0}), "goal GF=0 is impossible"),
    (dict(goal={"X": 0}, max_size=0), "max_size must be an integer >= 1 (got 0)"),
    (dict(goal={"X": 0}, using="genes"), "using must be in {drugs, nodes} (got 'genes')"),
    (dict(goal={"X": 0}, background="NOPE"), "unknown background 'NOPE'"),
    (dict(goal={"X": 0}, update="synchronous"), "start='untreated' needs"),
    (dict(goal={"X": 0}, method="aeon"), "method='aeon' needs"),
])
def test_bad_input_is_one_clear_error(toggle, kwargs, message):
    with pytest.raises(bm.BoolmtorError) as err:
        bm.control(toggle, **kwargs)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_cli_table_json_and_errors(toggle, tmp_path, capsys):
    folder = tmp_path / "toggle"
    folder.mkdir()
    (folder / "rules.bnet").write_text(TOGGLE)
    (folder / "model.toml").write_text(TOGGLE_TOML)
    assert main(["control", str(folder), "--goal", "PROLIFERATION=0", "--max-size", "2"]) == 0
    out = capsys.readouterr().out
    assert "xinh" in out and "kin + yact" in out
    assert main(["control", str(folder), "--goal", "PROLIFERATION=0", "--background", "S_mut",
                 "--using", "drugs", "--max-size", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["elements"] for s in data["sets"]] == [["kin", "yact"]]
    for argv, message in ((["--goal", "NOPE=0"], "unknown node 'NOPE'"),
                          (["--goal", "PROLIFERATION=0", "--max-size", "0"], "max_size"),
                          (["--goal", "PROLIFERATION"], "expected NODE=VALUE")):
        try:
            code = main(["control", str(folder), *argv])
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code
        err = capsys.readouterr().err
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1


# ---------------------------------------------------------------------------- curated model
@pytest.fixture(scope="module")
def curated() -> bm.Model:
    return bm.load_model()


def test_curated_node_sets_equal_a_filtered_screen(curated):
    """Sets of size <= 2 equal the minimal rows of `bm.screen(order=2)` with PROLIFERATION 0
    in every attractor (start="global", the screen's view)."""
    nodes = [n for n in curated.nodes if n not in curated.inputs and n != "PROLIFERATION"
             and n not in curated.higher_levels]
    table = bm.screen(curated, order=2, nodes=nodes, backgrounds=["PTEN_loss"],
                      environments=["growth"], progress=False)
    rows = table[(table.background == "PTEN_loss") & (table.PROLIFERATION == 0.0)]
    working = {frozenset([f"{n} KO" for n in r.knockout.split(";") if n]
                         + [f"{n} OE" for n in r.overexpress.split(";") if n])
               for r in rows.itertuples()}
    expected = {s for s in working if not any(t < s for t in working)}
    found = bm.control(curated, {"PROLIFERATION": 0}, background="PTEN_loss", using="nodes",
                       max_size=2, start="global")
    assert {frozenset(s.elements) for s in found} == expected


def test_curated_frb_mutation_blocks_every_rapalog(curated):
    """An FRB-domain mutation stops rapalogs binding mTOR (003_09bcf4bceecbc197.txt:
    "rapamycin binds to FKBP12, which then interacts with the FRB domain of mTORC1"): no
    rapalog is part of a control set, while an ATP-site torkinib still is (003: "bind
    competitively and reversibly to the mTOR-ATP binding pocket")."""
    r = bm.control(curated, {"PROLIFERATION": 0}, background="MTOR_FRB_mut", using="drugs",
                   max_size=1)
    classes = {curated.drug(e).drug_class for s in r for e in s.elements}
    assert "rapalog" not in classes and "torkinib" in classes


def test_curated_bcl2_overexpression_resists_mtor_inhibitors_alone(curated):
    """Bcl2 overexpression predicts resistance to mTOR inhibitors (003_09bcf4bceecbc197.txt:
    "Overexpression of antiapoptotic proteins such as Bcl2 may also serve as viable
    predictors of resistance to mTOR inhibitors"): no rapalog alone makes apoptosis certain."""
    r = bm.control(curated, {"APOPTOSIS": 1}, background="BCL2_OE", using="drugs",
                   max_size=1)
    assert not any(curated.drug(e).drug_class == "rapalog" for s in r for e in s.elements)


def test_control_report_section(toggle, tmp_path):
    """The report section lists, per background and goal, the minimal sets by drug class."""
    from boolmtor.reporting.report import control_report

    rep = control_report(toggle)
    rep.write(tmp_path / "control")
    md = (tmp_path / "control" / "report.md").read_text()
    assert "Which interventions control each tumour background" in md
    assert "| wild type | 1 | x_inhibitor (1); kinase_inhibitor + y_activator (1) |" in md
    assert "| S_mut | 2 | kinase_inhibitor + y_activator (1) |" in md


def test_goal_levels_of_a_graded_node():
    """On a graded readout, goal 0 is level 0 and goal k is "at least level k"; a level above
    the node's maximum is refused. Toy: P has levels 0..2, P = S (level 1), P_2 = P & T."""
    from boolmtor.manifest import Manifest
    text = "S, S\nT, T\nP, S\nP_2, P & T\n"
    m = bm.Model.from_text(text, manifest=Manifest(levels={"P": 2}, readouts=("P",)))
    env = {"S": 1, "T": 1}
    at_least_2 = bm.control(m, {"P": 2}, environment=env, using="nodes", max_size=1)
    assert at_least_2.sets and not at_least_2.sets[0].elements  # already at level 2
    assert dict(at_least_2.goal) == {"P": 2} and "Control of P=2" in str(at_least_2)
    off = bm.control(m, {"P": 0}, environment=env, using="nodes", max_size=1)
    assert off.sets == ()  # only inputs drive P, and inputs are not intervened on
    with pytest.raises(bm.BoolmtorError, match="levels 0..2"):
        bm.control(m, {"P": 3}, environment=env, using="nodes")
