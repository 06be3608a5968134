"""What the curated model predicts, checked against the literature it cites (issue: model v2).

Each test states a finding and its source; the numbers come from the package's own analyses
(`bm.response`, `bm.predict_markers`), so a change of the rules that breaks a finding fails here.
"""

from __future__ import annotations

import pytest

import boolmtor as bm

CLASSES = {"rapalog": "rapamycin", "torkinib": "torin1", "dual_pi3k_mtor": "nvp-bez235",
           "akt_inhibitor": "mk-2206", "pi3k_inhibitor": "alpelisib",
           "mek_inhibitor": "trametinib", "rtk_inhibitor": "lapatinib"}


@pytest.fixture(scope="module")
def model() -> bm.Model:
    return bm.load_model()


@pytest.fixture(scope="module")
def growth(model):
    """Wild type in growth factors: one response per drug class."""
    return {c: bm.response(model, d, environment="growth") for c, d in CLASSES.items()}


def _profile(r: bm.Response) -> tuple:
    return tuple(round(r.treated[n], 6) for n in ("PROLIFERATION", "APOPTOSIS", "GROWTH",
                                                  "AUTOPHAGY", "AKT", "PI3K", "ERK"))


def test_drug_classes_give_different_profiles(growth):
    """The seven classes differ in readouts and key nodes in growth factors (002, 003): no two
    share a profile."""
    profiles = {c: _profile(r) for c, r in growth.items()}
    assert len(set(profiles.values())) == len(profiles), profiles


def test_rapalog_is_partial_and_cytostatic(growth):
    """002: rapalogs are "generally cytostatic rather than cytotoxic"; RAD001 "moderate
    antiproliferative effect and no apoptosis"."""
    r = growth["rapalog"]
    assert 0 < r.treated["PROLIFERATION"] < r.untreated["PROLIFERATION"]
    assert r.treated["APOPTOSIS"] == r.untreated["APOPTOSIS"] == 0
    assert r.kind == "cytostatic" and r.cytotoxic == 0 and 0 < r.efficacy < 1


@pytest.mark.parametrize("cls", ["torkinib", "dual_pi3k_mtor"])
def test_atp_site_inhibitors_beat_rapalogs(growth, cls):
    """002: TORKinibs are "more effective than rapamycin at inhibiting protein synthesis, AKT
    phosphorylation, and at inducing G1 arrest and/or apoptosis"; 003: dual inhibitors "more
    efficacious than rapalogs"."""
    r, rapa = growth[cls], growth["rapalog"]
    for node in ("GROWTH", "PROLIFERATION", "AKT", "EIF4E"):
        assert r.treated[node] < rapa.treated[node], node
    assert r.treated["APOPTOSIS"] > rapa.treated["APOPTOSIS"]
    assert r.kind == "cytotoxic" and r.efficacy > rapa.efficacy


def test_rapalog_reactivates_akt_and_erk_but_dual_does_not(growth):
    """003: rapalogs relieve the S6K -| IRS1 feedback, hyperactivating PI3K/AKT and MAPK; dual
    inhibitors reduce "the hyperactivation of PI3K that typically results in mTORC1
    inhibition"."""
    rapa, dual = growth["rapalog"], growth["dual_pi3k_mtor"]
    for node in ("AKT", "PI3K", "ERK", "IRS1"):
        assert rapa.change(node) > 0, node
    assert dual.treated["PI3K"] == dual.treated["AKT"] == 0
    assert dual.change("ERK") == 0


@pytest.fixture(scope="module")
def rapalog_markers(model):
    return {m.alteration: m for m in bm.predict_markers(model, "rapamycin")}


@pytest.mark.parametrize("background", ["PTEN_loss", "PIK3CA_mut", "AKT_active"])
def test_pi3k_akt_backgrounds_sensitize_in_growth_itself(model, rapalog_markers, background):
    """003: PTEN deficiency, Akt phosphorylation and PI3K mutation make cells "particularly
    sensitive to mTOR inhibitors" - through dependency, visible in growth factors where the
    wild type grows too, not only by growth-factor independence."""
    m = rapalog_markers[background]
    assert m.effect == "sensitizing"
    in_growth = next(e for e in m.evidence if e.environment == "growth")
    assert in_growth.counts and in_growth.difference >= m.threshold
    assert bm.response(model, "rapamycin", background=background).efficacy > \
        bm.response(model, "rapamycin").efficacy


def test_bcl2_resists_by_blocking_apoptosis(model):
    """003: Bcl2 overexpression predicts resistance; the model's reason is the apoptosis that
    TORKinibs cause in the wild type (MCL1 loss), which excess BCL2 blocks."""
    (m,) = [m for m in bm.predict_markers(model, "torin1") if m.alteration == "BCL2_OE"]
    assert m.effect == "resistance"
    assert m.cytotoxic < 0 and abs(m.cytostatic) < 1e-9


def test_frb_mutation_resists_rapalogs_only(model):
    """003: FRB-domain mutations stop rapamycin binding; ATP-site inhibitors still work."""
    def effect(drug):
        return {m.alteration: m.effect for m in bm.predict_markers(model, drug)}["MTOR_FRB_mut"]
    assert effect("rapamycin") == "resistance"
    assert effect("torin1") == "neutral"


def test_braf_not_kras_predicts_mek_dependency(model):
    """Held out (Solit 2006 Nature): BRAF mutation, unlike RAS mutation, gives "enhanced and
    selective sensitivity to MEK inhibition"."""
    effects = {m.alteration: m.effect for m in bm.predict_markers(model, "trametinib")}
    assert effects["BRAF_mut"] == "sensitizing"
    assert effects["KRAS_mut"] == "neutral"
    assert effects["PTEN_loss"] == "resistance"  # held out: Wee 2009 Cancer Res


def test_pten_null_cells_need_p110beta(model):
    """Wee 2008: PTEN-deficient tumours depend on p110beta, so the p110alpha-selective
    alpelisib spares them while it works on PIK3CA-mutant cells."""
    effects = {m.alteration: m.effect for m in bm.predict_markers(model, "alpelisib")}
    assert effects["PIK3CA_mut"] == "sensitizing"
    assert effects["PTEN_loss"] == "neutral"


def test_temsirolimus_and_mek_inhibitor_are_synergistic(model):
    """003: temsirolimus alone "yielded no significant effect", with the MEK inhibitor SL327 it
    worked: the pair beats both the best single drug and Bliss independence."""
    table = bm.combinations(model, ["temsirolimus", "sl327"], environments="growth")
    row = table.iloc[0]
    assert row["excess_over_best_single"] > 0 and row["excess_over_bliss"] > 0
