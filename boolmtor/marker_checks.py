"""Seed biomarker statements ([[marker_expectations]] of the manifest) judged by `predict_markers`.

A statement says a genetic background is sensitizing, resistance or neutral to some drugs. It
is *reproduced* when `predict_markers` gives the background that effect for every drug named
(docs/semantics.md, "Biomarker statements").

Examples
--------
>>> import boolmtor as bm
>>> from boolmtor.marker_checks import check_markers
>>> checks = {c.expectation.id: c for c in check_markers(bm.load_model())}
>>> checks["bcl2-overexpression-resistant"].status
'pass'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .manifest import MarkerExpectation
from .markers import DEFAULT_THRESHOLD, Marker, predict_markers
from .model import Model

Status = Literal["pass", "fail", "known"]


@dataclass(frozen=True)
class MarkerCheck:
    """One statement and the model's marker for its background under each of its drugs."""

    expectation: MarkerExpectation
    markers: tuple[Marker, ...]

    @property
    def reproduced(self) -> bool:
        """True when the background has the stated effect for every drug."""
        return all(m.effect == self.expectation.effect for m in self.markers)

    @property
    def status(self) -> Status:
        """"pass", or "known" (a documented disagreement) / "fail" when not reproduced."""
        if self.reproduced:
            return "pass"
        return "known" if self.expectation.disagreement else "fail"

    def observed(self) -> str:
        """Each drug's effect and score, e.g. ``rapamycin: resistance (-0.50)``, with the
        environments where the background grows and the wild type does not, if any."""
        return "; ".join(
            f"{m.drugs[0]}: {m.effect} ({m.score:+.2f}"
            + (f", independent in {', '.join(map(str, m.independent_in))}"
               if m.independent_in else "") + (f", {m.note}" if m.note else "") + ")"
            for m in self.markers)

    def to_dict(self) -> dict:
        ex = self.expectation
        return {"id": ex.id, "statement": ex.statement, "background": ex.background,
                "expected": ex.effect, "status": self.status, "reproduced": self.reproduced,
                "markers": [m.to_dict() for m in self.markers], "ref": ex.ref,
                "disagreement": ex.disagreement or None}


def check_markers(model: Model, environments=None, threshold: float = DEFAULT_THRESHOLD, *,
                  known: Mapping[str, Sequence[Marker]] | None = None
                  ) -> tuple[MarkerCheck, ...]:
    """Judge each [[marker_expectations]] statement of `model`'s manifest.

    `environments` and `threshold` are those of `predict_markers`. `known` maps a drug name to
    markers already computed for it with the same settings (reused where they cover the
    background); the others are computed here.
    """
    known = dict(known or {})
    checks = []
    for ex in model.manifest.marker_expectations:
        found = []
        for name in ex.drugs:
            drug = model.drug(name).name
            pool = {m.alteration: m for m in known.get(drug, ()) if m.threshold == threshold}
            if ex.background not in pool:
                pool.update({m.alteration: m for m in predict_markers(
                    model, drug, environments=environments, backgrounds=[ex.background],
                    threshold=threshold)})
            found.append(pool[ex.background])
        checks.append(MarkerCheck(ex, tuple(found)))
    return tuple(checks)
