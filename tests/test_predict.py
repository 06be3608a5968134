"""bm.predict: alteration table, name matching, ranking with ties, samples, CLI, panel, report.

The hand-made model (tests/toys.py's TOY) has a drug target TARGET driven by K = GF | ONC:

    PROLIFERATION = TARGET;  APOPTOSIS = !TARGET & !SURV

Drugs: tinib (TARGET = 0), survib (SURV = 0), zdrug (Z = 1, acts on nothing that matters).
Backgrounds: ONC_mut (ONC = 1), SURV_OE (SURV = 1). Environments: growth (GF = 1) and starved
(GF = 0), both tumour environments. Efficacy = -dPROLIFERATION + dAPOPTOSIS; every network
here has a single fixed point, so scores are 0 or 1 and the answers can be worked out by hand:

- ONC G12D (ONC_mut): untreated PROLIFERATION 1, APOPTOSIS 0 in both environments.
  tinib: PROLIFERATION 0, APOPTOSIS 1 -> +2 in both, mean +2.  survib: TARGET stays 1, so
  APOPTOSIS stays 0 -> 0.  zdrug -> 0.  Best single: tinib alone (+2).
  Pairs: tinib+survib +2, tinib+zdrug +2, survib+zdrug 0 -> two pairs tie at the top (+2),
  and no pair does more than its better drug (every excess is 0).
- ONC G12D + SURV amplification: APOPTOSIS is held off by SURV.  tinib: PROLIFERATION 1 -> 0,
  APOPTOSIS stays 0 -> +1; survib 0; zdrug 0 -> best single tinib (+1).  tinib+survib: the
  drug overrides the background (SURV = 0), so APOPTOSIS 1 -> +2, excess +1 over tinib:
  the single best pair.  tinib+zdrug +1, survib+zdrug 0.
- P53 loss (not modelled: the wild type), in starved only: untreated PROLIFERATION 0 and
  APOPTOSIS 1; no drug changes anything -> every drug and every pair scores 0: "no class or
  pair differs".
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

import boolmtor as bm
from boolmtor import cli
from boolmtor.errors import UnknownAlterationError
from boolmtor.manifest import fold
from boolmtor.predict import match_alterations, split_alterations
from boolmtor.samples import load_panel, panel_path, read_samples
from toys import BASE_TOML, TOY

MANIFEST = BASE_TOML + """
[drugs.tinib]
class = "target_inhibitor"
targets = { TARGET = 0 }
[drugs.survib]
class = "bh3_mimetic"
targets = { SURV = 0 }
[drugs.zdrug]
class = "z_class"
targets = { Z = 1 }

[backgrounds.ONC_mut]
alterations = { ONC = 1 }
[backgrounds.SURV_OE]
alterations = { SURV = 1 }

[alterations."ONC G12D"]
gene = "ONC"
aliases = ["ONC mutation", "ONC G12V"]
backgrounds = ["ONC_mut"]
ref = "Test A et al. 2020 J Tests 1:1, doi:10.0000/onc"

[alterations."SURV amplification"]
gene = "SURV"
backgrounds = ["SURV_OE"]
ref = "Test A et al. 2020 J Tests 1:1, doi:10.0000/surv"

[alterations."P53 loss"]
gene = "P53"
modelled = false
reason = "no p53 node"
ref = "Test A et al. 2020 J Tests 1:1, doi:10.0000/p53"

[alterations."GHOST loss"]
gene = "GHOST"
backgrounds = ["GHOST_loss"]
if_missing = "no GHOST node"
ref = "Test A et al. 2020 J Tests 1:1, doi:10.0000/ghost"
"""


def write_model(folder: Path, manifest: str = MANIFEST) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "toy.bnet").write_text(TOY)
    (folder / "model.toml").write_text(manifest)
    return folder


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return write_model(tmp_path_factory.mktemp("predict") / "toy")


@pytest.fixture(scope="module")
def toy(rules) -> bm.Model:
    return bm.load_model(rules)


def scores(choices) -> dict[str, float]:
    return {c.name: c.score for c in choices}


# ---------------------------------------------------------------------------- the table
def test_alteration_table_is_read(toy):
    """Model.alterations holds each entry with its gene, aliases, backgrounds and reference."""
    alt = toy.alterations["ONC G12D"]
    assert (alt.gene, alt.aliases, alt.backgrounds) == ("ONC", ("ONC mutation", "ONC G12V"),
                                                        ("ONC_mut",))
    assert alt.modelled and "doi:10.0000/onc" in alt.ref
    assert not toy.alterations["P53 loss"].modelled


@pytest.mark.parametrize("entry, message", [
    ('[alterations."X"]\ngene = "X"\nbackgrounds = ["NOPE"]\nref = "r 2020 doi:10.1/x"\n',
     "names background 'NOPE', which [backgrounds] does not define"),
    ('[alterations."X"]\nbackgrounds = ["ONC_mut"]\nref = "r"\n', "missing 'gene'"),
    ('[alterations."X"]\ngene = "X"\nref = "r"\n', "'backgrounds' must name at least one"),
    ('[alterations."X"]\ngene = "X"\nbackgrounds = ["ONC_mut"]\n', "missing 'ref'"),
    ('[alterations."X"]\ngene = "X"\nmodelled = false\nbackgrounds = ["ONC_mut"]\n'
     'reason = "r"\nref = "r"\n', "takes a 'reason' and no 'backgrounds'"),
    ('[alterations."X"]\ngene = "X"\nmodelled = "no"\nreason = "r"\nref = "r"\n',
     "'modelled' must be true or false"),
    ('[alterations."X"]\ngene = "X"\naliases = ["onc  g12d"]\nbackgrounds = ["ONC_mut"]\n'
     'ref = "r"\n', "'onc  g12d' already names alteration 'ONC G12D'"),
    ('[alterations."X"]\ngene = "X"\nbackground = ["ONC_mut"]\nref = "r"\n',
     "unknown key 'background'"),
])
def test_bad_alteration_entries_are_manifest_errors(tmp_path, entry, message):
    """A bad [alterations] entry is a ManifestError naming model.toml (and its line)."""
    folder = write_model(tmp_path / "bad", MANIFEST + "\n" + entry)
    with pytest.raises(bm.ManifestError) as err:
        bm.load_model(folder)
    text = str(err.value)
    assert message in text and "model.toml" in text and "\n" not in text
    if "does not define" not in message:  # structural errors point at the entry's line
        lines = (folder / "model.toml").read_text().splitlines()
        assert err.value.line is not None and '"X"' in lines[err.value.line - 1]


# ---------------------------------------------------------------------------- matching
def test_names_match_whatever_their_case_spacing_or_underscores(toy):
    """Case, runs of spaces and '_' do not matter; aliases and background names match too."""
    for name in ("ONC G12D", "onc g12d", "  Onc   G12d ", "ONC_G12D", "onc mutation",
                 "ONC G12V", "ONC_mut"):
        matched, backgrounds, not_modelled = match_alterations(toy, name)
        assert backgrounds == ("ONC_mut",) and not not_modelled, name
    assert fold(" A__b  c ") == "a b c"


def test_a_string_or_a_list_of_alterations(toy):
    """One comma-separated string and a list give the same backgrounds, applied together."""
    one = match_alterations(toy, "ONC G12D, SURV amplification")
    many = match_alterations(toy, ["ONC G12D", "SURV amplification"])
    assert one == many and one[1] == ("ONC_mut", "SURV_OE")
    assert split_alterations(["a, b", " c ;d", ""]) == ("a", "b", "c", "d")
    assert match_alterations(toy, "ONC G12D, onc mutation")[1] == ("ONC_mut",)  # deduplicated


def test_unknown_alteration_of_a_known_gene_names_the_closest(toy):
    """A misspelt protein change of a known gene: one line naming that gene's alterations."""
    with pytest.raises(UnknownAlterationError) as err:
        match_alterations(toy, "ONC G13D")
    text = str(err.value)
    assert isinstance(err.value, bm.UnknownNameError) and isinstance(err.value, KeyError)
    assert "\n" not in text and "unknown alteration 'ONC G13D' of ONC" in text
    assert "(closest: 'ONC G12D'" in text and "known for ONC: ONC G12D" in text


def test_unknown_gene_names_the_closest_alterations(toy):
    """A misspelt gene: the closest alteration names and the genes of the table."""
    with pytest.raises(bm.BoolmtorError) as err:
        bm.predict(toy, "OMC G12D")
    text = str(err.value)
    assert "closest: 'ONC G12D'" in text and "genes in the table: GHOST, ONC, P53, SURV" in text
    with pytest.raises(bm.BoolmtorError, match="give at least one alteration"):
        bm.predict(toy, " , ")


def test_not_modelled_alterations_are_listed_not_failed(toy):
    """modelled = false and a background missing from the model both say 'not modelled'."""
    matched, backgrounds, not_modelled = match_alterations(toy, "P53 loss, GHOST loss, ONC G12D")
    assert backgrounds == ("ONC_mut",)
    assert not_modelled == {"P53 loss": "no p53 node",
                            "GHOST loss": "not modelled in this model: no GHOST node"}
    assert matched == {"P53 loss": "P53 loss", "GHOST loss": "GHOST loss",
                       "ONC G12D": "ONC G12D"}


# ---------------------------------------------------------------------------- ranking
def test_single_best_drug_and_tied_pairs(toy):
    """ONC G12D: tinib alone is best (+2); two pairs tie at +2 (see the module docstring)."""
    p = bm.predict(toy, "ONC G12D")
    assert scores(p.singles) == {"tinib": 2.0, "survib": 0.0, "zdrug": 0.0}
    assert [(c.name, c.rank) for c in p.singles] == [("tinib", 1), ("survib", 2), ("zdrug", 2)]
    assert scores(p.pairs) == {"tinib + survib": 2.0, "tinib + zdrug": 2.0,
                               "survib + zdrug": 0.0}
    assert [c.name for c in p.best_pairs] == ["tinib + survib", "tinib + zdrug"]
    assert p.statements == ("best drug: tinib (efficacy +2.000)",
                            "2 pairs tie at the top (efficacy +2.000): tinib + survib, "
                            "tinib + zdrug",
                            "no pair does more than the better of its two drugs")
    assert p.untreated == {"growth": {"PROLIFERATION": 1.0, "APOPTOSIS": 0.0},
                           "starved": {"PROLIFERATION": 1.0, "APOPTOSIS": 0.0}}


def test_a_pair_that_does_more_than_its_best_drug(toy):
    """ONC G12D + SURV amplification: tinib +1; tinib + survib +2, excess +1, ranked first."""
    p = bm.predict(toy, "ONC G12D, SURV amplification")
    assert scores(p.singles) == {"tinib": 1.0, "survib": 0.0, "zdrug": 0.0}
    best, = p.best_pairs
    assert best.name == "tinib + survib" and best.score == 2.0
    assert best.mean("excess_over_best_single") == 1.0
    assert best.measures["growth"]["efficacy"] == best.measures["starved"]["efficacy"] == 2.0
    assert "best pair: tinib + survib (efficacy +2.000)" in p.statements
    assert not any("no pair does more" in s for s in p.statements)


def test_nothing_differs_is_said_not_tie_broken(toy):
    """Wild type in starved: every drug and pair scores 0, and the statement says so."""
    p = bm.predict(toy, "P53 loss", environment="starved")
    assert p.backgrounds == () and set(scores(p.singles).values()) == {0.0}
    assert {c.rank for c in (*p.singles, *p.pairs)} == {1}
    assert p.statements[0] == "no alteration is modelled: the tumour is the wild type in this model"
    assert p.statements[1].startswith("no class or pair differs in this model for this tumour")
    assert "not modelled: P53 loss (no p53 node)" in p.statements
    assert "best drug" not in str(p) and "no class or pair differs" in str(p)


def test_options_drugs_environment_no_pairs(toy):
    """drugs=, environment= and pairs=False narrow the ranking; the mean is over environments."""
    p = bm.predict(toy, "P53 loss", drugs=["tinib", "zdrug"], pairs=False)
    assert p.pairs == () and [c.name for c in p.singles] == ["tinib", "zdrug"]
    # wild type: tinib +2 in growth (TARGET on), 0 in starved (already off) -> mean +1
    assert p.singles[0].score == 1.0 and p.environments == ("growth", "starved")
    g = bm.predict(toy, "P53 loss", drugs="tinib", environment="growth", pairs=True)
    assert g.singles[0].score == 2.0 and g.pairs == ()  # one drug: no pair to rank
    with pytest.raises(bm.UnknownNameError, match="did you mean 'tinib'"):
        bm.predict(toy, "ONC G12D", drugs=["tinb"])


def test_result_is_typed_frozen_and_serialisable(toy):
    """Prediction is frozen; to_dict is JSON; table() has one row per treatment."""
    p = bm.predict(toy, "ONC G12D", sample="line-1")
    with pytest.raises(AttributeError):
        p.singles = ()
    d = json.loads(json.dumps(p.to_dict()))
    assert d["sample"] == "line-1" and d["backgrounds"] == ["ONC_mut"]
    assert d["singles"][0]["drugs"] == ["tinib"] and d["statements"] == list(p.statements)
    t = p.table()
    assert len(t) == 6 and list(t.kind) == ["single"] * 3 + ["pair"] * 3
    assert set(t.columns) >= {"sample", "rank", "treatment", "classes", "efficacy",
                              "efficacy_growth", "efficacy_starved",
                              "excess_over_best_single_growth"}
    assert t.loc[t.treatment == "tinib", "efficacy"].item() == 2.0


def test_predict_many_checks_every_name_first_and_shares_work(toy, monkeypatch):
    """A bad name in the last sample fails before any response is computed."""
    predict_module = importlib.import_module("boolmtor.predict")  # bm.predict is the function

    calls = []
    real = predict_module.response
    monkeypatch.setattr(predict_module, "response", lambda *a, **k: calls.append(a) or real(*a, **k))
    with pytest.raises(UnknownAlterationError, match="sample 'B': unknown alteration"):
        bm.predict_many(toy, {"A": "ONC G12D", "B": "ONC G99X"})
    with pytest.raises(bm.UnknownNameError, match="unknown environment"):
        bm.predict_many(toy, {"A": "ONC G12D"}, environment="sttarved")
    assert calls == []
    found = bm.predict_many(toy, {"A": "ONC G12D", "B": "onc mutation, P53 loss"}, pairs=False)
    assert len(calls) == 6  # 3 drugs x 2 environments, once for both samples
    assert found["B"].sample == "B" and scores(found["B"].singles) == scores(found["A"].singles)
    assert dict(found["B"].not_modelled) == {"P53 loss": "no p53 node"}


# ---------------------------------------------------------------------------- samples + CLI
def test_samples_file_errors_name_file_and_line(tmp_path):
    """Bad samples files: one message with path:line and what was expected."""
    cases = {
        "s\talts\nA\tx\n": ":1: the header needs a column 'alterations'",
        "s\talterations\nA\tx\ty\n": ":2: expected 2 tab-separated columns",
        "s\talterations\nA\tx\nA\ty\n": ":3: sample 'A' is defined twice (first at line 2)",
        "# c\ns\talterations\nA\t\n": ":3: sample 'A' has no alterations",
        "# only a comment\n": ":1: no header",
    }
    for text, message in cases.items():
        path = tmp_path / "s.tsv"
        path.write_text(text)
        with pytest.raises(bm.BoolmtorError) as err:
            read_samples(path)
        assert message in str(err.value) and str(path) in str(err.value), text


def test_cli_predict_text_and_json(rules, capsys):
    """`boolmtor predict --alterations` prints the ranking; --json the Prediction's dict."""
    assert cli.main(["predict", str(rules), "--alterations", "ONC G12D, P53 loss",
                     "--no-pairs"]) == 0
    out = capsys.readouterr().out
    assert "best drug: tinib" in out and "not modelled: P53 loss" in out and "pairs:" not in out
    assert cli.main(["predict", str(rules), "--alterations", "onc mutation", "--json",
                     "--env", "growth", "--drugs", "tinib, survib"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["environments"] == ["growth"] and [c["drugs"] for c in d["pairs"]] == [
        ["tinib", "survib"]]


def test_cli_predict_samples_file(rules, tmp_path, capsys):
    """--samples FILE predicts every row; --json gives one object per sample."""
    path = tmp_path / "panel.tsv"
    path.write_text("# two tumours\nsample\ttissue\talterations\n"
                    "T1\tlung\tONC G12D\nT2\tskin\tONC G12D, SURV amplification\n")
    assert cli.main(["predict", str(rules), "--samples", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["sample"] for d in out] == ["T1", "T2"]
    assert out[1]["pairs"][0]["drugs"] == ["tinib", "survib"]


@pytest.mark.parametrize("args, message", [
    (["--alterations", "ONC G13X"], "unknown alteration 'ONC G13X' of ONC"),
    (["--alterations", ""], "give at least one alteration"),
    (["--alterations", "ONC G12D", "--env", "grwoth"], "unknown environment 'grwoth'"),
    (["--alterations", "ONC G12D", "--drugs", "tinb"], "unknown drug 'tinb'"),
    (["--samples", "/no/such/file.tsv"], "cannot read samples file"),
])
def test_cli_predict_bad_input_one_line_exit_2_before_computing(rules, capsys, monkeypatch,
                                                                args, message):
    """Bad names exit 2 with one line, and no response is computed first."""
    predict_module = importlib.import_module("boolmtor.predict")  # bm.predict is the function

    monkeypatch.setattr(predict_module, "response",
                        lambda *a, **k: pytest.fail("computed before checking the input"))
    assert cli.main(["predict", str(rules), *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_cli_predict_bad_sample_row_names_file_and_line(rules, tmp_path, capsys):
    path = tmp_path / "s.tsv"
    path.write_text("sample\talterations\nT1\tONC G12D\nT2\tSURV amplificaton\n")
    assert cli.main(["predict", str(rules), "--samples", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3: sample 'T2': unknown alteration 'SURV amplificaton'" in err
    assert "closest: 'SURV amplification'" in err and err.count("\n") == 1


def test_cli_predict_needs_exactly_one_source(rules, capsys):
    """--alterations, --samples and --panel: exactly one (a usage error, exit 2, otherwise)."""
    for args in ([], ["--panel", "--alterations", "x"]):
        with pytest.raises(SystemExit) as stop:
            cli.main(["predict", str(rules), *args])
        assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "one of the arguments --alterations --samples --panel is required" in err
    assert "not allowed with" in err


# ---------------------------------------------------------------------------- the panel
def test_panel_is_valid_for_the_curated_model():
    """At least 12 lines; every line has a tissue and a source; every alteration resolves."""
    model = bm.load_model()
    panel = load_panel()
    assert len(panel) >= 12 and panel_path().name == "cell_lines.tsv"
    assert len({s.fields["tissue"].split()[0] for s in panel}) >= 5
    for s in panel:
        assert s.fields["tissue"] and len(s.fields["source"]) > 20, s.name
        assert re.search(r"(19|20)\d\d|doi:|PMID:|PMC\d|Hugging Face|github|\.(com|org)\b",
                         s.fields["source"]), s.name
        matched, backgrounds, _ = match_alterations(model, s.alterations)
        assert matched, s.name
    by_name = {s.name: match_alterations(model, s.alterations)[1] for s in panel}
    assert by_name["PC-3"] == ("PTEN_loss",) and by_name["BT-474"] == ("ERBB2_amp",)


def test_curated_alterations_map_to_curated_backgrounds():
    """Every modelled alteration of the curated table names a background of the model or
    carries an if_missing note; every entry has a reference."""
    model = bm.load_model()
    assert {"PTEN loss", "PIK3CA mutation", "KRAS mutation", "BCL2 amplification",
            "TSC1 loss", "TSC2 loss", "MTOR F2108L"} <= set(model.alterations)
    for alias in ("PTEN deletion", "PTEN null", "PIK3CA H1047R", "PIK3CA E545K", "KRAS G12D",
                  "KRAS G12V", "KRAS G13D", "BRAF V600E", "ERBB2 amplification",
                  "EIF4E amplification", "AKT1 E17K", "STK11 loss", "MCL1 amplification",
                  "CCND1 amplification"):
        match_alterations(model, alias)
    for alt in model.alterations.values():
        assert alt.ref
        assert all(b in model.backgrounds for b in alt.backgrounds) or alt.if_missing


@pytest.mark.slow
def test_pten_loss_line_follows_compare_drugs_and_is_rapalog_sensitive():
    """PC-3 (PTEN loss): the drug order is that of efficacies computed through bm.response
    (compare_drugs, averaged over the tumour environments); PTEN loss raises rapamycin's
    efficacy over the wild type (003: PTEN deficiency makes cells sensitive)."""
    model = bm.load_model()
    pc3 = next(s for s in load_panel() if s.name == "PC-3")
    p = bm.predict(model, pc3.alterations, pairs=False, sample=pc3.name)
    table = bm.compare_drugs(model, backgrounds=["PTEN_loss"])
    pten = table[table.background == "PTEN_loss"].groupby("drug").efficacy.mean()
    assert scores(p.singles) == pytest.approx(pten.to_dict())
    ordered = [c.score for c in p.singles]
    assert ordered == sorted(ordered, reverse=True)
    for a, b in zip(p.singles, p.singles[1:]):
        assert (a.rank == b.rank) == (abs(a.score - b.score) < 1e-9)
    wild = bm.predict(model, "TP53 mutation", drugs=["rapamycin"], pairs=False)
    assert scores(p.singles)["rapamycin"] > wild.singles[0].score


# ---------------------------------------------------------------------------- figure, report
def test_panel_heatmap_outlines_every_rank_one_cell(toy):
    """One outline per rank-1 drug of each row: ties show as several outlined cells."""
    from matplotlib.patches import Rectangle

    preds = bm.predict_many(toy, {"A": "ONC G12D", "W": "P53 loss"}, pairs=False,
                            environment="starved")
    fig = bm.plot.panel_heatmap(preds, title="panel")
    outlines = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(outlines) == sum(len(p.best_singles) for p in preds.values()) == 1 + 3
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "+2.00" in texts and "0.00" in texts
    with pytest.raises(bm.BoolmtorError, match="no predictions"):
        bm.plot.panel_heatmap([])


def test_cell_line_report_section(toy, tmp_path):
    """The section has the heatmap, a per-line table with tie statements and sources."""
    from boolmtor.reporting.report import cell_line_report

    path = tmp_path / "s.tsv"
    path.write_text("cell_line\ttissue\talterations\tsource\n"
                    "L1\tlung\tONC G12D\tTest 2020, doi:10.0/x\n"
                    "L2\tskin\tP53 loss\tTest 2020, doi:10.0/y\n"
                    "L3\tskin\tBAD gene\tTest 2020, doi:10.0/z\n")
    rep = cell_line_report(toy, samples=read_samples(path))
    rep.write(tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text()
    assert "figures/cell_lines.png" in md and "| L1 | lung | ONC G12D | ONC_mut |" in md
    assert "best drug: tinib" in md and "no alteration is modelled" in md
    assert "L3: unknown alteration 'BAD gene'" in md and "Test 2020, doi:10.0/x" in md
    assert "<img src=\"data:image/png;base64," in (tmp_path / "out" / "index.html").read_text()
    assert rep.summary.startswith("2 cell lines × 3 drug classes")
    bare = bm.Model.from_text(TOY, manifest=bm.Manifest())
    assert "no alteration table" == cell_line_report(bare).summary
