"""Multi-level nodes: levels declared in the manifest, level-aware results, perturbations,
validation, lint, screens, exports and plots, checked on hand-made networks and against brute
force over the whole state space.

The graded network `GRADED` (levels AKT = 2, PROLIFERATION = 2)::

    GF, GF                      AKT_2, AKT & GF & AA
    AA, AA                      PROLIFERATION, AKT | PROLIFERATION_2
    AKT, GF | AKT_2             PROLIFERATION_2, PROLIFERATION & AKT_2

Worked answers (each condition has one fixed point):

- growth (GF=1, AA=1): AKT=1, AKT_2=1 -> PROLIFERATION=1, PROLIFERATION_2=1: levels 2 and 2,
  scores 1.0.
- no_aa (GF=1, AA=0): AKT=1 (GF) but AKT_2=0 (AA=0) -> PROLIFERATION=1 (AKT), _2=0
  (AKT_2=0): levels 1 and 1, scores 0.5.
- no_gf (GF=0, AA=1): AKT_2 needs GF -> 0, then AKT -> 0, PROLIFERATION -> 0: levels 0.
- drug `full` {AKT = 0} in growth: AKT and AKT_2 0 -> PROLIFERATION level 0.
- drug `partial` {AKT_2 = 0} in growth: AKT stays 1 (GF) -> AKT level 1 -> PROLIFERATION 1.
- background `AKT_active` {AKT = 1} in no_gf: AKT, AKT_2 = 1 -> PROLIFERATION level 2;
  with drug `partial` on top (drugs override backgrounds): AKT_2 = 0 -> level 1.
- background `AKT_2_on` {AKT_2 = 1} in no_gf: AKT = GF | AKT_2 = 1 -> AKT level 2,
  PROLIFERATION level 2.

The oscillating network `OSC` (levels A = 2)::

    S, S        A, S | A_2        A_2, A & S & !N        N, A_2

With S=1, A stays 1 and (A_2, N) cycles 00 -> 10 -> 11 -> 01 -> 00 under both asynchronous
and synchronous update: 4 states with A at levels 1, 2, 2, 1, so A's level is "osc" and its
score (1/2 + 1 + 1 + 1/2) / 4 = 0.75 (= mean of A's activity 1 and A_2's activity 0.5). The
most-permissive attractor is the trap space {S=1, A=1} with A_2 and N free (activity 0.5 each
by convention): score 0.75 too. With S=0 everything decays to the fixed point A level 0.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import cmaboss
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from sympy.logic.boolalg import Xor
from sympy.logic.inference import satisfiable

import boolmtor as bm
from boolmtor.cli import main
from boolmtor.manifest import Manifest
from boolmtor.types import FrozenMap

import bruteforce as bf
from strategies import render, trees
from test_exchange import maboss_rules

GRADED = """\
GF, GF
AA, AA
AKT, GF | AKT_2
AKT_2, AKT & GF & AA
PROLIFERATION, AKT | PROLIFERATION_2
PROLIFERATION_2, PROLIFERATION & AKT_2
"""

MANIFEST = """\
[model]
name = "graded"
readouts = ["PROLIFERATION"]

[levels]
AKT = 2
PROLIFERATION = 2

[environments.growth]
inputs = { GF = 1, AA = 1 }
[environments.no_aa]
inputs = { GF = 1, AA = 0 }
[environments.no_gf]
inputs = { GF = 0, AA = 1 }

[drugs.full]
class = "akt_inhibitor"
targets = { AKT = 0 }
[drugs.partial]
class = "akt_inhibitor"
targets = { AKT_2 = 0 }

[backgrounds.AKT_active]
alterations = { AKT = 1 }
[backgrounds.AKT_2_on]
alterations = { AKT_2 = 1 }
"""

EXPECTATIONS = """
[[expectations]]
id = "growth-top"
environment = "growth"
expect = { PROLIFERATION = 2, AKT = "on" }

[[expectations]]
id = "no-aa-middle"
environment = "no_aa"
expect = { PROLIFERATION = 1, AKT = "on", GF = 1 }

[[expectations]]
id = "no-gf-off"
environment = "no_gf"
expect = { PROLIFERATION = "off", AKT = 0 }

[[expectations]]
id = "partial-lowers"
environment = "growth"
drugs = ["partial"]
compare_to = { drugs = [] }
expect = { PROLIFERATION = "down", AKT = "down" }

[[expectations]]
id = "no-aa-not-top"
environment = "no_aa"
expect = { PROLIFERATION = 2 }

[[expectations]]
id = "no-aa-not-off"
environment = "no_aa"
expect = { PROLIFERATION = "off" }
"""

OSC = "S, S\nA, S | A_2\nA_2, A & S & !N\nN, A_2\n"
UPDATES = ("asynchronous", "synchronous", "most-permissive", "fixed-points")


def folder(tmp_path, rules: str = GRADED, manifest: str = MANIFEST):
    """A rules folder with `rules.bnet` and `model.toml`."""
    (tmp_path / "rules.bnet").write_text(rules)
    (tmp_path / "model.toml").write_text(manifest)
    return tmp_path


@pytest.fixture
def graded(tmp_path) -> bm.Model:
    return bm.load_model(folder(tmp_path))


def leveled(text: str, **levels: int) -> bm.Model:
    """A model from rules text with the given `[levels]` declaration."""
    return bm.Model.from_text(text, manifest=Manifest(levels=FrozenMap(levels)))


def only(model, **kwargs) -> bm.Attractor:
    (att,) = bm.attractors(model, **kwargs)
    return att


# ---------------------------------------------------------------- model and results
def test_levels_are_declared_by_the_manifest(graded):
    """`Model.levels` lists each leveled node's level nodes; `max_level` is 1 otherwise."""
    assert graded.levels == {"AKT": ("AKT", "AKT_2"),
                             "PROLIFERATION": ("PROLIFERATION", "PROLIFERATION_2")}
    assert graded.max_level("AKT") == 2 and graded.max_level("GF") == 1
    assert graded.max_level("AKT_2") == 1  # a level node is a Boolean node itself
    assert graded.higher_levels == {"AKT_2", "PROLIFERATION_2"}
    with pytest.raises(bm.UnknownNameError):
        graded.max_level("NOPE")


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("env, level", [("growth", 2), ("no_aa", 1), ("no_gf", 0)])
def test_levels_and_scores_of_the_graded_network(graded, update, env, level):
    """Every engine gives the worked levels: 2 / 1 / 0, scores 1 / 0.5 / 0 (docstring)."""
    a = only(graded, update=update, environment=env)
    assert a.level("PROLIFERATION") == level and a.level("AKT") == level
    assert a.score("PROLIFERATION") == level / 2 and a.score("AKT") == level / 2
    assert a.phenotype == {"PROLIFERATION": level}
    assert a.level("AA") == a.value("AA") == (env != "no_aa")  # a Boolean node: its value
    assert a.score("AA") == a.activity("AA")
    assert bm.scores([a], ["PROLIFERATION"]) == {"PROLIFERATION": level / 2}


@pytest.mark.parametrize("update, size", [("asynchronous", 4), ("synchronous", 4),
                                          ("most-permissive", 4)])
def test_an_oscillating_level(update, size):
    """In OSC with S=1, A's level oscillates between 1 and 2: level "osc", score 0.75."""
    m = leveled(OSC, A=2)
    a = only(m, update=update, environment={"S": 1})
    assert a.size == size and a.level("A") == "osc" and a.score("A") == 0.75
    assert a.activity("A") == 1.0  # the base node alone says "on": the levels say more
    b = only(m, update=update, environment={"S": 0})
    assert b.level("A") == 0 and b.score("A") == 0.0
    assert bm.attractors(m, update="fixed-points", environment={"S": 1}) == ()


def test_attractor_text_and_dict_show_levels(graded):
    """str() and to_dict() show levels 0..k of leveled readouts and nodes."""
    a = only(graded, environment="growth")
    assert "PROLIFERATION=2" in str(a)
    d = a.to_dict()
    assert d["phenotype"] == {"PROLIFERATION": 2}
    assert d["levels"] == {"AKT": 2, "PROLIFERATION": 2}
    assert a.levels == graded.levels


def test_derived_readouts_name_base_nodes():
    """Without manifest readouts, a leveled sink is one readout (its base), not one per level."""
    m = leveled("S, S\nR, S | R_2\nR_2, R & S\n", R=2)
    assert m.readouts == ("R",)
    assert bm.Model.from_text("S, S\nR, S | R_2\nR_2, R & S\n").readouts == ()  # R, R_2 read


# ---------------------------------------------------------------- perturbations
def test_perturbations_of_a_base_node_fix_every_level(graded):
    """KO / OE / fix of a base node set all its level nodes; a level node's name only itself."""
    ko = bm.Perturbation(knockout=["AKT"])
    oe = bm.Perturbation(overexpress=["AKT"])
    assert graded.perturb(ko).fixed == {"AKT": 0, "AKT_2": 0}
    assert graded.perturb(oe).fixed == {"AKT": 1, "AKT_2": 1}
    assert graded.fix({"AKT": 0}).fixed == {"AKT": 0, "AKT_2": 0}
    assert graded.perturb(bm.Perturbation(knockout=["AKT_2"])).fixed == {"AKT_2": 0}
    assert only(graded, environment="no_gf", perturbation=oe).level("PROLIFERATION") == 2
    assert only(graded, environment="growth", perturbation=ko).level("PROLIFERATION") == 0
    with pytest.raises(bm.BoolmtorError, match="AKT_2 is both knocked out and overexpressed"):
        graded.perturb(bm.Perturbation(knockout=["AKT"], overexpress=["AKT_2"]))
    # a later alteration of an overlapping level replaces the earlier one
    assert graded.perturb(ko).perturb(bm.Perturbation(overexpress=["AKT_2"])).fixed == \
        {"AKT_2": 1}


@pytest.mark.parametrize("env, drugs, backgrounds, fixed, level", [
    ("growth", ["full"], [], {"AKT": 0, "AKT_2": 0}, 0),
    ("growth", ["partial"], [], {"AKT_2": 0}, 1),
    ("no_gf", [], ["AKT_active"], {"AKT": 1, "AKT_2": 1}, 2),
    ("no_gf", ["partial"], ["AKT_active"], {"AKT": 1, "AKT_2": 0}, 1),
    ("no_gf", [], ["AKT_2_on"], {"AKT_2": 1}, 2),
])
def test_drugs_and_backgrounds_on_levels(graded, env, drugs, backgrounds, fixed, level):
    """Drug targets and background alterations: worked levels of the docstring."""
    p = bm.Perturbation(drugs=drugs, backgrounds=backgrounds)
    resolved = graded.resolve(env, p)
    assert {n: resolved[n] for n in ("AKT", "AKT_2") if n in resolved} == fixed
    a = only(graded, environment=env, perturbation=p)
    assert a.level("PROLIFERATION") == level and a.level("AKT") == level


def test_environment_of_a_leveled_input():
    """An environment value of a leveled input sets all its level nodes."""
    m = leveled("L, L\nL_2, L & L_2\nR, L_2\n", L=2)
    assert m.environment({"L": 1}) == {"L": 1, "L_2": 1}
    assert only(m, environment={"L": 1}).phenotype == {"R": 1}
    assert only(m, environment={"L": 0}).level("L") == 0


def test_response_separates_partial_and_full_inhibition(graded):
    """The scores of a response are level-aware: a partial inhibitor halves PROLIFERATION."""
    full = bm.response(graded, "full", environment="growth")
    partial = bm.response(graded, "partial", environment="growth")
    assert full.delta["PROLIFERATION"] == -1.0 and full.efficacy == 1.0
    assert partial.delta["PROLIFERATION"] == -0.5 and partial.efficacy == 0.5
    assert partial.treated["AKT"] == 0.5 and partial.untreated["AKT"] == 1.0


def test_stochastic_scores_are_level_aware(graded):
    """MaBoSS scores of a leveled node: mean probability of its level nodes (deterministic
    fixed points here: 1.0 untreated, 0.5 under the partial inhibitor)."""
    r = bm.response(graded, "partial", environment="growth", update="stochastic",
                    start="global", samples=2000)
    assert r.untreated["PROLIFERATION"] == pytest.approx(1.0, abs=0.02)
    assert r.treated["PROLIFERATION"] == pytest.approx(0.5, abs=0.02)
    assert r.treated["AKT"] == pytest.approx(0.5, abs=0.02)
    assert r.treated["AKT_2"] == pytest.approx(0.0, abs=0.02)


def test_simulation_reports_levels(graded):
    """`bm.simulate` reports a leveled readout's level nodes and its score (partial inhibitor
    in growth: PROLIFERATION stays at level 1, score 0.5)."""
    sim = bm.simulate(graded, "growth", bm.Perturbation(drugs=["partial"]), sample_count=500)
    assert sim.nodes == ("PROLIFERATION", "PROLIFERATION_2")
    assert sim.final["PROLIFERATION"] == pytest.approx(1.0, abs=0.05)
    assert sim.score("PROLIFERATION") == pytest.approx(0.5, abs=0.05)
    assert "score = 0.5" in str(sim) and sim.to_dict()["levels"] == {
        "PROLIFERATION": ["PROLIFERATION", "PROLIFERATION_2"]}


# ---------------------------------------------------------------- validate
def test_validate_judges_levels(tmp_path):
    """"on" = level >= 1, "off" = level 0, an integer = exactly that level, up/down on scores."""
    m = bm.load_model(folder(tmp_path, manifest=MANIFEST + EXPECTATIONS))
    result = {r.expectation.id: r for r in bm.validate(m).results}
    assert {k: r.status for k, r in result.items()} == {
        "growth-top": "pass", "no-aa-middle": "pass", "no-gf-off": "pass",
        "partial-lowers": "pass", "no-aa-not-top": "fail", "no-aa-not-off": "fail"}
    (check,) = result["no-aa-not-top"].checks
    assert check.expected == "level 2" and check.observed == "level 1"
    assert "PROLIFERATION expected level 2, got level 1" in str(bm.validate(m))
    down = {c.node: c.observed for c in result["partial-lowers"].checks}
    assert down == {"PROLIFERATION": "score 1.00 -> 0.50", "AKT": "score 1.00 -> 0.50"}


# ---------------------------------------------------------------- manifest errors
@pytest.mark.parametrize("extra, line, message", [
    ("[levels]\nAKT = 3\n", 2, "declares level node AKT_3, which no rule defines"),
    ("[levels]\nAKT = 1\n", 2, "must be an integer maximum level >= 2 (got 1)"),
    ("[levels]\nAKT = 2.0\n", 2, "must be an integer maximum level >= 2 (got 2.0)"),
    ("[levels]\nAKT = \"2\"\n", 2, "must be an integer maximum level >= 2 (got '2')"),
    ("[levels]\nAKT = 2\nAKT_2 = 2\n", 3, "AKT_2 is a level node of AKT = 2"),
    ("[levels]\nGHOST = 2\n", 2, "declares level node GHOST, which no rule defines"),
])
def test_bad_levels_are_manifest_errors(tmp_path, extra, line, message):
    """A bad [levels] entry is a ManifestError naming model.toml and the entry's line."""
    (tmp_path / "rules.bnet").write_text(GRADED)
    (tmp_path / "model.toml").write_text(extra)
    with pytest.raises(bm.ManifestError) as info:
        bm.load_model(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'model.toml'}:{line}:")
    assert message in str(info.value)


@pytest.mark.parametrize("edit, message", [
    (('readouts = ["PROLIFERATION"]', 'readouts = ["PROLIFERATION_2"]'),
     "readouts names PROLIFERATION_2, a level node of PROLIFERATION"),
    (("[backgrounds.AKT_active]", '[[expectations]]\nid = "x"\nexpect = { AKT = 3 }\n'
                                  "[backgrounds.AKT_active]"),
     "AKT = 3, but AKT has levels 0..2"),
    (("[backgrounds.AKT_active]", '[[expectations]]\nid = "x"\nexpect = { AKT = "high" }\n'
                                  "[backgrounds.AKT_active]"),
     "expected one of on, off, active, inactive, up, down or a level"),
])
def test_level_names_in_the_manifest_are_checked(tmp_path, edit, message):
    """Readouts name base nodes; expectation levels lie in 0..max level."""
    with pytest.raises(bm.ManifestError, match=message):
        bm.load_model(folder(tmp_path, manifest=MANIFEST.replace(*edit)))


def test_cli_prints_one_line_for_a_bad_level(tmp_path, capsys):
    """`boolmtor attractors` on a bad [levels] entry: one line, exit 2."""
    (tmp_path / "rules.bnet").write_text(GRADED)
    (tmp_path / "model.toml").write_text("[levels]\nAKT = 3\n")
    assert main(["attractors", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "model.toml:2:" in err[0] and "AKT_3" in err[0]


# ---------------------------------------------------------------- lint
def test_lint_passes_consistent_levels(graded, capsys):
    """The graded network's levels are consistent both ways: no error, no level warning."""
    found = bm.lint(graded)
    assert found.ok and found.errors == ()
    assert not any("level" in w or "switch off" in w for w in found.warnings)


def test_lint_catches_a_level_node_that_does_not_imply_the_one_below(tmp_path, capsys):
    """AKT_2 = GF & AA can be 1 while AKT is 0: a lint error naming the node and its rule."""
    bad = GRADED.replace("AKT_2, AKT & GF & AA", "AKT_2, GF & AA")
    model = bm.load_model(folder(tmp_path, rules=bad))
    (error,) = bm.lint(model).errors
    assert "rules.bnet:4:" in error and "level node AKT_2 (AKT_2, GF & AA)" in error
    assert "does not imply AKT" in error and "AKT=0" in error
    assert main(["lint", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "boolmtor: error:" in err and "AKT_2" in err and "Traceback" not in err


def test_lint_implication_is_logical_not_textual():
    """A rule implying the level below without naming it first (`S & A | A & T`) passes; one
    that only looks similar (`A | S & T`) fails."""
    ok = leveled("S, S\nT, T\nA, S | A_2\nA_2, S & A | A & T\n", A=2)
    assert bm.lint(ok).errors == ()
    bad = leveled("S, S\nT, T\nA, S | A_2\nA_2, A | S & T\n", A=2)
    assert len(bm.lint(bad).errors) == 1


def test_lint_warnings_about_levels():
    """A warning for `X_2` beside `X` that [levels] does not declare; none for a lower level
    that may switch off first (a transient: the higher level has to follow)."""
    m = leveled("S, S\nA, S\nA_2, A & S\nB, S\nB_2, B\n", A=2)
    warnings = bm.lint(m).warnings
    assert not any("switch off" in w for w in warnings)
    assert any("B_2 is named like level 2 of B" in w for w in warnings)
    assert not any("A_2 is named like" in w for w in warnings)


# ---------------------------------------------------------------- screens
def test_screen_alters_base_nodes_and_scores_levels(graded):
    """Screens alter base nodes (no AKT_2 rows) and report level-aware readout scores, equal to
    `bm.scores` of the same condition's attractors."""
    table = bm.screen(graded, order=1, environments=["growth", "no_aa"], drugs=["partial"])
    assert set(table.perturbation) == {"none", "AKT KO", "AKT OE", "PROLIFERATION KO",
                                       "PROLIFERATION OE"}
    for row in table.itertuples():
        p = bm.Perturbation(knockout=row.knockout.split(";") if row.knockout else [],
                            overexpress=row.overexpress.split(";") if row.overexpress else [],
                            drugs=[] if row.drug == "none" else [row.drug])
        atts = bm.attractors(graded, environment=row.environment, perturbation=p)
        assert row.PROLIFERATION == bm.scores(atts, ["PROLIFERATION"])["PROLIFERATION"]
    pick = table.set_index(["environment", "drug", "perturbation"]).PROLIFERATION
    assert pick["growth", "none", "none"] == 1.0 and pick["no_aa", "none", "none"] == 0.5
    assert pick["growth", "partial", "none"] == 0.5
    assert pick["growth", "none", "AKT KO"] == 0.0 and pick["no_aa", "none", "AKT OE"] == 1.0


# ---------------------------------------------------------------- exports
def test_exports_of_a_leveled_model_round_trip(graded, tmp_path):
    """.bnet and SBML-qual keep level nodes as Boolean nodes: the rules come back equivalent and,
    with the levels declared again, give the same levels; MaBoSS loads the .bnd/.cfg."""
    for name in ("m.bnet", "m.sbml"):
        back = bm.read(bm.write(graded, tmp_path / name)[0])
        assert set(back.nodes) == set(graded.nodes)
        for n in graded.nodes:
            assert satisfiable(Xor(graded.expr(n), back.expr(n))) is False, (name, n)
        again = bm.Model.from_text(back.to_bnet(), manifest=graded.manifest)
        for env in ("growth", "no_aa", "no_gf"):
            assert [a.level("PROLIFERATION") for a in bm.attractors(again, environment=env)] \
                == [a.level("PROLIFERATION") for a in bm.attractors(graded, environment=env)]
    bnd, cfg = bm.write(graded, tmp_path / "m.bnd")
    sim = cmaboss.MaBoSSSim(network_str=bnd.read_text(), config_str=cfg.read_text())
    read_by_maboss = maboss_rules(sim)  # MaBoSS's own parser, read back
    assert set(read_by_maboss) == set(graded.nodes)
    for n in graded.nodes:
        assert satisfiable(Xor(graded.expr(n), read_by_maboss[n])) is False, n


# ---------------------------------------------------------------- plots and CLI
def test_heatmap_shows_levels(graded, tmp_path):
    """One row per leveled node, labelled with its levels, each cell with its level number."""
    atts = {env: bm.attractors(graded, environment=env) for env in ("growth", "no_aa", "no_gf")}
    fig = bm.plot.attractors(graded, atts)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "PROLIFERATION (0–2)" in labels and "AKT (0–2)" in labels
    assert not any("_2" in x for x in labels)
    row = labels.index("AKT (0–2)")
    cells = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text()
             for t in ax.texts}
    assert [cells[(j, row)] for j in range(3)] == ["2", "1", "0"]
    fig.savefig(tmp_path / "levels.png")
    assert (tmp_path / "levels.png").stat().st_size > 0


def test_cli_attractors_prints_levels(tmp_path, capsys):
    """`boolmtor attractors` prints each leveled node's level and the readouts' levels."""
    folder(tmp_path)
    assert main(["attractors", str(tmp_path), "--env", "no_aa"]) == 0
    out = capsys.readouterr().out
    assert "phenotype:   PROLIFERATION=1" in out and "levels:      AKT=1  PROLIFERATION=1" in out


# ---------------------------------------------------------------- brute force, Hypothesis
def brute_scores(model, states, bases) -> tuple:
    """Per base node: (level or "osc", exact score) over a set of int states (bit j = node j)."""
    index = {n: j for j, n in enumerate(model.nodes)}
    out = []
    for base in bases:
        levels = model.levels.get(base, (base,))
        counts = [sum((s >> index[n]) & 1 for n in levels) for s in states]
        constant = all(len({(s >> index[n]) & 1 for s in states}) == 1 for n in levels)
        out.append((counts[0] if constant else "osc",
                    Fraction(sum(counts), len(counts) * len(levels))))
    return tuple(out)


def subspace_states(model, space):
    """Every state of a subspace (dict of fixed nodes) as ints."""
    free = [j for j, n in enumerate(model.nodes) if n not in space]
    base = sum(v << model.nodes.index(n) for n, v in space.items())
    return [base | sum(bit << j for bit, j in zip(bits, free))
            for bits in itertools.product((0, 1), repeat=len(free))]


def brute(model, update, bases) -> list[tuple]:
    if update in ("asynchronous", "synchronous"):
        sets = bf.attractor_sets(model, update)
    elif update == "most-permissive":
        sets = [subspace_states(model, s) for s in bf.minimal_trap_spaces(model)]
    else:
        sets = [subspace_states(model, s) for s in bf.fixed_points(model)]
    return sorted((brute_scores(model, list(s), bases) for s in sets), key=repr)


@st.composite
def leveled_networks(draw):
    """(bnet text, levels) of a random network: 1-3 Boolean nodes and 1-2 leveled nodes with
    2-3 levels each, written X = f | X_2, X_j = X_(j-1) & (f_j | X_(j+1)), X_k = X_(k-1) & f_k."""
    plain = ["P", "Q", "R"][:draw(st.integers(1, 3))]
    levels = {b: draw(st.integers(2, 3)) for b in ["X", "Y"][:draw(st.integers(1, 2))]}
    names = plain + [n for b, k in levels.items()
                     for n in (b, *(f"{b}_{j}" for j in range(2, k + 1)))]
    rule = {}
    for n in plain:
        rule[n] = n if draw(st.booleans()) and n == "P" else render(draw(trees(names, 5)))
    for b, k in levels.items():
        chain = [b, *(f"{b}_{j}" for j in range(2, k + 1))]
        for j, n in enumerate(chain):
            f = f"({render(draw(trees(names, 4)))})"
            above = f" | {chain[j + 1]}" if j + 1 < k else ""
            rule[n] = f"{f}{above}" if j == 0 else f"{chain[j - 1]} & ({f}{above})"
    return "".join(f"{n}, {rule[n]}\n" for n in names), levels


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=leveled_networks())
def test_levels_and_scores_match_bruteforce(spec):
    """On random leveled networks every engine's per-attractor levels and scores, and the
    equal-weight `bm.scores`, equal a brute-force computation over all states; lint accepts
    the construction's levels (each X_j's rule implies X_(j-1))."""
    text, levels = spec
    note(text)
    model = leveled(text, **levels)
    bases = [n for n in model.nodes if n not in model.higher_levels]
    assert bm.lint(model).errors == ()
    for update in UPDATES:
        atts = bm.attractors(model, update=update)
        got = sorted((tuple((a.level(b), Fraction(a.score(b)).limit_denominator(2 ** 16))
                            for b in bases) for a in atts), key=repr)
        expected = brute(model, update, bases)
        assert got == expected, update
        if atts:
            mean = {b: sum(e[i][1] for e in expected) / len(expected)
                    for i, b in enumerate(bases)}
            assert bm.scores(atts, bases) == pytest.approx({b: float(v)
                                                             for b, v in mean.items()})
