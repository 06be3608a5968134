"""The immutable `Model`: views, graph, equality, perturbations and the manifest's precedence."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.logic.boolalg import Equivalent
from sympy.logic.inference import satisfiable

import boolmtor as bm

from strategies import networks

A, B, C = sympy.symbols("A B C")

TOY_RULES = """\
# ref: toy.txt "growth factors act through X"
GF, GF
AA, AA
X, GF & AA
Y, X
Z, !X
"""

TOY_MANIFEST = """\
[model]
name = "toy"
title = "A toy model for precedence tests"
readouts = ["Y", "Z"]

[environments.growth]
inputs = { GF = 1, AA = 1 }
[environments.starved]
inputs = { GF = 0, AA = 0 }

[drugs.rapamycin]
class = "rapalog"
targets = { X = 0 }
site = "FRB"
aliases = ["sirolimus"]
ref = "toy.txt"

[drugs.torin1]
class = "torkinib"
targets = { X = 0 }
site = "ATP"

[drugs.activator]
class = "ampk_activator"
targets = { X = 1 }

[backgrounds.GF_loss]
alterations = { GF = 0 }
[backgrounds.X_active]
alterations = { X = 1 }
[backgrounds.FRB_mut]
alterations = {}
blocks_sites = ["FRB"]
"""


def write_folder(root, rules=TOY_RULES, manifest=TOY_MANIFEST, name="toy"):
    folder = root / name
    folder.mkdir()
    (folder / "core.bnet").write_text(rules)
    if manifest is not None:
        (folder / "model.toml").write_text(manifest)
    return folder


@pytest.fixture
def toy(tmp_path) -> bm.Model:
    """The toy model folder (rules + model.toml), loaded with load_model."""
    return bm.load_model(write_folder(tmp_path))


def equivalent(a, b) -> bool:
    return satisfiable(sympy.Not(Equivalent(a, b))) is False


def only_state(model, **kwargs) -> dict:
    """The single asynchronous attractor's fixed part (the toy model has one per condition)."""
    atts = bm.attractors(model, update="asynchronous", **kwargs)
    assert len(atts) == 1 and atts[0].is_fixed_point
    return dict(atts[0].fixed)


# ---------------------------------------------------------------- immutability


def test_model_attributes_cannot_be_set():
    """A Model is frozen: attributes and its mappings cannot be changed in place."""
    m = bm.Model.from_text("A, !B\nB, A\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.name = "other"
    with pytest.raises(dataclasses.FrozenInstanceError):
        m._rules = {}
    with pytest.raises(TypeError):
        m.rules["A"] = "B"
    with pytest.raises(TypeError):
        m._rules["A"] = bm.Model.from_text("A, A").rule("A")
    with pytest.raises(TypeError):
        m.origins["A"] = None
    with pytest.raises(TypeError):
        m.fixed["A"] = 1
    with pytest.raises((TypeError, AttributeError)):
        m.nodes.append("C")
    assert m.rules["A"] == "!B"


def test_perturb_returns_a_new_model_and_leaves_the_original(toy):
    """perturb/fix return new models; the original's rules, fixed nodes and attractors stay."""
    before_rules, before_atts = dict(toy.rules), bm.attractors(toy, environment="growth")
    p = bm.Perturbation(knockout=["X"], drugs=["rapamycin"])
    new = toy.perturb(p, environment="growth")
    assert new is not toy and new != toy
    assert dict(new.fixed) == {"GF": 1, "AA": 1, "X": 0}
    assert new.rules["X"] == "0"
    assert dict(toy.rules) == before_rules and dict(toy.fixed) == {}
    assert bm.attractors(toy, environment="growth") == before_atts
    fixed = toy.fix({"Y": 1})
    assert fixed.rules["Y"] == "1" and toy.rules["Y"] == "X"


def test_manifest_objects_are_frozen(toy):
    """Drugs, backgrounds and environments of the manifest cannot be edited in place."""
    with pytest.raises(TypeError):
        toy.drugs["rapamycin"].targets["X"] = 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        toy.drugs["rapamycin"].site = ""
    with pytest.raises(TypeError):
        toy.drugs["new"] = toy.drugs["rapamycin"]
    with pytest.raises(TypeError):
        toy.environments["growth"].inputs["GF"] = 0


# ---------------------------------------------------------------- views


def test_inputs_are_self_loops_and_constants():
    """Inputs: nodes whose rule is their own value or a constant, in rule order."""
    m = bm.Model.from_text("A, A\nB, 1\nC, A & !C\nD, D | C\nE, 0\nF, !F\n")
    assert m.inputs == ("A", "B", "E")


def test_inputs_survive_perturbation():
    """Fixing a non-input does not make it an input; a fixed input stays an input."""
    m = bm.Model.from_text("A, A\nB, A\nC, B\n")
    p = m.perturb(bm.Perturbation(knockout=["B"]), environment={"A": 1})
    assert p.inputs == ("A",)
    assert p.rules["B"] == "0" and p.rules["A"] == "1"


def test_readouts_default_to_unread_non_inputs(toy):
    """Readouts: the manifest's list, else the nodes no other rule reads (inputs excluded)."""
    assert toy.readouts == ("Y", "Z")
    bare = bm.Model.from_text("A, A\nB, A\nC, B\nD, B & !C\nE, E\n")
    assert bare.readouts == ("D",)
    assert bm.Model.from_text("A, B\nB, A\n").readouts == ()


def test_attractor_phenotype_uses_readouts(toy):
    """Each attractor's phenotype maps the readouts to 0, 1 or "osc"."""
    (att,) = bm.attractors(toy, environment="growth")
    assert dict(att.phenotype) == {"Y": 1, "Z": 0}
    osc = bm.Model.from_text("A, !A\nB, A\n")
    (att,) = bm.attractors(osc)
    assert dict(att.phenotype) == {"B": "osc"} and att.value("A") == "osc"


def test_expr_returns_sympy():
    """model.expr(node) is a sympy Boolean built from Symbols and equivalent to the rule."""
    m = bm.Model.from_text("A, B & !C | 0\nB, B\nC, A | B\n")
    e = m.expr("A")
    assert isinstance(e, sympy.logic.boolalg.Boolean)
    assert e.free_symbols == {B, C}
    assert equivalent(e, B & ~C)
    assert m.expr("B") == B
    with pytest.raises(bm.UnknownNameError):
        m.expr("Q")


def test_rule_unknown_node_lists_known_nodes():
    """Asking for an unknown node: UnknownNameError (a KeyError) listing the known nodes."""
    m = bm.Model.from_text("MTORC1, RHEB\nRHEB, RHEB\n")
    with pytest.raises(bm.UnknownNameError) as info:
        m.rule("MTORC")
    assert isinstance(info.value, KeyError)
    assert info.value.known == ["MTORC1", "RHEB"]
    assert "did you mean 'MTORC1'" in str(info.value) and "RHEB" in str(info.value)


def test_graph_edge_signs():
    """Graph edges carry sign +1 (activation) or -1 (inhibition) and the set of signs."""
    m = bm.Model.from_text("A, B & !C\nB, B\nC, A\nD, D\n")
    g = m.graph
    assert isinstance(g, nx.DiGraph)
    assert set(g.nodes) == {"A", "B", "C", "D"}
    assert set(g.edges) == {("B", "A"), ("C", "A"), ("B", "B"), ("A", "C"), ("D", "D")}
    assert g.edges["B", "A"]["sign"] == 1 and g.edges["B", "A"]["signs"] == {1}
    assert g.edges["C", "A"]["sign"] == -1 and g.edges["C", "A"]["signs"] == {-1}


def test_graph_non_monotone_edge_has_sign_zero():
    """A regulator acting both ways (XOR) has sign 0 and signs {+1, -1}."""
    m = bm.Model.from_text("A, B & !C | !B & C\nB, B\nC, C\n")
    for u in ("B", "C"):
        assert m.graph.edges[u, "A"]["sign"] == 0
        assert m.graph.edges[u, "A"]["signs"] == {1, -1}


def test_graph_ignores_regulators_without_effect():
    """A variable that cannot change the rule's value (B | !B) gives no edge."""
    m = bm.Model.from_text("A, C & (B | !B)\nB, B\nC, C\n")
    assert set(m.graph.predecessors("A")) == {"C"}


def test_primes_returns_a_copy():
    """Editing the primes returned does not change the model's primes."""
    m = bm.Model.from_text("A, B & !C\nB, B\nC, A\n")
    primes = m.primes
    assert primes["A"][1] == [{"B": 1, "C": 0}]
    primes["A"][1].clear()
    primes["B"] = None
    assert m.primes["A"][1] == [{"B": 1, "C": 0}] and m.primes["B"] is not None
    assert m.primes is not m.primes


def test_primes_failure_is_a_boolmtor_error():
    """When pyboolnet cannot compute primes (a rule reading 70 nodes) the error says so."""
    names = [f"X{i}" for i in range(70)]
    m = bm.Model.from_text("A, " + " & ".join(names) + "\n" + "".join(f"{n}, {n}\n"
                                                                      for n in names))
    with pytest.raises(bm.BoolmtorError, match="prime implicants") as info:
        m.primes
    assert "A, reads 70 nodes" in str(info.value)


# ---------------------------------------------------------------- equality


def test_equality_and_hash():
    """Models with the same rules are equal and hash equal, whatever their order or spelling."""
    m1 = bm.Model.from_text("A, B & !C\nB, B\nC, A | B\n", name="one")
    m2 = bm.Model.from_text("C = (A or B)\nA = B and not C\nB = B\n", name="two")
    m3 = bm.Model.from_text("A, B & C\nB, B\nC, A | B\n")
    assert m1 == m2 and hash(m1) == hash(m2)
    assert m1 != m3
    assert len({m1, m2, m3}) == 2
    assert m1 != "A, B & !C"
    assert m1.version == bm.Model.from_text(m1.to_bnet()).version
    assert m1.version != m3.version


@settings(max_examples=60, deadline=None)
@given(text=networks(), data=st.data())
def test_equal_models_hash_equal(text, data):
    """Reordering the rules gives an equal model with an equal hash."""
    lines = data.draw(st.permutations(text.splitlines()))
    m1, m2 = bm.Model.from_text(text), bm.Model.from_text("\n".join(lines))
    assert m1 == m2
    assert hash(m1) == hash(m2)


# ---------------------------------------------------------------- perturbations


def test_perturbation_normalizes_names():
    """A single name is a one-element tuple; + concatenates; an empty perturbation is falsy."""
    p = bm.Perturbation(knockout="PTEN", drugs=["rapamycin"])
    assert p.knockout == ("PTEN",) and p.drugs == ("rapamycin",)
    q = p + bm.Perturbation(overexpress=["BCL2"], knockout=["TSC"])
    assert q.knockout == ("PTEN", "TSC") and q.overexpress == ("BCL2",)
    assert not bm.Perturbation() and q
    assert str(q) == "rapamycin + PTEN KO + TSC KO + BCL2 OE"
    assert q.to_dict() == {"knockout": ["PTEN", "TSC"], "overexpress": ["BCL2"],
                           "drugs": ["rapamycin"], "backgrounds": []}
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.knockout = ()


def test_perturbations_compose(toy):
    """m.perturb(a).perturb(b) equals m.perturb(a + b) for perturbations of different nodes."""
    a = bm.Perturbation(knockout=["Z"])
    b = bm.Perturbation(overexpress=["Y"], backgrounds=["GF_loss"])
    stepwise = toy.perturb(a).perturb(b)
    together = toy.perturb(a + b)
    assert stepwise == together
    assert dict(stepwise.fixed) == dict(together.fixed) == {"Z": 0, "Y": 1, "GF": 0}
    assert bm.attractors(stepwise) == bm.attractors(together)


def test_later_perturbation_overrides_earlier(toy):
    """Composing: the later perturbation of the same node wins."""
    m = toy.perturb(bm.Perturbation(knockout=["X"])).perturb(bm.Perturbation(overexpress=["X"]))
    assert m.rules["X"] == "1" and m.fixed["X"] == 1


@pytest.mark.parametrize("kwargs,kind,known", [
    ({"knockout": ["Xx"]}, "node", "X"),
    ({"overexpress": ["nope"]}, "node", "GF"),
    ({"drugs": ["rapamycine"]}, "drug", "rapamycin"),
    ({"backgrounds": ["GF_los"]}, "background", "GF_loss"),
])
def test_unknown_names_raise_unknown_name_error(toy, kwargs, kind, known):
    """Unknown nodes, drugs and backgrounds raise UnknownNameError listing the known ones."""
    p = bm.Perturbation(**kwargs)
    for apply in (lambda: toy.perturb(p), lambda: toy.resolve(None, p),
                  lambda: bm.attractors(toy, perturbation=p)):
        with pytest.raises(bm.UnknownNameError) as info:
            apply()
        assert info.value.kind == kind
        assert known in info.value.known
        assert f"unknown {kind}" in str(info.value) and known in str(info.value)


def test_unknown_environment_lists_known_ones(toy):
    """An unknown environment name is an UnknownNameError suggesting the closest."""
    with pytest.raises(bm.UnknownNameError) as info:
        bm.attractors(toy, environment="growht")
    assert info.value.known == ["growth", "starved"]
    assert "did you mean 'growth'" in str(info.value)


def test_environment_dict_must_name_inputs_with_0_or_1(toy):
    """An environment dict may only fix inputs, to 0 or 1."""
    with pytest.raises(bm.BoolmtorError, match="not an input"):
        toy.perturb(environment={"X": 1})
    with pytest.raises(bm.BoolmtorError, match="must be 0 or 1"):
        toy.perturb(environment={"GF": 2})
    with pytest.raises(bm.BoolmtorError, match="must be 0 or 1"):
        toy.perturb(environment={"GF": 0.5})
    with pytest.raises(bm.UnknownNameError):
        toy.perturb(environment={"Nope": 1})


def test_knockout_and_overexpress_of_one_node_is_an_error(toy):
    """Knocking out and overexpressing the same node at once is refused."""
    with pytest.raises(bm.BoolmtorError, match="both knocked out and overexpressed"):
        toy.perturb(bm.Perturbation(knockout=["X"], overexpress=["X"]))


def test_drugs_forcing_a_node_both_ways_are_an_error(toy):
    """Two drugs forcing one node to different values are refused."""
    with pytest.raises(bm.BoolmtorError, match="different values"):
        toy.perturb(bm.Perturbation(drugs=["rapamycin", "activator"]))


def test_drug_aliases_and_case(toy):
    """Drugs are found by name or alias, case-insensitively."""
    assert toy.drug("Sirolimus").name == "rapamycin"
    assert toy.drug("RAPAMYCIN").name == "rapamycin"
    m = toy.perturb(bm.Perturbation(drugs=["sirolimus"]), environment="growth")
    assert m.fixed["X"] == 0


# ---------------------------------------------------------------- precedence


def test_precedence_background_over_environment(toy):
    """A background overrides the environment: GF_loss in the growth environment keeps GF off."""
    p = bm.Perturbation(backgrounds=["GF_loss"])
    assert toy.resolve("growth", p) == {"GF": 0, "AA": 1}
    assert only_state(toy, environment="growth", perturbation=p) == {
        "GF": 0, "AA": 1, "X": 0, "Y": 0, "Z": 1}


def test_precedence_drug_over_background(toy):
    """A drug overrides a background: rapamycin switches off a constitutively active X."""
    p = bm.Perturbation(backgrounds=["X_active"], drugs=["rapamycin"])
    assert toy.resolve("starved", p)["X"] == 0
    state = only_state(toy, environment="starved", perturbation=p)
    assert (state["X"], state["Y"], state["Z"]) == (0, 0, 1)
    alone = only_state(toy, environment="starved",
                       perturbation=bm.Perturbation(backgrounds=["X_active"]))
    assert (alone["X"], alone["Y"]) == (1, 1)


def test_precedence_knockout_overexpress_over_drug_and_background(toy):
    """Explicit knockout/overexpression overrides drugs, backgrounds and the environment."""
    p = bm.Perturbation(drugs=["rapamycin"], overexpress=["X"])
    assert toy.resolve("starved", p)["X"] == 1
    assert only_state(toy, environment="starved", perturbation=p)["Y"] == 1
    q = bm.Perturbation(backgrounds=["X_active"], knockout=["X"])
    assert toy.resolve(None, q) == {"X": 0}
    r = bm.Perturbation(knockout=["GF"])
    assert toy.resolve("growth", r) == {"GF": 0, "AA": 1}


def test_blocked_site_removes_only_drugs_binding_there(toy):
    """FRB_mut blocks rapamycin (site FRB) but not torin1 (site ATP)."""
    frb = bm.Perturbation(backgrounds=["FRB_mut"])
    rapa = frb + bm.Perturbation(drugs=["rapamycin"])
    torin = frb + bm.Perturbation(drugs=["torin1"])
    assert "X" not in toy.resolve("growth", rapa)
    assert only_state(toy, environment="growth", perturbation=rapa)["X"] == 1
    assert toy.resolve("growth", torin)["X"] == 0
    assert only_state(toy, environment="growth", perturbation=torin)["X"] == 0
    # without the mutation rapamycin acts
    assert only_state(toy, environment="growth",
                      perturbation=bm.Perturbation(drugs=["rapamycin"]))["X"] == 0


def test_blocked_site_persists_through_composition(toy):
    """A model perturbed with FRB_mut keeps the site blocked for drugs applied later."""
    mutant = toy.perturb(bm.Perturbation(backgrounds=["FRB_mut"]), environment="growth")
    assert mutant.blocked_sites == {"FRB"}
    assert "X" not in mutant.perturb(bm.Perturbation(drugs=["rapamycin"])).fixed
    assert mutant.perturb(bm.Perturbation(drugs=["torin1"])).fixed["X"] == 0
    assert toy.blocked_sites == frozenset()


def test_condition_applies_environment_backgrounds_and_drugs(toy):
    """model.condition(Condition) equals perturb with the same parts."""
    cond = bm.Condition("growth", ("X_active",), ("rapamycin",))
    assert str(cond) == "growth + X_active + rapamycin"
    via_condition = toy.condition(cond)
    direct = toy.perturb(bm.Perturbation(backgrounds=["X_active"], drugs=["rapamycin"]),
                         environment="growth")
    assert via_condition == direct and dict(via_condition.fixed) == dict(direct.fixed)


# ---------------------------------------------------------------- manifest and folders


def test_load_model_of_a_folder(tmp_path):
    """load_model(folder) reads the rules and model.toml: name, readouts, drugs, environments."""
    m = bm.load_model(write_folder(tmp_path))
    assert m.name == "toy" and m.source == str(tmp_path / "toy")
    assert m.nodes == ("GF", "AA", "X", "Y", "Z")
    assert set(m.environments) == {"growth", "starved"}
    assert dict(m.environments["growth"].inputs) == {"GF": 1, "AA": 1}
    assert m.drugs["rapamycin"].drug_class == "rapalog"
    assert m.drugs["rapamycin"].site == "FRB" and m.drugs["rapamycin"].aliases == ("sirolimus",)
    assert m.backgrounds["FRB_mut"].blocks_sites == ("FRB",)
    assert m.origins["GF"].refs == ('toy.txt "growth factors act through X"',)
    assert m.origins["GF"].path == str(tmp_path / "toy" / "core.bnet")
    assert m == bm.load_model(str(tmp_path / "toy"))


def test_load_model_of_a_folder_without_manifest(tmp_path):
    """A folder of .bnet files without model.toml loads all of them, in name order."""
    folder = write_folder(tmp_path, rules="B, A\n", manifest=None, name="split")
    (folder / "a.bnet").write_text("A, A\n")
    m = bm.load_model(folder)
    assert m.nodes == ("A", "B") and m.name == "split"
    assert not m.drugs and not m.environments


def test_load_model_of_a_file(tmp_path):
    """load_model(path.bnet) reads a single file; its name is the file's stem."""
    (tmp_path / "raf.bnet").write_text("Raf, !Erk | Raf\nMek, Raf\nErk, Mek\n")
    m = bm.load_model(tmp_path / "raf.bnet")
    assert m.name == "raf" and m.nodes == ("Raf", "Mek", "Erk")
    assert m == bm.Model.from_text("Raf, !Erk | Raf\nMek, Raf\nErk, Mek\n")


def test_manifest_rules_list_selects_files(tmp_path):
    """[model] rules lists the files to read, in that order; others in the folder are ignored."""
    folder = write_folder(tmp_path, rules="B, A\n", manifest='[model]\nrules = ["b.bnet", '
                                                              '"core.bnet"]\n')
    (folder / "b.bnet").write_text("A, A\n")
    (folder / "ignored.bnet").write_text("A, !A\n")
    assert bm.load_model(folder).nodes == ("A", "B")


def test_manifest_missing_rules_file_is_a_manifest_error(tmp_path):
    """A rules file listed in the manifest but absent is a ManifestError naming model.toml."""
    folder = write_folder(tmp_path, manifest='[model]\nrules = ["gone.bnet"]\n')
    with pytest.raises(bm.ManifestError, match="gone.bnet") as info:
        bm.load_model(folder)
    assert str(folder / "model.toml") in str(info.value)


@pytest.mark.parametrize("edit,words", [
    (('targets = { X = 0 }\nsite = "FRB"', 'targets = { XX = 0 }\nsite = "FRB"'),
     "[drugs.rapamycin] targets names 'XX', which is not a node; did you mean 'X'?"),
    (('alterations = { GF = 0 }', 'alterations = { GFR = 0 }'),
     "[backgrounds.GF_loss] alterations names 'GFR'"),
    (('readouts = ["Y", "Z"]', 'readouts = ["Y", "Q"]'), "[model] readouts names 'Q'"),
    (('inputs = { GF = 1, AA = 1 }', 'inputs = { GF = 1, X = 1 }'),
     "[environments.growth] names 'X'"),
])
def test_manifest_unknown_node_is_a_manifest_error_naming_the_file(tmp_path, edit, words):
    """A manifest naming a node the rules do not define: ManifestError naming model.toml."""
    folder = write_folder(tmp_path, manifest=TOY_MANIFEST.replace(*edit))
    with pytest.raises(bm.ManifestError) as info:
        bm.load_model(folder)
    assert words in str(info.value)
    assert str(info.value).startswith(str(folder / "model.toml"))
    assert info.value.path == str(folder / "model.toml")


@pytest.mark.parametrize("manifest,words,line", [
    ("[model\nname = 'x'\n", "invalid TOML", 1),
    ("[drugs.d]\ntargets = { X = 0 }\n", "missing 'class'", 1),
    ("[drugs.d]\nclass = 'rapalog'\ntargets = { X = 2 }\n", "X must be 0 or 1", 1),
    ("[model]\nreadouts = 3\n", "'readouts' must be a list of names", 1),
    ('[[expectations]]\nid = "e"\nexpect = { Y = "up" }\nref = "r"\n', "need a 'compare_to'",
     2),
    ('[[expectations]]\nid = "e"\nexpect = { Y = "high" }\nref = "r"\n', "expected one of", 2),
])
def test_malformed_manifest_is_a_manifest_error(tmp_path, manifest, words, line):
    """A malformed model.toml is a ManifestError naming the file (and the line where known)."""
    folder = write_folder(tmp_path, manifest=manifest)
    with pytest.raises(bm.ManifestError, match=words) as info:
        bm.load_model(folder)
    assert info.value.path == str(folder / "model.toml")
    assert info.value.line == line
    assert str(info.value).startswith(str(folder / "model.toml"))


def test_with_rule_returns_edited_copy_keeping_manifest():
    """with_rule changes one rule, keeps the manifest, and leaves the original untouched."""
    m = bm.load_model()
    v = m.with_rule("PI3K", "IRS1")
    assert v.rules["PI3K"] == "IRS1" and m.rules["PI3K"] != "IRS1"
    assert v.drugs == m.drugs and v.environments == m.environments
    assert v != m


def test_with_rule_rejects_unknown_regulator_with_hint():
    """A regulator no rule defines is an UndefinedNodeError suggesting the closest name."""
    with pytest.raises(bm.UndefinedNodeError, match="did you mean 'IRS1'"):
        bm.load_model().with_rule("PI3K", "IRS")
    with pytest.raises(bm.UnknownNameError):
        bm.load_model().with_rule("NOPE", "IRS1")


def test_models_and_attractors_pickle_and_hash():
    """Models, manifests and attractors survive pickling equal, and attractors are hashable."""
    import pickle

    m = bm.load_model()
    atts = bm.attractors(m, environment="growth", weights=True)
    for obj in (m, m.manifest, *atts):
        assert pickle.loads(pickle.dumps(obj)) == obj
    assert len(set(atts) | set(pickle.loads(pickle.dumps(atts)))) == len(atts)


def test_composed_perturbations_follow_the_same_precedence_as_one():
    """Applying a drug then a background gives what one Perturbation with both gives."""
    m, P = bm.load_model(), bm.Perturbation
    for first, second in [(P(drugs=["mk-2206"]), P(backgrounds=["AKT_active"])),
                          (P(drugs=["rapamycin"]), P(backgrounds=["MTOR_FRB_mut"])),
                          (P(backgrounds=["PTEN_loss"]), P(knockout=["PIP3"]))]:
        together = m.perturb(first + second)
        assert m.perturb(first).perturb(second) == together
        assert m.perturb(second).perturb(first) == together
        assert m.perturb(first).perturb(second).fixed == together.fixed


def test_later_explicit_value_replaces_earlier_and_with_rule_keeps_knockouts():
    """fix() twice: the later value wins; editing a knocked-out node's rule keeps it fixed."""
    m = bm.load_model()
    assert m.fix({"AKT": 0}).fix({"AKT": 1}).rules["AKT"] == "1"
    edited = m.perturb(bm.Perturbation(knockout=["AKT"])).with_rule("AKT", "PDK1")
    assert edited.rules["AKT"] == "0" and edited.fixed == {"AKT": 0, "AKT_2": 0}
    assert edited.perturb(bm.Perturbation(overexpress=["AKT"])).rules["AKT"] == "1"


@pytest.mark.parametrize("kwargs", [dict(environment=5), dict(perturbation=["PTEN"])])
def test_wrong_argument_types_are_clear_errors(kwargs):
    """A wrong type for environment or perturbation is a BoolmtorError, not an AttributeError."""
    with pytest.raises(bm.BoolmtorError, match="must be"):
        bm.attractors(bm.load_model(), **kwargs)


def test_graph_is_read_only_and_attractor_maps_in_name_order():
    """The cached graph cannot be edited; an attractor's fixed map iterates in name order."""
    m = bm.load_model()
    with pytest.raises(nx.NetworkXError, match="Frozen"):
        m.graph.remove_edge("S6K", "IRS1")
    assert len(bm.feedback_loops(m)) == 13
    fixed = bm.attractors(m, environment="growth")[0].fixed
    assert list(fixed) == sorted(fixed)
