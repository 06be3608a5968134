"""Exchange formats: SBML-qual, BoolNet and MaBoSS round trips, judged by logical equivalence.

Equivalence is decided by sympy (`satisfiable(Xor(a, b)) is False`), never by comparing text;
where possible a second, independent reader (MaBoSS's own SBML-qual importer and `.bnd`
parser, pyboolnet's BoolNet reader) reads what boolmtor wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy
from sympy.logic.boolalg import Xor
from sympy.logic.inference import satisfiable

import boolmtor as bm
from boolmtor import exchange as X
from boolmtor._pyboolnet import bnet2primes
from boolmtor.expr import to_sympy
from boolmtor.parser import parse_rules
from boolmtor.stochastic import _engine

DATA = Path(__file__).parent / "data"


def assert_equivalent(a: bm.Model, b: bm.Model) -> None:
    """Same nodes, and every rule of `a` is logically equivalent to that of `b`."""
    assert set(a.nodes) == set(b.nodes)
    for n in a.nodes:
        assert satisfiable(Xor(a.expr(n), b.expr(n))) is False, (n, a.rules[n], b.rules[n])


def maboss_rules(sim) -> dict[str, sympy.Basic]:
    """The rules MaBoSS itself read, parsed (MaBoSS prints them in BoolNet syntax)."""
    out = {}
    for line in sim.get_logical_rules().splitlines():
        if " : " in line:
            node, rule = line.split(" : ", 1)
            (parsed,) = parse_rules(f"{node.strip()}, {rule}")
            out[parsed.node] = to_sympy(parsed.expr)
    return out


@pytest.fixture(scope="module")
def curated():
    return bm.load_model()


def test_sbml_round_trip_curated(curated, tmp_path):
    """The curated model written as SBML-qual and read back has equivalent rules."""
    path = tmp_path / "mtor.sbml"
    assert bm.write(curated, path) == (path,)
    back = bm.read(path)
    assert_equivalent(curated, back)
    assert back.nodes == curated.nodes


def test_sbml_round_trip_published(published, tmp_path):
    """Published models survive the SBML-qual round trip with equivalent rules."""
    back = X.from_sbml(X.to_sbml(published.model), "x.sbml")
    assert_equivalent(published.model, back)


def test_sbml_written_is_read_alike_by_maboss(published, tmp_path):
    """MaBoSS's own SBML-qual importer reads the same logic from boolmtor's SBML."""
    path = tmp_path / "m.sbml"
    bm.write(published.model, path, format="sbml-qual")
    engine = _engine(len(published.model.nodes))  # cmaboss build sized for the model
    theirs = maboss_rules(engine.MaBoSSSim(str(path)))
    m = published.model
    for n in m.nodes:
        assert satisfiable(Xor(m.expr(n), theirs[n])) is False, n


def test_sbml_reader_on_foreign_constructs():
    """A GINsim-style file (>=, <, thresholds by input id, default 1, xor, constant) is read as
    the logic written in it."""
    m = bm.read(DATA / "ginsim_style.sbml")
    S, B, K, P, T, W = sympy.symbols("Signal Basal Kinase Phosphatase Target Switch")
    expected = {"Signal": S, "Basal": sympy.true, "Kinase": S & ~P, "Phosphatase": K,
                "Target": Xor(K, B) | ~W, "Switch": sympy.true}
    assert set(m.nodes) == set(expected)
    for n, e in expected.items():
        assert satisfiable(Xor(m.expr(n), e)) is False, n


@pytest.mark.parametrize("text, message", [
    ("<sbml", "invalid SBML"),
    ("<?xml version='1.0'?><sbml xmlns='http://www.sbml.org/sbml/level3/version1/core' "
     "level='3' version='1'><model id='m'/></sbml>", "not an SBML-qual model"),
    ("not xml at all", "invalid SBML"),
])
def test_sbml_read_errors_are_one_line(tmp_path, text, message):
    """A broken or non-qual SBML file raises a one-line RulesError naming the file."""
    path = tmp_path / "bad.sbml"
    path.write_text(text)
    with pytest.raises(bm.RulesError) as info:
        bm.read(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_sbml_multivalued_is_refused(tmp_path):
    """A species with maxLevel 2 is refused with the file and the species' line."""
    text = (DATA / "ginsim_style.sbml").read_text().replace(
        'qual:id="Kinase" qual:maxLevel="1"', 'qual:id="Kinase" qual:maxLevel="2"')
    path = tmp_path / "multi.sbml"
    path.write_text(text)
    with pytest.raises(bm.RulesError, match=r"multi\.sbml:\d+: species 'Kinase' has maxLevel 2"):
        bm.read(path)


def test_bnet_export_reads_back_and_in_pyboolnet(curated, tmp_path):
    """The .bnet export loads back to the same rules, keeps the refs, and pyboolnet computes
    the same prime implicants from it."""
    path = tmp_path / "mtor.bnet"
    bm.write(curated, path)
    text = path.read_text()
    back = bm.read(path)
    assert dict(back.rules) == dict(curated.rules)
    assert all(back.origins[n].refs == curated.origins[n].refs for n in curated.nodes)
    assert bnet2primes(text) == curated.primes


def test_maboss_export_is_read_alike_by_maboss(curated, tmp_path):
    """MaBoSS parses the exported .bnd/.cfg and reads the same logic and the default rates."""
    bnd, cfg = bm.write(curated, tmp_path / "mtor", format="maboss")
    assert (bnd.suffix, cfg.suffix) == (".bnd", ".cfg")
    sim = _engine(len(curated.nodes)).MaBoSSSim(network=str(bnd), config=str(cfg))
    theirs = maboss_rules(sim)
    for n in curated.nodes:
        assert satisfiable(Xor(curated.expr(n), theirs[n])) is False, n
    assert "$u_MTORC1 = 1.0;" in cfg.read_text() and "$d_MTORC1 = 1.0;" in cfg.read_text()


def test_primes_and_minibn_round_trips(published):
    """pyboolnet primes and colomoto minibn networks give back equivalent models."""
    m = published.model
    assert_equivalent(m, bm.Model.from_primes(m.primes))
    assert_equivalent(m, bm.Model.from_minibn(m.to_minibn()))


def test_from_primes_rejects_garbage():
    """Malformed primes are a one-line BoolmtorError."""
    with pytest.raises(bm.BoolmtorError, match="primes"):
        bm.Model.from_primes({"A": "nonsense"})


def test_unknown_format_and_suffix(curated, tmp_path):
    """An unknown format or suffix lists the valid ones."""
    with pytest.raises(bm.BoolmtorError, match="format must be one of bnet, sbml-qual, maboss"):
        bm.write(curated, tmp_path / "x.bnet", format="sbml")
    with pytest.raises(bm.BoolmtorError, match="cannot tell the format"):
        bm.write(curated, tmp_path / "x.txt")


def test_exports_are_byte_identical(curated, tmp_path):
    """Exporting the same model twice gives the same bytes, in every format."""
    for fmt, name in (("bnet", "m.bnet"), ("sbml-qual", "m.sbml"), ("maboss", "m")):
        first = [p.read_bytes() for p in bm.write(curated, tmp_path / name, format=fmt)]
        second = [p.read_bytes() for p in bm.write(curated, tmp_path / name, format=fmt)]
        assert first == second


def test_export_leaves_no_temporary_files(curated, tmp_path):
    """Exports go through a temporary file renamed into place: nothing else is left."""
    bm.write(curated, tmp_path / "m.sbml")
    bm.write(curated, tmp_path / "m", format="maboss")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.bnd", "m.cfg", "m.sbml"]
