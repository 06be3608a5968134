"""`predict_markers`: definitions on a toy model, and the seed biomarkers on the curated model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import boolmtor as bm
from seed_quotes import seeds_dir
from toys import BASE_TOML, TOY
from boolmtor.cli import main
from boolmtor.manifest import load_manifest

RULES = Path(__file__).resolve().parent.parent / "rules" / "mtor"

TOY_TOML = BASE_TOML + """\
[drugs.inhib]
class = "target_inhibitor"
site = "POCKET"
targets = { TARGET = 0 }
[backgrounds.ONC_on]
alterations = { ONC = 1 }
[backgrounds.SURV_OE]
alterations = { SURV = 1 }
[backgrounds.POCKET_mut]
blocks_sites = ["POCKET"]
[backgrounds.Z_on]
alterations = { Z = 1 }
"""


@pytest.fixture(scope="module")
def toy() -> bm.Model:
    return bm.Model.from_text(TOY, manifest=load_manifest(TOY_TOML, "toy.toml"))


def test_markers_are_ranked_and_judged_by_dependency_in_growing_niches(toy):
    """Wild type: growth grows (P 1, A 0; inhib -> P 0, A 1: GR -1, efficacy 2), starved does
    not (P 0, A 1), so the reference growing niche is growth (efficacy 2).

    ONC_on grows in both (K = GF | ONC): growth 2 - 2, starved 2 - 2 (vs growth): score 0,
    independent in starved. Z_on is the wild type: growth 0, starved does not grow. SURV_OE
    (apoptosis never on): growth GR 0, efficacy 1 (cytostatic 1, cytotoxic 0) - 2 = -1,
    starved P 0, A 0 does not grow. POCKET_mut: the drug cannot bind, growth 0 - 2.
    """
    markers = bm.predict_markers(toy, "inhib")
    assert [(m.alteration, m.effect, m.score) for m in markers] == [
        ("ONC_on", "neutral", 0.0),
        ("Z_on", "neutral", 0.0),
        ("SURV_OE", "resistance", -1.0),
        ("POCKET_mut", "resistance", -2.0),
    ]
    onc, z, surv, pocket = markers
    assert onc.independent_in == ("starved",) and z.independent_in == ()
    assert [e.environment for e in onc.evidence] == ["growth", "starved"]
    starved = onc.evidence[1]
    assert starved.counts and starved.reference_environment == "growth"
    assert (starved.efficacy, starved.wild_type_efficacy, starved.difference) == (2.0, 2.0, 0.0)
    assert dict(starved.deltas) == {"PROLIFERATION": -1.0, "APOPTOSIS": 1.0}
    assert dict(starved.wild_type_deltas) == {"PROLIFERATION": -1.0, "APOPTOSIS": 1.0}
    assert not surv.evidence[1].counts and surv.evidence[1].difference is None
    assert (surv.cytostatic, surv.cytotoxic) == (0.0, -1.0)   # acts through apoptosis
    assert (pocket.cytostatic, pocket.cytotoxic) == (-1.0, -1.0)


def test_environments_backgrounds_and_threshold_can_be_chosen(toy):
    """environments= and backgrounds= narrow the evaluation; threshold= moves the cut."""
    (m,) = bm.predict_markers(toy, "inhib", environments="growth", backgrounds=["SURV_OE"])
    assert (m.score, m.effect) == (-1.0, "resistance")
    (m,) = bm.predict_markers(toy, "inhib", backgrounds=["SURV_OE"], threshold=1.01)
    assert m.effect == "neutral"
    (m,) = bm.predict_markers(toy, "inhib", backgrounds=["SURV_OE"], threshold=1.0)
    assert m.effect == "resistance"  # |score| == threshold counts
    (m,) = bm.predict_markers(toy, "inhib", environments="starved", backgrounds=["SURV_OE"])
    assert (m.score, m.effect, m.has_evidence) == (0.0, "neutral", False)
    assert "no sensitivity evidence" in m.note


def test_marker_to_dict_is_json_and_str_names_the_effect(toy):
    """Marker.to_dict() is JSON; str() says alteration, effect, drug, score and independence."""
    m = bm.predict_markers(toy, "inhib", backgrounds="ONC_on")[0]
    data = json.loads(json.dumps(m.to_dict()))
    assert data["alteration"] == "ONC_on" and len(data["evidence"]) == 2
    assert data["independent_in"] == ["starved"]
    assert str(m).startswith("ONC_on: neutral to inhib (score +0.000")
    assert "starved +0.000 (vs wild type in growth)" in str(m)
    assert "grows without the wild type in starved" in str(m)


def test_marker_input_errors(toy):
    """Bad threshold, unknown background or environment: BoolmtorError."""
    with pytest.raises(bm.BoolmtorError, match="threshold"):
        bm.predict_markers(toy, "inhib", threshold=-1)
    with pytest.raises(bm.UnknownNameError):
        bm.predict_markers(toy, "inhib", backgrounds=["nope"])
    with pytest.raises(bm.UnknownNameError):
        bm.predict_markers(toy, "inhib", environments=["nope"])


def test_cli_markers_and_response(toy, tmp_path, capsys):
    """`boolmtor markers` / `response` print tables or JSON; user errors exit 2, one line."""
    (tmp_path / "toy.bnet").write_text(TOY)
    (tmp_path / "model.toml").write_text(TOY_TOML)
    assert main(["markers", "--drug", "inhib", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "independent in" in out
    assert re.search(r"ONC_on +neutral +\+0\.000 +\+0\.000 +\+0\.000 +\+0\.000 +\+0\.000 +starved", out)
    assert re.search(r"SURV_OE +resistance +-1\.000 +\+0\.000 +-1\.000 +-1\.000 +- +-", out)
    assert main(["markers", "--drug", "inhib", "--env", "growth", "--json", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["alteration"] == "ONC_on" and data[0]["score"] == 0.0
    assert main(["response", "--drug", "inhib", "--background", "SURV_OE", str(tmp_path)]) == 0
    assert "efficacy +1.000" in capsys.readouterr().out
    assert main(["response", "--drug", "nope", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("boolmtor: error: unknown drug 'nope'") and err.count("\n") == 1


# ---------------------------------------------------------------------------- curated model
RAPALOGS = ["rapamycin", "everolimus", "temsirolimus"]


@pytest.fixture(scope="module")
def mtor() -> bm.Model:
    return bm.load_model()


@pytest.fixture(scope="module")
def rapalog_markers(mtor):
    return {d: {m.alteration: m for m in bm.predict_markers(mtor, d)} for d in RAPALOGS}


def _seed_says(text: str) -> None:
    """The quoted seed sentence is in seed 003 (line breaks aside), where the seeds are."""
    folder = seeds_dir()
    if folder is not None:
        assert text in " ".join((folder / "003_09bcf4bceecbc197.txt").read_text().split())


@pytest.mark.parametrize("background", ["PTEN_loss", "PIK3CA_mut", "AKT_active"])
@pytest.mark.parametrize("drug", RAPALOGS)
def test_pi3k_akt_backgrounds_sensitize_to_rapalogs_in_growth(rapalog_markers, drug,
                                                              background):
    """003: "cancer cells where the mTOR pathway is hyperactive owing to PTEN deficiency [44],
    Akt phosphorylation [45] or PI3K mutations [39] are particularly sensitive to mTOR
    inhibitors." Sensitizing through dependency: the difference holds in growth factors,
    where the wild type grows too; growth-factor independence is reported apart."""
    _seed_says("or PI3K mutations [39] are particularly sensitive to mTOR inhibitors")
    marker = rapalog_markers[drug][background]
    assert marker.effect == "sensitizing"
    growth = next(e for e in marker.evidence if e.environment == "growth")
    assert growth.counts and growth.difference >= marker.threshold
    assert "no_growth_factors" in marker.independent_in


@pytest.mark.parametrize("drug", ["torin1", "nvp-bez235"])
def test_bcl2_overexpression_predicts_resistance_to_atp_site_inhibitors(mtor, drug):
    """003: "Overexpression of antiapoptotic proteins such as Bcl2 may also serve as viable
    predictors of resistance to mTOR inhibitors [48]." The drugs that kill (MCL1 loss) lose
    that part of their effect; the cytostatic part is untouched."""
    _seed_says("Overexpression of antiapoptotic proteins such as Bcl2 may also serve as "
               "viable predictors of resistance to mTOR inhibitors")
    (m,) = bm.predict_markers(mtor, drug, backgrounds=["BCL2_OE"])
    assert m.effect == "resistance" and m.cytotoxic < 0 and abs(m.cytostatic) < 1e-9


@pytest.mark.parametrize("drug", RAPALOGS)
def test_bcl2_overexpression_leaves_cytostatic_rapalogs_alone(rapalog_markers, drug):
    """002: rapalogs are "generally cytostatic rather than cytotoxic": with no apoptosis to
    block, BCL2 overexpression does not change their effect."""
    assert rapalog_markers[drug]["BCL2_OE"].effect == "neutral"


@pytest.mark.parametrize("drug", RAPALOGS)
def test_frb_mutation_resists_rapalogs(rapalog_markers, drug):
    """003: rapamycin's target was found by "selection of spontaneous mutations that confer
    resistance to the growth inhibitory effect of rapamycin"; the rapalogs bind the FRB
    domain ("FKBP12, which then interacts with the FRB")."""
    _seed_says("selection of spontaneous mutations that confer resistance to the growth "
               "inhibitory effect of rapamycin")
    assert rapalog_markers[drug]["MTOR_FRB_mut"].effect == "resistance"


def test_frb_mutation_does_not_resist_a_torkinib(mtor):
    """002: second-generation inhibitors "block the mTOR kinase ATP binding site", not the
    FRB domain that the rapalog-resistance mutations change."""
    (m,) = bm.predict_markers(mtor, "torin1", backgrounds=["MTOR_FRB_mut"])
    assert m.effect != "resistance"


def test_curated_markers_are_fast(mtor):
    """All backgrounds over the tumour environments for one new drug: a few seconds."""
    import time

    start = time.perf_counter()
    markers = bm.predict_markers(mtor, "ridaforolimus")
    assert time.perf_counter() - start < 20
    assert len(markers) == len(mtor.backgrounds)


def test_environment_keyword_of_the_design_is_accepted(toy):
    """predict_markers(..., environment="growth") equals environments=["growth"]."""
    assert (bm.predict_markers(toy, "inhib", environment="growth")
            == bm.predict_markers(toy, "inhib", environments=["growth"]))
    with pytest.raises(bm.BoolmtorError, match="not both"):
        bm.predict_markers(toy, "inhib", environment="growth", environments=["growth"])
