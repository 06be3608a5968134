"""Response v2 on hand-made networks: net growth, GR, cytostatic/cytotoxic parts, dependency
markers, HSA and Bliss excess, interventions, ties and confidence (docs/semantics.md)."""

from __future__ import annotations

import json
import math

import pytest

import boolmtor as bm
from absorption_brute import brute_absorption
from boolmtor.reporting.drug_report import best_pairs
from boolmtor.manifest import load_manifest
from boolmtor.response import NO_DIFFERENCE, leaders

ENVS = """\
[model]
readouts = ["PROLIFERATION", "APOPTOSIS"]
tumour_environments = ["growth", "starved"]
[environments.growth]
inputs = { GF = 1 }
[environments.starved]
inputs = { GF = 0 }
"""


def model(rules: str, toml: str) -> bm.Model:
    return bm.Model.from_text(rules, manifest=load_manifest(ENVS + toml, "toy.toml"))


# ============================================================================ single drugs
# K drives proliferation; without K the toggle A1/B1 decides (A1 also drives proliferation);
# D drives apoptosis.
KINDS = """\
GF, GF
K, GF
A1, !K & !B1
B1, !K & !A1
D, 0
PROLIFERATION, K | A1
APOPTOSIS, D
"""
KINDS_TOML = """\
[drugs.part]
class = "partial"
targets = { K = 0 }
[drugs.full]
class = "cytostatic"
targets = { K = 0, A1 = 0 }
[drugs.tox]
class = "cytotoxic"
targets = { D = 1 }
[drugs.kill]
class = "killer"
targets = { K = 0, A1 = 0, D = 1 }
[backgrounds.D_on]
alterations = { D = 1 }
"""


@pytest.fixture(scope="module")
def kinds() -> bm.Model:
    return model(KINDS, KINDS_TOML)


def test_cytostatic_drug(kinds):
    """full (K = A1 = 0) in growth: P 1 -> 0, A 0 -> 0. Nu = 1, Nt = 0: GR 0, efficacy 1 =
    cytostatic 1 + cytotoxic 0; kind cytostatic, not partial."""
    r = bm.response(kinds, "full")
    assert (r.net_growth_untreated, r.net_growth_treated, r.growing) == (1.0, 0.0, True)
    assert (r.gr, r.efficacy, r.cytostatic, r.cytotoxic) == (0.0, 1.0, 1.0, 0.0)
    assert (r.kind, r.partial, r.description) == ("cytostatic", False, "cytostatic")


def test_cytotoxic_drugs(kinds):
    """tox (D = 1): P stays 1, A 0 -> 1: Nt 0, GR 0, efficacy 1 = 0 + 1, kind cytotoxic.
    kill (K = A1 = 0, D = 1): P 0, A 1: Nt -1, GR -1, efficacy 2 = 1 + 1, cytotoxic."""
    tox = bm.response(kinds, "tox")
    assert (tox.gr, tox.efficacy, tox.cytostatic, tox.cytotoxic, tox.kind) == (
        0.0, 1.0, 0.0, 1.0, "cytotoxic")
    kill = bm.response(kinds, "kill")
    assert (kill.gr, kill.efficacy, kill.cytostatic, kill.cytotoxic, kill.kind) == (
        -1.0, 2.0, 1.0, 1.0, "cytotoxic")


def test_partial_blocker(kinds):
    """part (K = 0) from the untreated state (K 1, A1 = B1 = 0, P 1): A1 and B1 both switch
    on with probability 1/2 (the walk picks among A1, B1 and P uniformly; P's flip changes
    nothing for the toggle), so P = 0.5 (checked by brute force). Nt = 0.5, GR 0.5,
    efficacy 0.5 = cytostatic 0.5: "partial cytostatic"."""
    r = bm.response(kinds, "part")
    nodes = list(kinds.nodes)
    treated = kinds.perturb(bm.Perturbation(drugs=["part"]), environment="growth")
    start = {**dict(r.untreated), "K": 0}
    brute = brute_absorption(treated, [({n: int(start[n]) for n in nodes}, 1.0)])
    p = nodes.index("PROLIFERATION")
    expected = sum(w * sum(s[p] for s in states) / len(states) for states, w in brute.items())
    assert r.treated["PROLIFERATION"] == pytest.approx(expected) == pytest.approx(0.5)
    assert (r.gr, r.efficacy, r.cytostatic, r.cytotoxic) == pytest.approx((0.5, 0.5, 0.5, 0))
    assert (r.kind, r.partial, r.description) == ("cytostatic", True, "partial cytostatic")
    assert "efficacy +0.500 = cytostatic +0.500 + cytotoxic +0.000: partial cytostatic" in str(r)


def test_parts_are_shares_of_proliferation_and_apoptosis_added(kinds):
    """starved (GF 0, K 0): untreated A1 or B1 with weight 1/2 each: P 0.5, A 0, Nu 0.5.
    kill: P 0, A 1: cytostatic (0.5 - 0) / 0.5 = 1, cytotoxic 1 - 0 = 1, efficacy 2, as in
    growth where P starts at 1 (a faster-growing tumour that loses all of its proliferation
    and gains the same apoptosis is not read as less sensitive); GR -2 is clipped to -1."""
    starved = bm.response(kinds, "kill", environment="starved")
    growth = bm.response(kinds, "kill", environment="growth")
    assert starved.net_growth_untreated == pytest.approx(0.5)
    assert growth.net_growth_untreated == pytest.approx(1.0)
    for r in (starved, growth):
        assert (r.cytostatic, r.cytotoxic, r.efficacy) == pytest.approx((1.0, 1.0, 2.0))
    assert (starved.gr, growth.gr) == pytest.approx((-1.0, -1.0))


def test_a_drug_that_raises_proliferation_has_negative_efficacy():
    """starved: P 0.5; OE:K drives P to 1: cytostatic (0.5 - 1) / 0.5 = -1 (the clip's
    bound), efficacy -1; GR 1/0.5 = 2 is clipped to 1."""
    m = model(KINDS, KINDS_TOML)
    r = bm.response(m, "OE:K", environment="starved")
    assert (r.untreated["PROLIFERATION"], r.treated["PROLIFERATION"]) == pytest.approx((0.5, 1))
    assert (r.cytostatic, r.cytotoxic, r.efficacy, r.gr) == pytest.approx((-1, 0, -1, 1))
    assert r.kind == "none"


def test_non_growing_tumour_has_no_gr(kinds):
    """D_on in growth: P 1, A 1, Nu 0 (does not grow): GR None; full: P 0, A 1: efficacy =
    (1 - 0) / 1 + (1 - 1) = 1; the missing growth is flagged in str and to_dict."""
    r = bm.response(kinds, "full", background="D_on")
    assert (r.growing, r.gr, r.efficacy, r.cytostatic, r.cytotoxic) == (False, None, 1.0, 1.0,
                                                                       0.0)
    assert r.description == "cytostatic (untreated tumour does not grow)"
    assert "GR undefined" in str(r)
    data = json.loads(json.dumps(r.to_dict()))
    assert data["growing"] is False and data["gr"] is None and data["kind"] == "cytostatic"


def test_model_without_growth_readouts_keeps_the_objective_fallback():
    """No PROLIFERATION/APOPTOSIS: efficacy = -(sum of readout deltas); GR fields None."""
    toml = ('[model]\nreadouts = ["OUT"]\n[environments.on]\ninputs = { I = 1 }\n'
            '[drugs.d]\nclass = "c"\ntargets = { K = 0 }\n')
    m = bm.Model.from_text("I, I\nK, I\nOUT, K\n", manifest=load_manifest(toml, "m.toml"))
    r = bm.response(m, "d", environment="on")
    assert (r.efficacy, r.gr, r.growing, r.cytostatic, r.kind) == (1.0, None, None, None, None)
    assert "efficacy +1.000  (-dOUT)" in str(r)


# ============================================================================ interventions
def test_knockouts_overexpressions_and_ad_hoc_drugs_equal_the_manifest_drug(kinds):
    """KO:K, Perturbation(knockout=K), an ad-hoc drug {K: 0} and Intervention objects give
    the scores of the manifest drug `part` (K = 0); OE:D those of `tox` (D = 1)."""
    part = bm.response(kinds, "part")
    for spec in ("KO:K", "ko:K", bm.Perturbation(knockout=["K"]),
                 {"name": "mine", "targets": {"K": 0}}, bm.Intervention.knockout("K"),
                 bm.Intervention.custom("mine", {"K": 0}), bm.Intervention.drug("part")):
        r = bm.response(kinds, spec)
        assert dict(r.treated) == pytest.approx(dict(part.treated)), spec
    assert bm.response(kinds, "KO:K").drugs == ("KO:K",)
    both = bm.response(kinds, ["OE:D", {"name": "mine", "targets": {"K": 0, "A1": 0}}])
    assert both.drugs == ("OE:D", "mine") and both.efficacy == 2.0  # = kill
    assert dict(bm.response(kinds, "OE:D").treated) == dict(bm.response(kinds, "tox").treated)


@pytest.mark.parametrize("spec, message", [
    ({"name": "part", "targets": {"K": 0}}, "name of the manifest drug"),
    ({"name": "x", "targets": {"K": 2}}, "must be 0 or 1"),
    ({"name": "x"}, "ad-hoc drug is a dict"),
    ("KO:NOPE", "NOPE"),
    (bm.Perturbation(knockout=["K", "D"]), "exactly one"),
    (3, "an intervention must be"),
])
def test_bad_interventions_are_one_clear_error(kinds, spec, message):
    with pytest.raises(bm.BoolmtorError, match=message):
        bm.response(kinds, spec)


def test_a_list_of_backgrounds_is_applied_together():
    """background=[ONC_on, SURV_OE] is one tumour carrying both: both nodes fixed."""
    from toys import BASE_TOML, TOY
    toml = BASE_TOML + ('[drugs.inhib]\nclass = "c"\ntargets = { TARGET = 0 }\n'
                        '[backgrounds.ONC_on]\nalterations = { ONC = 1 }\n'
                        '[backgrounds.SURV_OE]\nalterations = { SURV = 1 }\n')
    m = bm.Model.from_text(TOY, manifest=load_manifest(toml, "t.toml"))
    r = bm.response(m, "inhib", background=["ONC_on", "SURV_OE"], environment="starved")
    assert r.backgrounds == ("ONC_on", "SURV_OE")
    assert (r.untreated["ONC"], r.untreated["SURV"], r.treated["APOPTOSIS"]) == (1, 1, 0)


# ============================================================================ combinations
# Two independent toggles: each drug leaves proliferation to its toggle (1/2), both to both.
TWO = """\
GF, GF
K1, GF
K2, GF
A1, !K1 & !B1
B1, !K1 & !A1
A2, !K2 & !B2
B2, !K2 & !A2
PROLIFERATION, (K1 | A1) & (K2 | A2)
APOPTOSIS, 0
"""
TWO_TOML = """\
[drugs.a]
class = "a"
targets = { K1 = 0 }
[drugs.b]
class = "b"
targets = { K2 = 0 }
"""
# Synthetic lethality: X or Y keeps the cell proliferating and alive.
SL = """\
GF, GF
X, GF
Y, GF
Z, GF
PROLIFERATION, X | Y
APOPTOSIS, !X & !Y
"""
SL_TOML = """\
[drugs.xi]
class = "x"
targets = { X = 0 }
[drugs.yi]
class = "y"
targets = { Y = 0 }
[drugs.zi]
class = "z"
targets = { Z = 0 }
"""


def test_additive_pair_by_bliss():
    """a alone: P = 1/2 (toggle 1), f_a = 0.5; b likewise; both: the toggles resolve
    independently, P = 1/4, f_pair = 0.75 = 0.5 + 0.5 - 0.25: excess over Bliss 0. HSA:
    efficacies 0.5, 0.5, 0.75: excess over the best single 0.25."""
    t = bm.combinations(model(TWO, TWO_TOML), ["a", "b"], environments="growth")
    row = t.iloc[0]
    assert (row.gr_a, row.gr_b, row.gr_pair) == pytest.approx((0.5, 0.5, 0.25))
    assert row.bliss_expected == pytest.approx(0.75)
    assert row.excess_over_bliss == pytest.approx(0.0, abs=1e-12)
    assert row.excess_over_best_single == pytest.approx(0.25)


def test_synergistic_pair_by_bliss_and_hsa():
    """xi or yi alone: P stays 1, A 0 (f 0, efficacy 0); both: P 0, A 1, GR -1, efficacy 2,
    f_pair = 1 - (-1) clipped to 1. Bliss expected 0: excess 1; HSA excess 2 - 0 = 2."""
    t = bm.combinations(model(SL, SL_TOML), ["xi", "yi"], environments="growth")
    row = t.iloc[0]
    assert (row.efficacy_a, row.efficacy_b, row.efficacy_pair) == (0.0, 0.0, 2.0)
    assert (row.bliss_expected, row.excess_over_bliss, row.excess_over_best_single) == (
        0.0, 1.0, 2.0)
    assert row.kind_pair == "cytotoxic" and bool(row.growing)


def test_bliss_is_undefined_when_the_tumour_does_not_grow():
    """starved (GF 0): X = Y = 0, P 0, A 1: not growing, so gr and Bliss are missing (NaN
    in the table; `inhibited_fraction` and `bliss` give None)."""
    from boolmtor.combinations import bliss, inhibited_fraction

    t = bm.combinations(model(SL, SL_TOML), ["xi", "yi"], environments="starved")
    row = t.iloc[0]
    assert math.isnan(row.gr_a) and math.isnan(row.excess_over_bliss) and not row.growing
    r = bm.response(model(SL, SL_TOML), "xi", environment="starved")
    assert inhibited_fraction(r) is None and bliss(None, 0.5, 1.0) == (None, None)


def test_combinations_take_interventions():
    """KO:X and an ad-hoc drug on Y are the synthetic-lethal pair."""
    t = bm.combinations(model(SL, SL_TOML), ["KO:X", {"name": "ykill", "targets": {"Y": 0}}],
                        environments="growth")
    assert list(t[["drug_a", "drug_b", "class_a", "class_b"]].iloc[0]) == [
        "KO:X", "ykill", "knockout", "custom"]
    assert t.iloc[0].excess_over_bliss == 1.0


def test_synergy_heatmap_draws_a_drug_by_drug_map(tmp_path):
    """One square map; None cells hatched; a table of several environments is refused."""
    m = model(SL, SL_TOML)
    t = bm.combinations(m, ["xi", "yi", "zi"], environments="growth")
    fig = bm.plot.synergy_heatmap(t, title="SL")
    fig.savefig(tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 1000
    both = bm.combinations(m, ["xi", "yi"], environments=["growth", "starved"])
    with pytest.raises(bm.BoolmtorError, match="environment"):
        bm.plot.synergy_heatmap(both)


# ============================================================================ ties
def test_ties_are_reported_not_broken():
    """xi + yi is the only pair above its best single agent (excess 2); with zi alone, all
    pairs tie at excess 0 and none is named."""
    m = model(SL, SL_TOML)
    t = bm.combinations(m, ["xi", "yi", "zi"], environments="growth")
    t["pair"] = t.drug_a + " + " + t.drug_b
    assert best_pairs(t).pair.tolist() == ["xi + yi"]
    t = bm.combinations(m, ["xi", "zi", "KO:Z"], environments="growth")  # nothing kills
    t["pair"] = t.drug_a + " + " + t.drug_b
    best = best_pairs(t).iloc[0]
    assert best.pair == "—" and best.note == f"3 pairs tie: {NO_DIFFERENCE}"
    assert leaders({"a": 1.0, "b": 1.0 + 1e-12, "c": 0.5}) == ("a", "b")


# ============================================================================ markers
# T (the drug target) and ALT drive proliferation; ALT needs growth factors (or ALT_ON);
# ALTLOSS removes ALT, ONC keeps T on without growth factors, CDKI arrests the cell.
DEP = """\
GF, GF
ONC, 0
ALT_ON, 0
ALTLOSS, 0
CDKI, 0
T, GF | ONC
ALT, (GF | ALT_ON) & !ALTLOSS
# alt: GF | ALT_ON | ONC
PROLIFERATION, (T | ALT) & !CDKI
APOPTOSIS, 0
"""
DEP_TOML = """\
[drugs.tinh]
class = "t_inhibitor"
targets = { T = 0 }
[backgrounds.DEP]
alterations = { ONC = 1, ALTLOSS = 1 }
[backgrounds.IND]
alterations = { ALT_ON = 1 }
[backgrounds.ARREST]
alterations = { CDKI = 1 }
"""


@pytest.fixture(scope="module")
def dep() -> bm.Model:
    return model(DEP, DEP_TOML)


def test_dependency_marker(dep):
    """Wild type: growth P 1 (T, ALT); tinh leaves ALT: efficacy 0. Starved: P 0, does not
    grow; reference growing niche = growth (efficacy 0). DEP (ONC, no ALT) grows in both;
    tinh stops it (GR 0, efficacy 1, cytostatic 1) in both: differences 1 - 0 and 1 - 0
    (vs growth): score 1, sensitizing, cytostatic +1, cytotoxic 0."""
    (m,) = bm.predict_markers(dep, "tinh", backgrounds=["DEP"])
    assert (m.effect, m.score, m.cytostatic, m.cytotoxic) == ("sensitizing", 1.0, 1.0, 0.0)
    assert [e.reference_environment for e in m.evidence] == ["growth", "growth"]
    assert m.independent_in == ("starved",) and m.has_evidence and m.note is None


def test_growth_factor_independence_alone_is_neutral(dep):
    """IND (ALT without GF): growth as wild type (0 - 0); starved grows (ALT) and tinh
    changes nothing (0) vs wild type in growth (0): score 0, neutral, independent in
    starved."""
    (m,) = bm.predict_markers(dep, "tinh", backgrounds=["IND"])
    assert (m.effect, m.score, m.independent_in) == ("neutral", 0.0, ("starved",))
    assert [e.difference for e in m.evidence] == [0.0, 0.0]


def test_non_growing_background_gives_no_evidence(dep):
    """ARREST (CDKI): P 0, A 0 everywhere: no environment counts; score 0, neutral, noted."""
    (m,) = bm.predict_markers(dep, "tinh", backgrounds=["ARREST"])
    assert (m.effect, m.score, m.has_evidence, m.cytostatic) == ("neutral", 0.0, False, None)
    assert m.note.startswith("no sensitivity evidence")
    assert all(not e.counts and not e.grows for e in m.evidence)


def test_no_reference_growing_niche():
    """A manifest with the starved environment only: the wild type grows nowhere, so DEP
    (which grows there) has no reference niche: neutral with a note."""
    toml = ENVS.split("[environments.growth]")[0].replace('"growth", ', "") + \
        "[environments.starved]\ninputs = { GF = 0 }\n" + DEP_TOML
    m = bm.Model.from_text(DEP, manifest=load_manifest(toml, "t.toml"))
    (k,) = bm.predict_markers(m, "tinh", backgrounds=["DEP"])
    assert (k.effect, k.score) == ("neutral", 0.0) and "no reference niche" in k.note


# ============================================================================ confidence
def test_confidence_of_a_marker_over_schemes_and_variants(dep):
    """Fixed points only: every scheme calls DEP sensitizing. The `# alt:` rule of ALT adds
    ONC as a driver, so in that variant DEP keeps ALT and tinh does nothing (score 0,
    neutral): the call holds in 1 of 2 variants."""
    (m,) = bm.predict_markers(dep, "tinh", backgrounds=["DEP"], confidence=True, samples=500)
    c = m.confidence
    assert c.call == "sensitizing" and c.schemes_agree
    assert set(c.schemes) >= {"asynchronous", "most-permissive"}
    assert (c.variant_share, c.n_variants, c.flips) == (0.5, 2, True)
    assert json.loads(json.dumps(m.to_dict()))["confidence"]["variant_share"] == 0.5


def test_confidence_of_a_response_and_of_a_pair(dep):
    """DEP, growth: tinh effective (efficacy 1) as written, no effect in the variant (ALT
    stays on). The synthetic-lethal pair has no `# alt:` rules: variant_share None + reason."""
    r = bm.response(dep, "tinh", background="DEP", confidence=True, samples=500)
    assert (r.confidence.call, r.confidence.variant_share) == ("effective", 0.5)
    assert "confidence: FLIPS" in str(r)
    t = bm.combinations(model(SL, SL_TOML), ["xi", "yi"], environments="growth",
                        confidence=True, samples=500)
    c = t.iloc[0].confidence
    assert (c.call, c.schemes_agree, c.variant_share, c.n_variants) == ("synergy", True, None, 0)
    assert c.reason == "the model has no '# alt:' rule variants"
    assert t.iloc[0].synergy_call == "synergy"


def test_reports_show_confidence_and_flag_flips(dep):
    """marker_report(confidence=True) prints each call's confidence and names DEP, whose call
    flips in the `# alt:` variant; without it the report says how to ask for it."""
    from boolmtor.reporting.drug_report import drug_response_report, marker_report

    md = marker_report(dep, confidence=True).to_markdown()
    assert "FLIPS: sensitizing" in md
    assert "Calls that FLIP under another update scheme or rule variant: DEP (tinh)" in md
    assert "--confidence" in marker_report(dep).to_markdown()
    sl = model(SL, SL_TOML)
    md = drug_response_report(sl, confidence=True).to_markdown()
    assert "Every pair's synergy call" in md
