"""Robust predictions: `# alt:` rule alternatives, `bm.ensemble` over them and `bm.agreement`
across update schemes."""

from __future__ import annotations

import shutil

import biodivine_aeon as ba
import pytest
from pyboolnet.file_exchange import bnet2primes

import boolmtor as bm

ALT_TEXT = """\
# a toggle with an uncertain rule for B
A, !B
B, !A
# alt: !A & C
# alt: C
C, C
"""


def test_alternatives_are_parsed_and_the_file_stays_valid_bnet(tmp_path):
    """`# alt:` lines give per-rule alternatives; pyboolnet and AEON read the file unchanged."""
    m = bm.Model.from_text(ALT_TEXT)
    assert dict(m.alternatives) == {"B": ("!A & C", "C")}
    assert m.variant({"B": 1}).rules["B"] == "!A & C"
    assert m.variant({"B": 2}).rules["B"] == "C"
    assert m.variant({"B": 0}) == m
    path = tmp_path / "alt.bnet"
    path.write_text(ALT_TEXT)
    assert set(bnet2primes(str(path))) == {"A", "B", "C"}
    assert ba.BooleanNetwork.from_bnet(ALT_TEXT).variable_names() == ["A", "B", "C"]


def test_variants_cover_every_combination():
    """Two uncertain rules with 1 and 2 alternatives give 2 x 3 variants, the model first."""
    text = ALT_TEXT.replace("A, !B\n", "A, !B\n# alt: !B | C\n")
    m = bm.Model.from_text(text)
    got = list(bm.variants(m))
    assert len(got) == 6
    assert got[0][0] == {"A": 0, "B": 0} and got[0][1] == m
    rules = {(v.rules["A"], v.rules["B"]) for _, v in got}
    assert len(rules) == 6
    with pytest.raises(bm.LimitExceededError, match="max_variants"):
        list(bm.variants(m, max_variants=5))


@pytest.mark.parametrize("text, message", [
    ("A, B\n\n# alt: B\nB, A\n", "directly below"),
    ("# alt: B\nA, B\nB, A\n", "directly below"),
    ("A, B\n# alt: B &\nB, A\n", "rule ends early"),
])
def test_misplaced_or_bad_alternative_is_a_syntax_error(text, message):
    """A `# alt:` line away from its rule, or with a bad rule, names the file line."""
    with pytest.raises(bm.RulesSyntaxError, match=message):
        bm.Model.from_text(text)


def test_alternative_naming_an_unknown_node_is_an_error():
    """An alternative reading a node no rule defines is an UndefinedNodeError."""
    with pytest.raises(bm.UndefinedNodeError, match="'D'"):
        bm.Model.from_text("A, B\n# alt: D\nB, A\n")


def test_perturbed_variant_keeps_fixed_nodes():
    """A knocked-out node keeps its constant in every variant."""
    m = bm.Model.from_text(ALT_TEXT).perturb(bm.Perturbation(knockout=["B"]))
    assert dict(m.alternatives) == {}
    assert m.variant({"B": 2}).rules["B"] == "0"


@pytest.fixture(scope="module")
def uncertain_mtor(tmp_path_factory):
    """The curated model with one `# alt:` line: apoptosis follows BAD alone (BCL2 and MCL1
    play no part)."""
    folder = tmp_path_factory.mktemp("rules") / "mtor"
    shutil.copytree(bm.model.packaged_rules() / "mtor", folder)
    for f in folder.glob("*.bnet"):
        lines = f.read_text().splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line.startswith("APOPTOSIS,"):
                lines.insert(i + 1, "# alt: BAD\n")
                f.write_text("".join(lines))
                return bm.load_model(folder)
    raise AssertionError("APOPTOSIS rule not found")


def test_ensemble_shares_match_markers_of_each_variant(uncertain_mtor):
    """Each share is the share of variants (computed one by one) making that call."""
    m = uncertain_mtor
    table = bm.ensemble(m, "torin1", environments=["growth"])
    calls = [{k.alteration: k.effect
              for k in bm.predict_markers(v, "torin1", environments="growth")}
             for _, v in bm.variants(m)]
    assert len(calls) == 2 * len(list(bm.variants(bm.load_model())))
    for row in table.itertuples(index=False):
        assert row.n_variants == len(calls)
        assert row.effect == calls[0][row.alteration]
        assert row.holds == sum(c[row.alteration] == row.effect for c in calls) / len(calls)
        assert (row.share_sensitizing + row.share_resistance + row.share_neutral
                == pytest.approx(1))
    # BCL2 overexpression blocks apoptosis only in the written rule, not in the alternative
    bcl2 = table.set_index("alteration").loc["BCL2_OE"]
    assert bcl2.effect == "resistance" and bcl2.holds == 0.5


def test_agreement_columns_equal_each_schemes_markers():
    """The asynchronous column is predict_markers'; every call is judged from its score."""
    m = bm.load_model()
    t = bm.agreement(m, "rapamycin", environments=["growth"],
                     updates=("asynchronous", "most-permissive"))
    markers = {k.alteration: k
               for k in bm.predict_markers(m, "rapamycin", environments="growth")}
    for row in t.to_dict("records"):
        assert row["asynchronous"] == markers[row["alteration"]].effect
        assert row["asynchronous_score"] == pytest.approx(markers[row["alteration"]].score)
        assert row["agree"] == (row["asynchronous"] == row["most-permissive"])
    with pytest.raises(bm.BoolmtorError, match="updates must be in"):
        bm.agreement(m, "rapamycin", updates=("quantum",))
