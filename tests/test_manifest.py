"""A manifest for any model: found beside a rules file or given with `manifest=` / `--manifest`,
its format as docs/manifest.md documents it (the worked example there is loaded here, on the
published MAPK model of the pinned collection), and what a model without one does."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
from test_collection import collection
from toys import BASE_TOML, TOY

import boolmtor as bm
from boolmtor.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "manifest.md"
MAPK = "[MAPK-CANCER-CELL-FATE]"
"""Model 070 of the collection: Grieco et al. 2013, the worked example of docs/manifest.md."""


def doc_manifest() -> str:
    """The TOML block of docs/manifest.md's worked example."""
    block = DOC.read_text().split("tests/test_manifest.py's MAPK manifest")[1]
    return re.search(r"```toml\n(.*?)```", block, re.DOTALL).group(1)


def mapk_files(folder: Path, suffix: str) -> Path:
    """The collection's MAPK model written as mapk.bnet or mapk.sbml into `folder`."""
    (name,) = [n for n in collection() if MAPK in n and n.endswith(f"model{suffix}")]
    path = folder / f"mapk{suffix}"
    path.write_bytes(collection()[name])
    return path


def quiet_load(*args, **kwargs) -> bm.Model:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bm.ModelWarning)  # the MAPK model's free inputs
        return bm.load_model(*args, **kwargs)


# ---------------------------------------------------------------------------- worked example
def test_worked_example_manifest_beside_the_published_bnet_file(tmp_path):
    """docs/manifest.md's mapk.toml beside mapk.bnet is picked up, and its expectation holds."""
    bnet = mapk_files(tmp_path, ".bnet")
    bare = quiet_load(bnet)
    assert not bare.drugs and bare.default_environment is None
    (tmp_path / "mapk.toml").write_text(doc_manifest())
    model = quiet_load(bnet)
    assert model.name == "grieco_mapk"
    assert set(model.environments) == {"egf", "dna_damage", "tgfb"}
    assert model.default_environment == "egf"
    assert model.drug("trametinib").targets == {"v_MEK1_2": 0}
    result = bm.validate(model)
    assert result.counts() == {"pass": 1, "fail": 0, "known": 0}
    # the expectation can fail: without the drug, ERK is not off under EGF
    atts = bm.attractors(model, environment="egf")
    assert any(a.fixed.get("v_ERK") != 0 for a in atts)


def test_worked_example_through_the_cli_on_the_sbml_file(tmp_path, capsys):
    """`--manifest` on the SBML file: the response's default environment is the manifest's
    tumour environment, and the MEK inhibitor switches ERK and proliferation off."""
    sbml = mapk_files(tmp_path, ".sbml")
    toml = tmp_path / "grieco.toml"  # any name: given explicitly
    toml.write_text(doc_manifest())
    assert main(["response", str(sbml), "--manifest", str(toml), "--drug", "trametinib",
                 "--json", "--quiet"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["environment"] == "egf"
    assert r["untreated"]["v_Proliferation"] > 0 and r["treated"]["v_Proliferation"] == 0
    assert r["treated"]["v_ERK"] == 0
    # [model] efficacy: apoptosis counts for the drug, proliferation against, arrest not
    assert r["objective"] == {"v_Proliferation": -1, "v_Apoptosis": 1}
    assert r["efficacy"] == pytest.approx(-r["delta"]["v_Proliferation"]
                                          + r["delta"]["v_Apoptosis"])
    assert main(["attractors", str(sbml), "--manifest", str(toml), "--env", "dna_damage",
                 "--drug", "alpelisib", "--json", "--quiet"]) == 0
    atts = json.loads(capsys.readouterr().out)
    assert atts and all(a["fixed"]["v_PI3K"] == 0 and a["fixed"]["v_DNA_damage"] == 1
                        for a in atts)


# ---------------------------------------------------------------------------- where it is found
def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_manifest_beside_a_file_is_the_file_of_the_same_name(tmp_path):
    """x.toml goes with x.bnet (model.toml with model.bnet); y.bnet beside it has none."""
    write(tmp_path, "x.bnet", TOY)
    write(tmp_path, "x.toml", BASE_TOML)
    write(tmp_path, "y.bnet", TOY)
    assert set(bm.load_model(tmp_path / "x.bnet").environments) == {"growth", "starved"}
    assert not bm.load_model(tmp_path / "y.bnet").environments
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "model.bnet", TOY)
    write(tmp_path / "sub", "model.toml", BASE_TOML)
    assert bm.load_model(tmp_path / "sub" / "model.bnet").name == "toy"


def test_manifest_argument_replaces_the_one_beside(tmp_path):
    """manifest= (a path or a Manifest) wins over x.toml and over a folder's model.toml."""
    write(tmp_path, "x.bnet", TOY)
    write(tmp_path, "x.toml", BASE_TOML)
    other = write(tmp_path, "other.toml", BASE_TOML.replace('name = "toy"', 'name = "other"')
                  + "[environments.wet]\ninputs = { GF = 1 }\n")
    model = bm.load_model(tmp_path / "x.bnet", manifest=other)
    assert model.name == "other" and "wet" in model.environments
    assert bm.load_model(tmp_path / "x.bnet", manifest=model.manifest) == model
    assert "wet" in bm.load_model(tmp_path, manifest=other).environments  # a folder
    assert "wet" not in bm.load_model(tmp_path).environments
    assert bm.load_model(tmp_path / "x.bnet").with_manifest(other).name == "other"


def test_manifest_of_a_single_file_may_not_list_other_rules_files(tmp_path):
    write(tmp_path, "x.bnet", TOY)
    write(tmp_path, "x.toml", BASE_TOML.replace("[model]\n", '[model]\nrules = ["a.bnet"]\n'))
    with pytest.raises(bm.ManifestError, match="single file x.bnet"):
        bm.load_model(tmp_path / "x.bnet")


def test_with_manifest_needs_an_unperturbed_model(tmp_path):
    model = bm.Model.from_text(TOY).fix({"GF": 1})
    with pytest.raises(bm.BoolmtorError, match="unperturbed"):
        model.with_manifest(write(tmp_path, "m.toml", BASE_TOML))


def test_manifest_path_that_cannot_be_read_is_one_clear_error(tmp_path, capsys):
    write(tmp_path, "x.bnet", TOY)
    assert main(["lint", str(tmp_path / "x.bnet"), "--manifest", str(tmp_path / "no.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("no.toml: cannot read manifest (No such file or directory)")
    assert "\n" not in err


# ---------------------------------------------------------------------------- the format
@pytest.mark.parametrize("table, bad", [
    ("[model]\n", 'titel = "x"\n'),
    ("[environments.growth]\n", "input = { GF = 1 }\n"),
    ("[environments.starved]\n", 'refs = "x"\n'),
])
def test_misspelt_key_is_an_error_not_ignored(table, bad):
    """A key the format does not know is an error naming the expected keys and the line."""
    text = BASE_TOML.replace(table, table + bad)
    with pytest.raises(bm.ManifestError, match=r"unknown key '\w+'; expected") as info:
        bm.Model.from_text(TOY, manifest=bm.manifest.load_manifest(text, "m.toml"))
    assert info.value.line == text.splitlines().index(table.strip()) + 1


@pytest.mark.parametrize("extra, message", [
    ('[drugs.d]\nclass = "k"\ntarget = { K = 0 }\n', "unknown key 'target'"),
    ('[backgrounds.b]\nalteration = { K = 0 }\n', "unknown key 'alteration'"),
    ('[[expectations]]\nid = "e"\nexpects = { K = "on" }\n', "unknown key 'expects'"),
    ('[[expectations]]\nid = "e"\nexpect = { K = "up" }\ncompare_to = { environ = "growth" }\n',
     "compare_to: unknown key 'environ'"),
    (('[[marker_expectations]]\nid = "m"\nbackground = "b"\ndrugs = ["d"]\n'
      'effect = "neutral"\ndrug = "d"\n'), "unknown key 'drug'"),
    ("[environments.default]\ninputs = { GF = 1 }\n", "'default' is reserved"),
    ("[environments.wet]\ninputs = { K = 1 }\n", r"names 'K', which is not an input \(inputs:"),
])
def test_manifest_errors_say_what_is_wrong(tmp_path, extra, message):
    write(tmp_path, "x.bnet", TOY)
    write(tmp_path, "x.toml", BASE_TOML + extra)
    with pytest.raises(bm.ManifestError, match=message):
        bm.load_model(tmp_path / "x.bnet")


@pytest.mark.parametrize("efficacy, message", [
    ("{ APOPTOSIS = 2 }", r"APOPTOSIS must be 1 .* or -1 .* \(got 2\)"),
    ("{ TARGET = 1 }", "names 'TARGET', which is not a readout"),
])
def test_efficacy_signs_are_checked(efficacy, message):
    text = BASE_TOML.replace("[model]\n", f"[model]\nefficacy = {efficacy}\n")
    with pytest.raises(bm.ManifestError, match=message):
        bm.Model.from_text(TOY, manifest=bm.manifest.load_manifest(text, "m.toml"))


def test_efficacy_signs_replace_the_default_objective():
    """[model] efficacy sets the objective: here a drug that raises PROLIFERATION (the toy's
    readout names kept, signs turned round) counts as effective."""
    text = BASE_TOML.replace("[model]\n", "[model]\nefficacy = { PROLIFERATION = 1 }\n")
    model = bm.Model.from_text(TOY, manifest=bm.manifest.load_manifest(text, "m.toml"))
    r = bm.response(model, "KO:TARGET")
    assert r.objective == {"PROLIFERATION": 1} and r.environment == "growth"
    assert r.delta["PROLIFERATION"] == -1 and r.efficacy == -1


# ---------------------------------------------------------------------------- default environment
def test_default_environment_first_tumour_then_first_then_none():
    m = bm.manifest.load_manifest
    assert bm.Model.from_text(TOY, manifest=m(BASE_TOML, "t")).default_environment == "growth"
    swapped = BASE_TOML.replace('["growth", "starved"]', '["starved"]')
    assert bm.Model.from_text(TOY, manifest=m(swapped, "t")).default_environment == "starved"
    listed = BASE_TOML.replace('tumour_environments = ["growth", "starved"]\n', "")
    assert bm.Model.from_text(TOY, manifest=m(listed, "t")).default_environment == "growth"
    assert bm.Model.from_text(TOY).default_environment is None


def test_response_without_a_manifest_leaves_inputs_free():
    """bm.response's default environment on a model without a manifest: inputs free, the
    same answer as environment=None (not "unknown environment 'growth'")."""
    model = bm.Model.from_text(TOY)
    r = bm.response(model, "KO:TARGET")
    assert r.environment is None
    assert r.to_dict() == bm.response(model, "KO:TARGET", environment=None).to_dict()
    assert r.delta["PROLIFERATION"] < 0
    fixed = bm.response(model, "KO:TARGET", environment={"GF": 1, "ONC": 0, "SURV": 0})
    assert fixed.untreated["PROLIFERATION"] == 1 and fixed.treated["PROLIFERATION"] == 0


def test_named_drug_without_a_manifest_is_one_line_pointing_to_the_format(tmp_path):
    model = bm.Model.from_text(TOY)
    with pytest.raises(bm.UnknownNameError, match=r"^unknown drug 'rapamycin': this model has "
                       r"no manifest, so no drugs; write one \(docs/manifest.md\)"):
        bm.response(model, "rapamycin")
    write(tmp_path, "x.bnet", TOY)
    write(tmp_path, "x.toml", BASE_TOML)
    with pytest.raises(bm.UnknownNameError, match=r"the manifest .*x.toml defines no drugs"):
        bm.response(bm.load_model(tmp_path / "x.bnet"), "rapamycin")


# ---------------------------------------------------------------------------- --set on the CLI
def test_response_and_screen_take_set_for_inputs(tmp_path, capsys):
    """`--set NODE=0/1` fixes inputs for response and screen, as for attractors."""
    rules = write(tmp_path, "toy.bnet", TOY)
    sets = ["--set", "GF=1", "--set", "ONC=0"]
    assert main(["response", str(rules), "--drug", "KO:TARGET", *sets, "--json",
                 "--quiet"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["environment"] == "GF=1, ONC=0"
    assert r["untreated"]["PROLIFERATION"] == 1 and r["treated"]["PROLIFERATION"] == 0
    assert main(["screen", str(rules), "--node", "TARGET", "--kind", "knockout", *sets,
                 "--json", "--quiet"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["environment"] for row in rows] == ["GF=1, ONC=0"] * 2
    assert [row["PROLIFERATION"] for row in rows] == [1.0, 0.0]
    with pytest.raises(SystemExit) as info:  # argparse: --set and --env exclude each other
        main(["screen", str(rules), "--set", "GF=1", "--env", "growth", "--quiet"])
    assert info.value.code == 2 and "not allowed with" in capsys.readouterr().err
