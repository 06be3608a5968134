"""The "Cell-line panel" report section: `bm.predict` for every line of a samples table.

Definitions are in docs/semantics.md ("Predictions for a tumour's alterations").
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import BoolmtorError
from ..model import Model
from ..predict import match_alterations, predict_many
from .document import Report, progress
from ..samples import Sample, load_panel


def cell_line_report(model: Model, *, samples: Sequence[Sample] | None = None,
                     environments=None) -> Report:
    """Cell lines × drug classes heatmap and each line's best drugs and pairs, ties stated."""
    from .. import plot

    rep = Report(f"Cell-line panel: {model.name or 'model'}", model)
    if not model.alterations:
        rep.paragraph("The model's manifest has no `[alterations]` table, so cell-line "
                      "alterations cannot be mapped to its genetic backgrounds.")
        rep.summary = "no alteration table"
        return rep
    panel = list(load_panel() if samples is None else samples)
    usable, skipped = [], []
    for s in panel:
        try:
            match_alterations(model, s.alterations)
            usable.append(s)
        except BoolmtorError as exc:
            skipped.append(f"{s.name}: {exc}")
    if not usable:
        rep.paragraph("No cell line's alterations are in this model's alteration table.")
        rep.bullets(skipped)
        rep.summary = "no usable cell line"
        return rep
    found = predict_many(model, {s.name: s.alterations for s in progress(usable, "cell lines")},
                         environment=environments)
    preds = [found[s.name] for s in usable]
    first = preds[0]
    rep.paragraph(
        f"Each cell line's published driver alterations are mapped to the model's genetic "
        f"backgrounds through the manifest's `[alterations]` table and applied together "
        f"(alterations the model cannot represent are listed as not modelled). For one drug "
        f"per class, the **{first.measure}** against the untreated line "
        f"(−ΔPROLIFERATION + ΔAPOPTOSIS, `bm.response`, `start=\"untreated\"`) is averaged "
        f"over {', '.join(first.environments)}; every pair of those drugs is ranked the same "
        f"way (`bm.predict`; docs/semantics.md, \"Predictions for a tumour's alterations\"). "
        f"Treatments whose scores are equal tie: the tables say so instead of naming a winner.")
    rep.figure(plot.panel_heatmap(preds, title="Cell lines × drug classes"), "cell_lines",
               f"Mean {first.measure} of one drug per class (columns) in each cell line (rows, "
               f"with the backgrounds its alterations map to); values are written in the "
               f"cells. Orange outline: the line's best drug(s); several outlined cells are a "
               f"tie, a row outlined end to end means no drug class differs.")
    rows = []
    for s, p in zip(usable, preds):
        statements = p.statements
        rows.append({"cell line": s.name, "tissue": s.fields.get("tissue", ""),
                     "alterations": s.alterations,
                     "backgrounds": " + ".join(p.backgrounds) or "none (wild type)",
                     "not modelled": "; ".join(p.not_modelled) or "–",
                     "prediction": " / ".join(x for x in statements
                                              if not x.startswith("not modelled")),
                     "source": s.fields.get("source", "")})
    rep.heading("Predictions per cell line")
    rep.table(rows, caption="Best single drugs and pairs per cell line, ties stated as ties")
    rep.heading("Efficacy of each drug class")
    rep.table([{"cell line": p.sample, **{f"{c.name} ({c.classes[0]})": c.score
                                          for c in sorted(p.singles, key=lambda c: c.name)}}
               for p in preds], caption=f"Mean {first.measure} per drug (the heatmap's values)")
    if skipped:
        rep.heading("Lines not predicted")
        rep.bullets(skipped)
    unique = sum(len(p.best_singles) == 1 for p in preds)
    rep.summary = (f"{len(preds)} cell lines × {len(first.singles)} drug classes; "
                   f"{unique} with a single best drug, {len(preds) - unique} with a tie")
    return rep
