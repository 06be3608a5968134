"""Sensitivity and resistance markers: which genetic backgrounds change a drug's efficacy.

A background's score is the mean, over the environments a tumour meets, of its efficacy minus
the wild type's (docs/semantics.md, "Sensitivity and resistance markers"). The same
definition and thresholds serve every drug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from .types import FrozenMap
from typing import Literal

from .errors import BoolmtorError
from .model import Model
from .response import _backgrounds, _check_start, _drugs, _environments, response
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED
from ._engines.aeon import with_timeout

Effect = Literal["sensitizing", "resistance", "neutral"]
"""What a background does to a drug's efficacy."""

DEFAULT_THRESHOLD = 0.1
"""A background is a marker when its score is at least this far from 0."""


@dataclass(frozen=True)
class Evidence:
    """One environment: efficacy and readout deltas in the background and in the wild type."""

    environment: str | None
    efficacy: float
    wild_type_efficacy: float
    deltas: Mapping[str, float]
    wild_type_deltas: Mapping[str, float]

    def __post_init__(self):
        object.__setattr__(self, "deltas", FrozenMap(dict(self.deltas)))
        object.__setattr__(self, "wild_type_deltas",
                           FrozenMap(dict(self.wild_type_deltas)))

    @property
    def difference(self) -> float:
        """Efficacy in the background minus efficacy in the wild type."""
        return self.efficacy - self.wild_type_efficacy

    def to_dict(self) -> dict:
        return {"environment": self.environment, "efficacy": self.efficacy,
                "wild_type_efficacy": self.wild_type_efficacy, "difference": self.difference,
                "deltas": dict(self.deltas), "wild_type_deltas": dict(self.wild_type_deltas)}


@dataclass(frozen=True)
class Marker:
    """A genetic background judged as a marker of response to `drugs`.

    `score` is the mean over `evidence` (one item per environment) of efficacy in the
    background minus efficacy in the wild type; `effect` is "sensitizing" if score >=
    threshold, "resistance" if score <= -threshold, else "neutral".
    """

    alteration: str
    effect: Effect
    score: float
    drugs: tuple[str, ...]
    threshold: float
    evidence: tuple[Evidence, ...]
    exact: bool = True

    def to_dict(self) -> dict:
        return {"alteration": self.alteration, "effect": self.effect, "score": self.score,
                "drugs": list(self.drugs), "threshold": self.threshold, "exact": self.exact,
                "evidence": [e.to_dict() for e in self.evidence]}

    def __str__(self) -> str:
        per_env = ", ".join(f"{e.environment or 'inputs free'} {e.difference:+.3f}"
                            for e in self.evidence)
        return (f"{self.alteration}: {self.effect} to {' + '.join(self.drugs)} "
                f"(score {self.score:+.3f}; {per_env})")


def judge(score: float, threshold: float = DEFAULT_THRESHOLD) -> Effect:
    """"sensitizing", "resistance" or "neutral" for a marker score."""
    tol = 1e-12  # float sums of exact shares: 0.1 must count as 0.1
    if score >= threshold - tol:
        return "sensitizing"
    if score <= -threshold + tol:
        return "resistance"
    return "neutral"


@with_timeout
def predict_markers(model: Model, drug: str | Iterable[str], environments=None,
                    backgrounds: Iterable[str] | None = None,
                    threshold: float = DEFAULT_THRESHOLD, start: str = "untreated", *,
                    seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES,
                    environment=None, update: str = "asynchronous") -> tuple[Marker, ...]:
    """Genetic backgrounds ranked by how much they raise `drug`'s efficacy (descending).

    Parameters
    ----------
    drug : a drug name of the manifest, or a list (a combination).
    environments : an environment name or a list; default the manifest's
        `[model] tumour_environments`, else all its environments. `environment=` (the
        keyword of DESIGN.md and of `response`) is accepted for the same thing.
    backgrounds : background names; default all of the manifest's.
    threshold : a score at least this large (in absolute value) makes a marker.
    start : "untreated" (default) or "global"; see `response`.
    update : the update scheme of every `response` (`bm.agreement` compares them).

    Examples
    --------
    >>> import boolmtor as bm
    >>> markers = bm.predict_markers(bm.load_model(), "rapamycin")
    >>> {m.alteration: m.effect for m in markers}["BCL2_OE"]
    'resistance'
    """
    _check_start(start)
    if environment is not None:
        if environments is not None:
            raise BoolmtorError("give environments= or environment=, not both")
        environments = environment
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or threshold < 0:
        raise BoolmtorError(f"threshold must be a number >= 0 (got {threshold!r})")
    drugs = _drugs(model, drug, "predict_markers")
    envs = _environments(model, environments)
    names = _backgrounds(model, backgrounds)
    if not names:
        raise BoolmtorError("predict_markers needs genetic backgrounds (the manifest has none)")
    run = dict(start=start, update=update, seed=seed, samples=samples)
    wild = {env: response(model, drugs, None, env, **run) for env in envs}
    markers = []
    for name in names:
        evidence, exact = [], True
        for env in envs:
            r, w = response(model, drugs, name, env, **run), wild[env]
            exact &= r.exact and w.exact
            evidence.append(Evidence(r.environment, r.efficacy, w.efficacy, r.delta, w.delta))
        score = sum(e.difference for e in evidence) / len(evidence)
        markers.append(Marker(name, judge(score, threshold), score, drugs, float(threshold),
                              tuple(evidence), exact))
    return tuple(sorted(markers, key=lambda m: (-m.score, m.alteration)))
