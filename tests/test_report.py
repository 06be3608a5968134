"""Reports: header, self-contained HTML + Markdown, atomic writes, CLI, analyses scripts."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import boolmtor as bm
from boolmtor import cli
from boolmtor.reporting.report import (Report, atomic_dir, atomic_write, attractor_report, model_report,
                             progress, validation_report)

ROOT = Path(__file__).resolve().parent.parent
ANALYSES = ROOT / "analyses"
SCRIPTS = sorted(p for p in ANALYSES.glob("*.py") if not p.name.startswith("_"))

RULES = """\
GF, GF
AA, AA
RTK, GF
IRS1, RTK & !S6K
PI3K, IRS1
AKT, PI3K
TSC, !AKT
MTORC1, !TSC & AA
S6K, MTORC1
GROWTH, S6K
APOPTOSIS, !AKT
"""

MANIFEST = """\
[model]
name = "mini"
readouts = ["GROWTH", "APOPTOSIS"]

[modules]
inputs = ["GF", "AA"]
pi3k = ["RTK", "IRS1", "PI3K", "AKT"]
mtorc1 = ["TSC", "MTORC1", "S6K"]

[environments.growth]
inputs = { GF = 1, AA = 1 }
description = "growth factors and amino acids"
[environments.starved]
inputs = { GF = 0, AA = 0 }

[drugs.rapamycin]
class = "rapalog"
targets = { MTORC1 = 0 }

[[expectations]]
id = "growth-active"
environment = "growth"
expect = { GROWTH = "active" }
ref = "test"
[[expectations]]
id = "starved-growth-on"
environment = "starved"
expect = { GROWTH = "on" }
ref = "deliberately wrong"
"""

HEADER_KEYS = ("model version", "boolmtor version", "date", "command")


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mini_rules")
    (folder / "mini.bnet").write_text(RULES)
    (folder / "model.toml").write_text(MANIFEST)
    return folder


@pytest.fixture(scope="module")
def mini(rules_dir) -> bm.Model:
    return bm.load_model(rules_dir)


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def check_report_folder(folder: Path, model: bm.Model) -> None:
    html = (folder / "index.html").read_text()
    md = (folder / "report.md").read_text()
    for key in HEADER_KEYS:
        assert key in html and f"**{key}**" in md
    assert model.version in html and model.version in md
    assert bm.__version__ in md
    # self-contained: every image is embedded, and each is a sensible PNG
    srcs = re.findall(r'<img src="([^"]+)"', html)
    for src in srcs:
        assert src.startswith("data:image/png;base64,")
        img = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
        assert img.width > 300 and img.height > 200
    # Markdown figures are beside it
    figures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(figures) == len(srcs)
    for f in figures:
        assert (folder / f).is_file()
    meta = json.loads((folder / "report.json").read_text())
    assert meta["header"]["model version"] == model.version


def test_attractor_report_has_header_figure_and_weights(mini, tmp_path):
    """The attractor report lists each environment with weights and phenotypes, and a heatmap."""
    rep = attractor_report(mini)
    out = rep.write(tmp_path / "att", command="python make_it.py")
    assert out == tmp_path / "att" / "index.html"
    check_report_folder(tmp_path / "att", mini)
    md = (tmp_path / "att" / "report.md").read_text()
    assert "## Environment: growth" in md and "## Environment: starved" in md
    assert "`python make_it.py`" in md
    assert "| 1 | cyclic | 48 | 1.000 | osc | osc | GROWTH, APOPTOSIS oscillating |" in md
    assert re.search(r"\| 1 \| fixed point \| 1 \| (1\.000|not computed) \|", md)
    assert len(rep.figures) == 1


def test_model_report_lists_loops_and_rules(mini, tmp_path):
    """The model report has the network figure, the feedback-loop table and the rules."""
    model_report(mini).write(tmp_path / "model")
    check_report_folder(tmp_path / "model", mini)
    md = (tmp_path / "model" / "report.md").read_text()
    assert "| AKT → TSC → MTORC1 → S6K → IRS1 → PI3K → AKT | 6 | negative |" in md
    assert "| MTORC1 | `!TSC & AA` |" in md


def test_validation_report_table(mini, tmp_path):
    """The validation report gives each expectation's status and reference."""
    rep = validation_report(mini)
    assert rep.summary == "1 pass, 1 fail, 0 known disagreements"
    rep.write(tmp_path / "val")
    md = (tmp_path / "val" / "report.md").read_text()
    assert re.search(r"\| growth-active \| growth \| GROWTH active \| GROWTH [^|]+ \| PASS \| "
                     r"test \|", md)
    assert "FAIL" in md


def test_bm_report_writes_index_linking_every_section(mini, tmp_path):
    """bm.report writes an index and one folder per section, each with the header."""
    index = bm.report(mini, tmp_path / "reports")
    assert index == tmp_path / "reports" / "index.html"
    check_report_folder(tmp_path / "reports", mini)
    html = index.read_text()
    for folder in ("model_figure", "attractor", "drug_response", "marker", "validation"):
        assert f'href="{folder}/index.html"' in html
        check_report_folder(tmp_path / "reports" / folder, mini)
    assert "bm.report(bm.load_model(" in html  # the default command regenerates it
    assert leftovers(tmp_path) == []


def test_interrupted_report_leaves_no_partial_files(mini, tmp_path, monkeypatch):
    """An exception in the middle of a report leaves neither the folder nor temporary files."""
    import boolmtor.plot

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(boolmtor.plot, "attractors", boom)
    with pytest.raises(KeyboardInterrupt):
        bm.report(mini, tmp_path / "reports")
    assert list(tmp_path.iterdir()) == []


def test_interrupted_rewrite_keeps_the_previous_report(mini, tmp_path, monkeypatch):
    """Interrupting a rewrite leaves the earlier report whole, byte for byte."""
    bm.report(mini, tmp_path / "reports", sections=["validation"])
    before = {p: p.read_bytes() for p in (tmp_path / "reports").rglob("*") if p.is_file()}

    original = Report.render_into
    calls = []

    def render_then_fail(self, folder, command=None):
        original(self, folder, command)  # files are written into the temporary folder ...
        calls.append(folder)
        raise RuntimeError("disk full")  # ... then the run dies

    monkeypatch.setattr(Report, "render_into", render_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        bm.report(mini, tmp_path / "reports", sections=["validation"])
    assert calls
    after = {p: p.read_bytes() for p in (tmp_path / "reports").rglob("*") if p.is_file()}
    assert after == before
    assert leftovers(tmp_path) == []


def test_report_refuses_to_replace_a_folder_that_is_not_a_report(mini, tmp_path):
    """An existing folder with other files is never deleted by a report."""
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(bm.BoolmtorError, match="not a boolmtor report folder"):
        bm.report(mini, tmp_path)
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    """atomic_write leaves the old content if writing fails, and no temporary file."""
    target = tmp_path / "index.html"
    atomic_write(target, "old")

    class Exploding(str):
        def encode(self, *args):
            raise OSError("no space left")

    with pytest.raises(OSError):
        atomic_write(target, Exploding("new"))
    assert target.read_text() == "old"
    atomic_write(target, b"new")
    assert target.read_text() == "new"
    assert leftovers(tmp_path) == []


def test_atomic_dir_cleans_up_on_error(tmp_path):
    with pytest.raises(ValueError):
        with atomic_dir(tmp_path / "out") as tmp:
            (tmp / "half.html").write_text("<html")
            raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_report_markup_is_escaped_in_html():
    """Text is escaped in HTML; `code`, **bold** and links are rendered."""
    r = Report("<Title>")
    r.paragraph("a <b> & `x < y` **bold** [link](other/index.html)")
    r.table([{"col|1": "a|b"}])
    html = r.to_html({"command": "cmd <x>"})
    assert "&lt;Title&gt;" in html and "<code>x &lt; y</code>" in html
    assert "<strong>bold</strong>" in html and '<a href="other/index.html">link</a>' in html
    assert "<code>cmd &lt;x&gt;</code>" in html
    assert "| a\\|b |" in r.to_markdown()


def test_progress_bar_is_silent_off_a_terminal():
    """Under pytest stderr is not a terminal, so the bar is disabled."""
    bar = progress(range(3), "x")
    assert bar.disable
    assert list(bar) == [0, 1, 2]


def test_cli_report(rules_dir, tmp_path, capsys):
    """`boolmtor report RULES --out DIR` writes the report and says where."""
    code = cli.main(["report", str(rules_dir), "--out", str(tmp_path / "r")])
    assert code == 0
    assert "index.html" in capsys.readouterr().out
    assert (tmp_path / "r" / "attractor" / "report.md").is_file()


def test_cli_report_error_is_one_line(rules_dir, tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("x")
    assert cli.main(["report", str(rules_dir), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a boolmtor report folder" in err


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_analyses_script_help(script):
    """Every analyses script answers --help and takes --rules and --out."""
    res = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "--rules" in res.stdout and "--out" in res.stdout


def test_script_runs_on_given_rules(rules_dir, tmp_path):
    """A report script writes its section for the model given by --rules."""
    res = subprocess.run([sys.executable, str(ANALYSES / "validation_report.py"), "--rules",
                          str(rules_dir), "--out", str(tmp_path / "v")], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    md = (tmp_path / "v" / "report.md").read_text()
    assert "validation_report.py --rules" in md  # the exact command is in the header


@pytest.mark.slow
def test_run_all_picks_up_every_script(rules_dir, tmp_path):
    """run_all.py runs each script of its folder (new ones too) and links them in the index."""
    folder = tmp_path / "analyses"
    shutil.copytree(ANALYSES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "marker_report.py").write_text(
        "import sys\n"
        "from boolmtor.reporting.report import Report, script_main\n"
        "def build(model, args):\n"
        "    r = Report('Markers (plug-in test)', model)\n"
        "    r.paragraph('hello')\n"
        "    r.summary = 'plugged in'\n"
        "    return r\n"
        "sys.exit(script_main('marker', build))\n")
    env = {k: v for k, v in os.environ.items() if k != "BOOLMTOR_REPORT_COMMAND"}
    res = subprocess.run([sys.executable, str(folder / "run_all.py"), "--rules", str(rules_dir),
                          "--out", str(tmp_path / "reports")], capture_output=True, text=True,
                         timeout=300, env=env)
    assert res.returncode == 0, res.stderr
    index = (tmp_path / "reports" / "index.html").read_text()
    links = re.findall(r'href="([^"/]+)/index.html"', index)
    assert links == ["explorer", "model_figure", "attractor", "drug_response", "marker",
                     "control", "cell_lines", "validation", "explorer"]
    assert "plugged in" in index
    # the front page leads with findings computed from the explorer's data
    assert index.index("Findings") < index.index("Each section is")
    # (rapamycin cannot raise APOPTOSIS = !AKT here: AKT stays on)
    assert "No class reaches efficacy 0.1 for wild type" in index
    assert 'alt="Efficacy (share of proliferation removed' in index
    section = (tmp_path / "reports" / "attractor" / "report.md").read_text()
    assert "run_all.py --rules" in section  # sections record the command that made them
    assert leftovers(tmp_path) == []
