"""Drug-response and marker report sections, and the [[marker_expectations]] of the manifest."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import boolmtor as bm
from toys import BASE_TOML, TOY
from boolmtor.reporting.drug_report import drug_response_report, marker_report
from boolmtor.manifest import load_manifest
from boolmtor.marker_checks import check_markers

ROOT = Path(__file__).resolve().parent.parent

TOY_TOML = BASE_TOML + """\
[drugs.inhib]
class = "rapalog"
targets = { TARGET = 0 }
[drugs.survin]
class = "bcl2_inhibitor"
targets = { SURV = 0 }
[backgrounds.ONC_on]
alterations = { ONC = 1 }
[backgrounds.SURV_OE]
alterations = { SURV = 1 }
[backgrounds.Z_on]
alterations = { Z = 1 }

[[marker_expectations]]
id = "onc-sensitive"
statement = "the oncogene sensitizes"
background = "ONC_on"
drugs = ["inhib"]
effect = "sensitizing"
ref = "toy"
[[marker_expectations]]
id = "surv-resistant"
background = "SURV_OE"
drugs = ["inhib"]
effect = "resistance"
ref = "toy"
[[marker_expectations]]
id = "z-sensitive"
background = "Z_on"
drugs = ["inhib"]
effect = "sensitizing"
ref = "wrong on purpose"
[[marker_expectations]]
id = "z-sensitive-known"
background = "Z_on"
drugs = ["inhib", "survin"]
effect = "sensitizing"
ref = "wrong on purpose"
disagreement = "Z reads nothing"
"""


@pytest.fixture(scope="module")
def toy() -> bm.Model:
    return bm.Model.from_text(TOY, manifest=load_manifest(TOY_TOML, "toy.toml"))


def png_size(fig_png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(fig_png)).size


def test_manifest_reads_marker_expectations(toy):
    """[[marker_expectations]] become MarkerExpectation objects, in file order."""
    found = toy.manifest.marker_expectations
    assert [m.id for m in found] == ["onc-sensitive", "surv-resistant", "z-sensitive",
                                     "z-sensitive-known"]
    assert found[0].statement == "the oncogene sensitizes"
    assert found[3].drugs == ("inhib", "survin") and found[3].disagreement


@pytest.mark.parametrize("entry, message", [
    ('background = "ONC_on"\ndrugs = ["inhib"]\neffect = "helpful"',
     "effect must be one of sensitizing, resistance, neutral (got 'helpful')"),
    ('drugs = ["inhib"]\neffect = "sensitizing"', "missing 'background'"),
    ('background = "ONC_on"\neffect = "sensitizing"', "'drugs' must name at least one drug"),
])
def test_malformed_marker_expectation_is_a_manifest_error(entry, message):
    """A bad [[marker_expectations]] table is a one-line ManifestError naming the file."""
    with pytest.raises(bm.ManifestError) as info:
        load_manifest(f'[[marker_expectations]]\nid = "x"\n{entry}\n', "m.toml")
    assert message in str(info.value) and "m.toml" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("field, value, kind", [("background", "NOPE_mut", "background"),
                                                ("drugs", '["nodrug"]', "drug")])
def test_marker_expectation_names_are_checked_against_the_model(tmp_path, field, value, kind):
    """Unknown backgrounds or drugs fail at load time; `boolmtor lint` prints one line, exit 2."""
    toml = TOY_TOML.replace('background = "ONC_on"', 'background = "NOPE_mut"') \
        if field == "background" else TOY_TOML.replace('drugs = ["inhib"]\neffect = "sens',
                                                       f'drugs = {value}\neffect = "sens', 1)
    (tmp_path / "toy.bnet").write_text(TOY)
    (tmp_path / "model.toml").write_text(toml)
    with pytest.raises(bm.ManifestError, match=f"marker expectation 'onc-sensitive'.*{kind}"):
        bm.load_model(tmp_path)
    res = subprocess.run([sys.executable, "-m", "boolmtor.cli", "lint", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and res.stderr.count("\n") == 1


def test_statements_are_judged_by_predict_markers(toy):
    """A statement holds when predict_markers gives its effect for every drug it names."""
    checks = {c.expectation.id: c for c in check_markers(toy)}
    assert {k: c.status for k, c in checks.items()} == {
        "onc-sensitive": "fail",      # ONC_on only grows without GF: 2 vs 2 (wt in growth)
        "surv-resistant": "pass",     # growth: apoptosis stays off, efficacy 1 vs 2
        "z-sensitive": "fail",        # Z is read by no rule: neutral
        "z-sensitive-known": "known",
    }
    assert checks["surv-resistant"].observed() == "inhib: resistance (-1.00)"
    assert checks["onc-sensitive"].observed() == "inhib: neutral (+0.00, independent in starved)"
    assert checks["z-sensitive-known"].observed() == ("inhib: neutral (+0.00); "
                                                      "survin: neutral (+0.00)")
    for c in checks.values():  # the same judgement as calling predict_markers directly
        for m in c.markers:
            (direct,) = bm.predict_markers(toy, m.drugs, backgrounds=[c.expectation.background])
            assert direct == m
    assert checks["z-sensitive"].to_dict()["reproduced"] is False


def test_known_markers_are_reused_and_give_the_same_answer(toy):
    """Markers passed in `known` replace the computation without changing the result."""
    found = {"inhib": bm.predict_markers(toy, "inhib")}
    assert check_markers(toy, known=found) == check_markers(toy)


def test_drug_response_report_heatmaps_and_combinations(toy, tmp_path):
    """One heatmap per environment, the HSA heatmap, and the wild type's synergy maps (no
    background departs from Bliss: SURV_OE in growth has f_inhib = 1, so f_pair = 1 is
    exactly what Bliss expects; the pair's gain shows in HSA only)."""
    rep = drug_response_report(toy)
    names = [f.name for f in rep.figures]
    assert names == ["response_growth", "response_starved", "combinations",
                     "synergy_growth_wild_type", "synergy_starved_wild_type"]
    for f in rep.figures:
        w, h = png_size(f.png)
        assert w > 300 and h > 200
    md = rep.to_markdown()
    # SURV_OE in growth: inhib alone 1 (GR 0, apoptosis stays off), survin alone 0, both 2
    # (GR -1): HSA excess 1; Bliss 1 - (1 + 0 - 0) = 0
    assert re.search(r"\| growth \| SURV_OE \| inhib \| survin \| 1 \| 0 \| 2 \| 1 \| 0 \|", md)
    # starved wild type: does not grow, GR and Bliss undefined
    assert "| starved | wild type | inhib + survin | 0 | 0 | 0 | – |  |" in md
    assert "In the wild type (growth) AKT" not in md  # the toy has no AKT node
    rep.write(tmp_path / "dr")
    assert (tmp_path / "dr" / "figures" / "combinations.png").is_file()


def test_marker_report_ranks_markers_and_lists_statements(toy):
    """Sensitizing and resistance markers are ranked per drug; each statement has a status."""
    rep = marker_report(toy)
    md = rep.to_markdown()
    assert "No sensitizing marker for inhib." in md  # ONC_on: independence only
    assert re.search(r"\| 1 \| SURV_OE \| -1 \| 0 \| -1 \| – \| growth: efficacy 1\.00 "
                     r"\(cytostatic \+1\.00, cytotoxic \+0\.00\) vs wt 2\.00", md)
    assert re.search(r"\| ONC_on \| starved \| .*starved: efficacy 2\.00 .* vs wt in growth", md)
    assert "| z-sensitive | " in md and "NOT REPRODUCED |" in md
    assert "NOT REPRODUCED (known): Z reads nothing" in md
    assert "**1 of 4 reproduced**" in md
    assert rep.summary.endswith("seed statements reproduced: 1 of 4")
    (fig,) = rep.figures
    w, h = png_size(fig.png)
    assert w > 300 and h > 200


def test_sections_handle_a_model_without_drugs_or_backgrounds():
    """A bare model gets a short explanation instead of an error."""
    m = bm.Model.from_text("A, A\nB, A")
    assert drug_response_report(m).summary == "no drugs"
    assert marker_report(m).summary == "no markers"


@pytest.mark.slow
def test_curated_model_seed_biomarkers():
    """Every biomarker statement the rules were written from is reproduced: 003's PTEN, AKT,
    PI3K, cyclin D1, Bcl2 and FRB statements among them. Held-out ones (`validation-`) may be
    documented disagreements, never silent failures."""
    checks = check_markers(bm.load_model())
    by_id = {c.expectation.id: c for c in checks}
    assert {"pten-deficiency-sensitive", "akt-activation-sensitive", "pi3k-mutation-sensitive",
            "cyclin-d1-sensitive", "bcl2-overexpression-resistant",
            "mtor-frb-mutation-rapamycin-resistant"} <= set(by_id)
    failing = {i: c.observed() for i, c in by_id.items()
               if c.status == "fail" or (c.status != "pass" and not i.startswith("validation-"))}
    assert not failing, failing
    known = {i for i, c in by_id.items() if c.status == "known"}
    assert all(by_id[i].expectation.disagreement for i in known)


@pytest.mark.parametrize("script", ["drug_response_report.py", "marker_report.py"])
def test_scripts_reject_bad_input_in_one_line(script, tmp_path):
    """A missing rules path is one line on stderr and exit 2."""
    res = subprocess.run([sys.executable, str(ROOT / "analyses" / script), "--rules",
                          str(tmp_path / "missing.bnet"), "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
