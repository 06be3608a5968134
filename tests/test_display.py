"""Notebook display: Jupyter's `_repr_html_` of a Model, an Attractor, attractors, a Response."""

from __future__ import annotations

import pickle
from html.parser import HTMLParser

import boolmtor as bm


class Cells(HTMLParser):
    """The text of every table cell and caption, in order (checks the HTML is well formed)."""

    def __init__(self, html: str):
        super().__init__()
        self.cells, self.open, self._in = [], [], False
        self.feed(html)
        assert not self.open, f"unclosed tags {self.open}"

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        self._in = tag in ("td", "th", "caption")
        if self._in:
            self.cells.append("")

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, tag
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.cells[-1] += data


def test_model_shows_its_rules_with_names_escaped():
    """A model's table lists every node, its role and its rule; `<` in a name is escaped."""
    m = bm.Model.from_text("A, !B & C\nB, A\nC, C\n", name="toy<1>")
    cells = Cells(m._repr_html_()).cells
    assert cells[0] == "toy<1>: 3 nodes, 1 inputs, 0 readouts"
    assert "&lt;" in m._repr_html_() and "<1>" not in m._repr_html_()
    assert cells[4:7] == ["A", "", "!B & C"] and cells[-3:] == ["C", "input", "C"]
    assert repr(m) == "<Model toy<1>: 3 nodes>"


def test_attractors_show_as_one_table_and_stay_a_tuple():
    """bm.attractors gives a tuple (equal to the plain tuple, picklable) shown as a table with a
    row per attractor and a column per readout; one attractor shows its nodes' values."""
    m = bm.Model.from_text("A, !B\nB, !A\nC, A & !C\nOUT, C\n")
    atts = bm.attractors(m)
    assert isinstance(atts, tuple) and atts == tuple(atts)
    assert pickle.loads(pickle.dumps(atts)) == atts
    cells = Cells(atts._repr_html_()).cells
    assert cells[:5] == [f"{len(atts)} attractors", "#", "kind", "weight", "OUT"]
    assert len(cells) == 5 + 4 * len(atts)
    osc = next(a for a in atts if not a.is_fixed_point)
    one = Cells(osc._repr_html_()).cells
    assert one[0] == f"Attractor (asynchronous): {osc.size} states"
    assert dict(zip(one[3::2], one[4::2])) == {
        n: str(osc.fixed[n]) if n in osc.fixed else f"{osc.activity(n):.2f}" for n in m.nodes}


def test_response_shows_each_readouts_change():
    """A response's table has each readout's untreated and treated score and their change."""
    model = bm.load_model()
    drug = next(iter(model.drugs))
    r = bm.response(model, drug)
    cells = Cells(r._repr_html_()).cells
    assert cells[0].startswith(f"{drug} in ") and f"efficacy {r.efficacy:+.3f}" in cells[0]
    rows = [cells[i:i + 4] for i in range(5, len(cells), 4)]
    assert [row[0] for row in rows] == list(r.readouts)
    for name, before, after, change in rows:
        assert abs(float(change) - r.change(name)) < 1e-3
        assert abs(float(after) - float(before) - r.change(name)) < 2e-3


def test_markers_and_validation_show_as_tables():
    """predict_markers gives a tuple (equal to the plain one, picklable) shown as a table with a
    row per background; a validation shows a row per expectation with its status."""
    from toys import BASE_TOML, TOY

    toml = BASE_TOML + """
[drugs.ti]
class = "target_inhibitor"
targets = { TARGET = 0 }
[backgrounds.SURV_OE]
alterations = { SURV = 1 }
[backgrounds.ONC_ON]
alterations = { ONC = 1 }
[[expectations]]
id = "ti-stops-proliferation"
environment = "growth"
drugs = ["ti"]
expect = { PROLIFERATION = "off", APOPTOSIS = "off" }
"""
    m = bm.Model.from_text(TOY, manifest=bm.manifest.load_manifest(toml, "toy.toml"))
    markers = bm.predict_markers(m, "ti")
    assert isinstance(markers, tuple) and markers == tuple(markers)
    assert pickle.loads(pickle.dumps(markers)) == markers
    cells = Cells(markers._repr_html_()).cells
    assert cells[:8] == ["markers of response to ti", "alteration", "effect", "score",
                         "cytostatic", "cytotoxic", "independent in", "note"]
    rows = [cells[8 + 7 * i: 15 + 7 * i] for i in range(len(markers))]
    assert [r[:3] for r in rows] == [[k.alteration, k.effect, f"{k.score:+.3f}"]
                                     for k in markers]
    v = bm.validate(m)
    cells = Cells(v._repr_html_()).cells
    assert v.counts() == {"pass": 0, "fail": 1, "known": 0}  # TARGET off: apoptosis on
    assert cells[0] == "0 passed, 1 failed, 0 known disagreements (asynchronous update)"
    assert cells[6:8] == ["ti-stops-proliferation", "growth + ti"]
    assert cells[-1] == "fail" and "APOPTOSIS off" in cells[-3]
