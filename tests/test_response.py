"""`response`, `compare_drugs` and `combinations`: on toy models and on the curated model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import boolmtor as bm
from toys import BASE_TOML, TOGGLE
from absorption_brute import brute_absorption, random_model
from boolmtor.manifest import load_manifest
from boolmtor.errors import BoolmtorError
from boolmtor.weights import carry_over

RULES = Path(__file__).resolve().parent.parent / "rules" / "mtor"

# The toggle of tests/toys.py (K, the drug target, keeps X on).
TOGGLE_TOML = BASE_TOML + """\
[drugs.kin]
class = "kinase_inhibitor"
targets = { K = 0 }
[drugs.yact]
class = "y_activator"
targets = { Y = 1 }
[drugs.xinh]
class = "x_inhibitor"
targets = { X = 0 }
[backgrounds.X_loss]
alterations = { X = 0 }
"""


@pytest.fixture(scope="module")
def toggle() -> bm.Model:
    return bm.Model.from_text(TOGGLE, manifest=load_manifest(TOGGLE_TOML, "toggle.toml"))


def test_untreated_start_keeps_the_cell_in_its_attractor(toggle):
    """start="untreated": the treated toggle stays where the untreated cell was."""
    r = bm.response(toggle, "kin", environment="growth")
    assert dict(r.untreated) == pytest.approx(
        {"GF": 1, "K": 1, "X": 1, "Y": 0, "PROLIFERATION": 1, "APOPTOSIS": 0})
    assert r.treated["PROLIFERATION"] == 1.0 and r.treated["APOPTOSIS"] == 0.0
    assert dict(r.delta) == {"PROLIFERATION": 0.0, "APOPTOSIS": 0.0}
    assert r.efficacy == 0.0 and r.exact


def test_global_start_weighs_both_treated_attractors(toggle):
    """start="global": the treated toggle's two attractors weigh 1/2 each."""
    r = bm.response(toggle, "kin", environment="growth", start="global")
    assert [a.weight for a in r.treated_attractors] == [0.5, 0.5]
    assert dict(r.delta) == pytest.approx({"PROLIFERATION": -0.5, "APOPTOSIS": 0.5})
    assert r.efficacy == pytest.approx(1.0)  # -(-0.5) + 0.5


def test_efficacy_is_minus_proliferation_plus_apoptosis_change(toggle):
    """efficacy = (untreated - treated PROLIFERATION) + (treated - untreated APOPTOSIS)."""
    r = bm.response(toggle, ["kin", "yact"], environment="growth")
    assert r.drugs == ("kin", "yact")
    expected = (r.untreated["PROLIFERATION"] - r.treated["PROLIFERATION"]
                + r.treated["APOPTOSIS"] - r.untreated["APOPTOSIS"])
    assert r.efficacy == pytest.approx(expected) == pytest.approx(2.0)


def test_efficacy_without_the_usual_readouts_counts_each_readout_down():
    """A model without PROLIFERATION/APOPTOSIS: efficacy = -(sum of readout deltas)."""
    text = "I, I\nK, I\nOUT, K\n"
    toml = ('[model]\nreadouts = ["OUT"]\n[environments.on]\ninputs = { I = 1 }\n'
            '[drugs.d]\nclass = "c"\ntargets = { K = 0 }\n')
    model = bm.Model.from_text(text, manifest=load_manifest(toml, "m.toml"))
    r = bm.response(model, "d", environment="on")
    assert dict(r.objective) == {"OUT": -1}
    assert r.efficacy == 1.0


def test_response_to_dict_is_json_and_str_is_readable(toggle):
    """to_dict() round-trips through JSON; str() names drug, condition and efficacy."""
    r = bm.response(toggle, "kin", background="X_loss", environment="starved")
    data = json.loads(json.dumps(r.to_dict()))
    assert data["drugs"] == ["kin"] and data["backgrounds"] == ["X_loss"]
    assert data["efficacy"] == r.efficacy
    text = str(r)
    assert "kin" in text and "starved + X_loss" in text and "efficacy" in text


def test_response_input_errors_are_boolmtor_errors(toggle):
    """Unknown drug/background/start, no drug, or start=untreated without async: clear errors."""
    with pytest.raises(bm.UnknownNameError, match="did you mean 'kin'"):
        bm.response(toggle, "kinn")
    with pytest.raises(bm.UnknownNameError):
        bm.response(toggle, "kin", background="nope")
    with pytest.raises(bm.BoolmtorError, match="start must be one of"):
        bm.response(toggle, "kin", start="anywhere")
    with pytest.raises(bm.BoolmtorError, match="at least one drug"):
        bm.response(toggle, [])
    with pytest.raises(bm.BoolmtorError, match="asynchronous"):
        bm.response(toggle, "kin", update="most-permissive")


def test_other_update_schemes_weigh_attractors_equally(toggle):
    """update="most-permissive", start="global": equal weights over trap spaces."""
    r = bm.response(toggle, "kin", update="most-permissive", start="global")
    assert r.treated["PROLIFERATION"] == pytest.approx(0.5)


@pytest.mark.parametrize("seed", range(10))
def test_carried_over_weights_equal_brute_force(seed):
    """Treated weight of B = sum_A weight(A) * P(B | uniform start in A), by brute force."""
    model = random_model(500 + seed, 6)
    untreated = model.fix({"X5": 1})
    treated = model.fix({"X5": 1, "X0": 0})
    before, after = carry_over(untreated, treated)
    nodes = list(model.nodes)
    expected: dict[tuple[str, int], float] = {}
    for states, w in brute_absorption(untreated).items():
        starts = [({**dict(zip(nodes, s)), "X0": 0}, w / len(states)) for s in states]
        for t_states, p in brute_absorption(treated, starts).items():
            cols = list(zip(*t_states))
            key = ("".join(str(c[0]) if len(set(c)) == 1 else "*" for c in cols),
                   len(t_states))
            expected[key] = expected.get(key, 0.0) + p
    got = {(a.pattern(nodes), a.size): a.weight for a in after}
    assert set(got) == set(expected)
    for key, p in expected.items():
        assert got[key] == pytest.approx(p, abs=1e-9)
    assert sum(a.weight for a in after) == pytest.approx(1.0)


def test_compare_drugs_and_combinations_tables(toggle):
    """One row per (environment, background, drug); pairs with excess over the best single."""
    df = bm.compare_drugs(toggle, environments="growth")
    assert list(df.columns[:11]) == ["environment", "background", "drug", "drug_class",
                                     "efficacy", "gr", "growing", "cytostatic", "cytotoxic",
                                     "kind", "exact"]
    assert len(df) == 2 * 3  # wild type + X_loss, three drugs (one per class)
    assert {"PROLIFERATION", "PROLIFERATION_delta"} <= set(df.columns)
    combos = bm.combinations(toggle, ["kin", "yact", "xinh"], environments=["growth"])
    assert len(combos) == 3
    row = combos[(combos.drug_a == "kin") & (combos.drug_b == "xinh")].iloc[0]
    assert row.excess_over_best_single == pytest.approx(
        row.efficacy_pair - max(row.efficacy_a, row.efficacy_b))
    with pytest.raises(bm.BoolmtorError, match="two different drugs"):
        bm.combinations(toggle, ["kin", "kin"])


# ---------------------------------------------------------------------------- curated model
@pytest.fixture(scope="module")
def mtor() -> bm.Model:
    return bm.load_model()


@pytest.fixture(scope="module")
def classes(mtor):
    growth = bm.compare_drugs(mtor, ["rapamycin", "everolimus", "temsirolimus", "torin1",
                                     "nvp-bez235"], backgrounds=[], environments="growth")
    return growth.set_index("drug")


@pytest.mark.parametrize("rapalog", ["rapamycin", "everolimus", "temsirolimus"])
@pytest.mark.parametrize("other", ["torin1", "nvp-bez235"])
def test_rapalogs_leave_akt_active_but_torkinibs_and_dual_inhibitors_do_not(classes, rapalog,
                                                                            other):
    """002: rapalogs "leave mTORC2 intact to activate a feedback loop to phosphorylate AKT";
    003: "mTORC1 inhibition by rapalogs abolishes the negative feedback loop, resulting in
    hyper activation of the PI3K/Akt signaling". Second-generation inhibitors do not: at most
    Thr308-phosphorylated AKT (level 1 of 2) remains (Rodrik-Outmezguine 2011)."""
    assert classes.loc[rapalog, "AKT"] == 1.0
    assert classes.loc[other, "AKT"] <= 0.5
    assert classes.loc[rapalog, "AKT"] > classes.loc[other, "AKT"]


def test_curated_response_is_fast_and_exact(mtor):
    """A response on the curated model takes well under a second and its weights are exact."""
    import time

    start = time.perf_counter()
    r = bm.response(mtor, "rapamycin", background="PTEN_loss", environment="growth")
    assert time.perf_counter() - start < 5
    assert set(r.untreated) == set(mtor.nodes) and r.exact
    assert sum(a.weight for a in r.treated_attractors) == pytest.approx(1.0)


@pytest.mark.parametrize("call", [
    lambda m, t: bm.response(m, "rapamycin", timeout=t),
    lambda m, t: bm.predict_markers(m, "rapamycin", timeout=t),
    lambda m, t: bm.compare_drugs(m, ["rapamycin", "torin1"], timeout=t),
    lambda m, t: bm.combinations(m, ["rapamycin", "torin1"], timeout=t),
    lambda m, t: bm.validate(m, timeout=t),
])
def test_long_calls_take_a_timeout(mtor, call):
    """timeout= stops a long call with TimeoutExceeded; a generous one changes nothing."""
    from boolmtor.weights import clear_cache

    clear_cache()
    with pytest.raises(bm.TimeoutExceeded, match="timeout"):
        call(mtor, 1e-4)
    assert str(call(mtor, 600)) == str(call(mtor, None))


def test_misspelt_update_names_the_valid_schemes():
    """response(update="asynchronus") says which schemes exist, not something unrelated."""
    with pytest.raises(BoolmtorError, match=r"update must be one of asynchronous, synchronous, "
                                            r"most-permissive, fixed-points, stochastic "
                                            r"\(got 'asynchronus'\)"):
        bm.response(bm.load_model(), "rapamycin", update="asynchronus")


def test_positional_arguments_after_model_and_drug_still_work_with_a_warning():
    """The old positional calls give the keyword calls' answer and a DeprecationWarning."""
    m = bm.load_model()
    with pytest.warns(DeprecationWarning, match="background=..., environment=..."):
        old = bm.response(m, "rapamycin", "PTEN_loss", "growth")
    assert old == bm.response(m, "rapamycin", background="PTEN_loss", environment="growth")
    with pytest.warns(DeprecationWarning, match="environments=..., backgrounds=..."):
        (old,) = bm.predict_markers(m, "rapamycin", "growth", ["PTEN_loss"])
    (new,) = bm.predict_markers(m, "rapamycin", environments="growth", backgrounds=["PTEN_loss"])
    assert old == new
    with pytest.raises(TypeError, match="twice"):
        bm.response(m, "rapamycin", "PTEN_loss", background="PTEN_loss")
