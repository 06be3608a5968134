"""Small HTML tables for notebooks: what Jupyter shows for a Model, an Attractor, a Response.

Plain HTML strings (no new dependency); every value is escaped, since names and rules come
from files.
"""

from __future__ import annotations

from html import escape

MAX_ROWS = 60
"""Longest table shown; the rest is summarised in one line."""


def table(header: list[str], rows: list[list[object]], caption: str = "") -> str:
    """An HTML table of `rows` under `header`, at most MAX_ROWS rows shown."""
    shown = rows[:MAX_ROWS]
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in shown)
    more = (f"<tr><td colspan='{len(header)}'>… {len(rows) - len(shown)} more rows</td></tr>"
            if len(rows) > len(shown) else "")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}{more}</tbody></table>"


def model_html(model) -> str:
    """Nodes with their rules, inputs and readouts marked."""
    inputs, readouts = set(model.inputs), set(model.readouts)
    rows = [[n, "input" if n in inputs else "readout" if n in readouts else "",
             model.rules[n]] for n in model.nodes]
    fixed = f", fixed: {dict(model.fixed)}" if model.fixed else ""
    caption = (f"{model.name or 'model'}: {len(model.nodes)} nodes, {len(inputs)} inputs, "
               f"{len(readouts)} readouts{fixed}")
    return table(["node", "role", "rule"], rows, caption)


def attractor_html(a) -> str:
    """One attractor: its kind, size, weight and each node's value or activity."""
    kind = "fixed point" if a.is_fixed_point else f"{a.size} states"
    weight = f", weight {a.weight:.3f}" if a.weight is not None else ""
    rows = [[n, a.fixed[n] if n in a.fixed else f"{a.activity(n):.2f}"]
            for n in sorted({*a.fixed, *a.oscillating})]
    return table(["node", "value"], rows, f"Attractor ({a.update}): {kind}{weight}")


def attractors_html(atts) -> str:
    """Several attractors as one table: a row per attractor, a column per readout."""
    readouts = list(atts[0].readouts) if atts else []
    rows = [[i, "fixed point" if a.is_fixed_point else f"{a.size} states",
             "" if a.weight is None else f"{a.weight:.3f}", *(a.value(r) for r in readouts)]
            for i, a in enumerate(atts, 1)]
    return table(["#", "kind", "weight", *readouts], rows, f"{len(atts)} attractors")


def response_html(r) -> str:
    """Each readout's score untreated and treated, and the change."""
    rows = [[n, f"{r.untreated[n]:.3f}", f"{r.treated[n]:.3f}", f"{r.change(n):+.3f}"]
            for n in r.readouts]
    return table(["readout", "untreated", "treated", "change"], rows,
                 f"{' + '.join(r.drugs)} in {r.condition}: efficacy {r.efficacy:+.3f}")


def _signed(value) -> str:
    return "–" if value is None else f"{value:+.3f}"


def markers_html(markers) -> str:
    """Each background's effect and score (and its cytostatic/cytotoxic parts)."""
    rows = [[m.alteration, m.effect, f"{m.score:+.3f}", _signed(m.cytostatic),
             _signed(m.cytotoxic), ", ".join(str(e) for e in m.independent_in) or "–",
             m.note or ""] for m in markers]
    drugs = " + ".join(markers[0].drugs) if markers else ""
    return table(["alteration", "effect", "score", "cytostatic", "cytotoxic",
                  "independent in", "note"], rows, f"markers of response to {drugs}")


def validation_html(v) -> str:
    """Every expectation: its condition, what was expected and observed, and its status."""
    rows = [[r.expectation.id,
             str(r.expectation.condition) + (f" vs {r.expectation.compare_to}"
                                             if r.expectation.compare_to else ""),
             ", ".join(f"{c.node} {c.expected}" for c in r.checks),
             ", ".join(f"{c.node} {c.observed}" for c in r.checks), r.status]
            for r in v.results]
    counts = v.counts()
    return table(["id", "condition", "expected", "observed", "status"], rows,
                 f"{counts['pass']} passed, {counts['fail']} failed, {counts['known']} known "
                 f"disagreements ({v.update} update)")
