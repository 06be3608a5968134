"""No lost output and no drift: outputs are renamed into place, and the same inputs give the
same bytes (with the report date fixed by `SOURCE_DATE_EPOCH`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import boolmtor as bm
import boolmtor._io

RULES = "GF, GF\nAKT, GF & !S6K\nMTORC1, AKT\nS6K, MTORC1\nGROWTH, S6K\nAPOPTOSIS, !AKT\n"
MANIFEST = """\
[model]
name = "tiny"
readouts = ["GROWTH", "APOPTOSIS"]
[environments.growth]
inputs = { GF = 1 }
[environments.starved]
inputs = { GF = 0 }
[drugs.rapamycin]
class = "rapalog"
targets = { MTORC1 = 0 }
"""


@pytest.fixture
def tiny(tmp_path) -> bm.Model:
    folder = tmp_path / "tiny"
    folder.mkdir()
    (folder / "net.bnet").write_text(RULES)
    (folder / "model.toml").write_text(MANIFEST)
    return bm.load_model(folder)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_report_twice_is_byte_identical(tiny, tmp_path, monkeypatch):
    """With SOURCE_DATE_EPOCH set and the same command, two reports are the same bytes, and
    the header carries that date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sections = ["attractor", "validation"]
    bm.report(tiny, tmp_path / "a", sections=sections, command="make report")
    bm.report(tiny, tmp_path / "b", sections=sections, command="make report")
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert first == second and len(first) > 5
    assert "2023-11-14 22:13:20 UTC" in (tmp_path / "a" / "attractor" / "report.md").read_text()


def test_reports_differ_only_in_the_date_without_source_date_epoch(tiny, tmp_path,
                                                                   monkeypatch):
    """Without SOURCE_DATE_EPOCH only the header's date may differ between two runs."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    bm.report(tiny, tmp_path / "a", sections=["attractor"], command="c")
    bm.report(tiny, tmp_path / "b", sections=["attractor"], command="c")
    for name, data in files(tmp_path / "a").items():
        if name.endswith(".png"):
            assert data == (tmp_path / "b" / name).read_bytes(), name
            continue
        strip = [l for l in data.decode().splitlines() if "date" not in l]
        other = [l for l in (tmp_path / "b" / name).read_text().splitlines() if "date" not in l]
        assert strip == other, name


def test_bad_source_date_epoch(tiny, tmp_path, monkeypatch):
    """A SOURCE_DATE_EPOCH that is not a number of seconds is a one-line BoolmtorError."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(bm.BoolmtorError, match="SOURCE_DATE_EPOCH"):
        bm.report(tiny, tmp_path / "a", sections=["attractor"], command="c")
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("fmt, name", [("bnet", "m.bnet"), ("sbml-qual", "m.sbml"),
                                       ("maboss", "m")])
def test_interrupted_export_keeps_the_previous_file(tiny, tmp_path, monkeypatch, fmt, name):
    """An export interrupted at the rename leaves the earlier file whole and no temporary."""
    written = bm.write(tiny, tmp_path / name, format=fmt)
    before = {p: p.read_bytes() for p in written}

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(boolmtor._io.os, "replace", interrupted)
    smaller = tiny.perturb(environment="growth")
    with pytest.raises(KeyboardInterrupt):
        bm.write(smaller, tmp_path / name, format=fmt)
    assert {p: p.read_bytes() for p in written} == before
    assert sorted(tmp_path.iterdir()) == sorted([*written, tmp_path / "tiny"])


def test_simulation_is_reproducible(tiny):
    """The same condition and seed give the same MaBoSS numbers, run after run."""
    runs = [bm.simulate(tiny, "growth", bm.Perturbation(drugs=["rapamycin"]), max_time=10,
                        sample_count=300, seed=11).to_dict() for _ in range(2)]
    assert runs[0] == runs[1]
