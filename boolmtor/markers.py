"""Sensitivity and resistance markers: does a genetic background make the tumour depend more
(or less) on a drug's target?

A background's score compares the drug's efficacy on the background, in the environments where
the untreated background grows, with its efficacy on the wild type in a niche where the wild
type grows (docs/semantics.md, "Sensitivity and resistance markers"). Growing where the wild
type does not (growth-factor or nutrient independence) is reported apart, never counted as
sensitivity. The same definition and thresholds serve every drug.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .errors import BoolmtorError
from .model import Model
from .response import Response, _backgrounds, _check_start, _drugs, _environments, response
from .types import FrozenMap
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED
from ._deprecations import keywords_after
from ._timeout import with_timeout

if TYPE_CHECKING:
    from .confidence import Confidence

Effect = Literal["sensitizing", "resistance", "neutral"]
"""What a background does to a drug's efficacy."""

DEFAULT_THRESHOLD = 0.1
"""A background is a marker when its score is at least this far from 0."""


@dataclass(frozen=True)
class Evidence:
    """One environment: the background's response there against the wild type's response in
    `reference_environment` (the same environment, or the reference growing niche).

    `counts` is False when the untreated background does not grow here (no sensitivity
    evidence; `note` says why); then `difference` and the part differences are None.
    """

    environment: str | None
    reference_environment: str | None
    grows: bool
    wild_type_grows: bool
    counts: bool
    efficacy: float
    wild_type_efficacy: float | None
    cytostatic: float | None
    cytotoxic: float | None
    wild_type_cytostatic: float | None
    wild_type_cytotoxic: float | None
    deltas: Mapping[str, float]
    wild_type_deltas: Mapping[str, float]
    note: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "deltas", FrozenMap(dict(self.deltas)))
        object.__setattr__(self, "wild_type_deltas", FrozenMap(dict(self.wild_type_deltas)))

    def _minus(self, a, b) -> float | None:
        return a - b if self.counts and a is not None and b is not None else None

    @property
    def difference(self) -> float | None:
        """Efficacy in the background minus the wild type's in the reference environment."""
        return self._minus(self.efficacy, self.wild_type_efficacy)

    @property
    def cytostatic_difference(self) -> float | None:
        return self._minus(self.cytostatic, self.wild_type_cytostatic)

    @property
    def cytotoxic_difference(self) -> float | None:
        return self._minus(self.cytotoxic, self.wild_type_cytotoxic)

    def to_dict(self) -> dict:
        return {"environment": self.environment,
                "reference_environment": self.reference_environment, "grows": self.grows,
                "wild_type_grows": self.wild_type_grows, "counts": self.counts,
                "efficacy": self.efficacy, "wild_type_efficacy": self.wild_type_efficacy,
                "difference": self.difference, "cytostatic": self.cytostatic,
                "cytotoxic": self.cytotoxic, "wild_type_cytostatic": self.wild_type_cytostatic,
                "wild_type_cytotoxic": self.wild_type_cytotoxic,
                "cytostatic_difference": self.cytostatic_difference,
                "cytotoxic_difference": self.cytotoxic_difference,
                "deltas": dict(self.deltas), "wild_type_deltas": dict(self.wild_type_deltas),
                "note": self.note}


@dataclass(frozen=True)
class Marker:
    """A genetic background judged as a marker of response to `drugs`.

    `score` is the mean over the counting `evidence` of efficacy in the background minus the
    wild type's in its reference niche (0, with `note`, when nothing counts); `effect` is
    "sensitizing" if score >= threshold, "resistance" if score <= -threshold, else
    "neutral". `cytostatic` / `cytotoxic` are the mean differences of the two parts;
    `independent_in` the environments where the background grows and the wild type does not.
    """

    alteration: str
    effect: Effect
    score: float
    drugs: tuple[str, ...]
    threshold: float
    evidence: tuple[Evidence, ...]
    exact: bool = True
    cytostatic: float | None = None
    cytotoxic: float | None = None
    independent_in: tuple[str | None, ...] = ()
    note: str | None = None
    confidence: "Confidence | None" = None

    @property
    def has_evidence(self) -> bool:
        """False when no environment gave sensitivity evidence (score 0 by convention)."""
        return any(e.counts for e in self.evidence)

    def to_dict(self) -> dict:
        return {"alteration": self.alteration, "effect": self.effect, "score": self.score,
                "cytostatic": self.cytostatic, "cytotoxic": self.cytotoxic,
                "independent_in": list(self.independent_in),
                "has_evidence": self.has_evidence, "note": self.note,
                "drugs": list(self.drugs), "threshold": self.threshold, "exact": self.exact,
                "evidence": [e.to_dict() for e in self.evidence],
                "confidence": self.confidence.to_dict() if self.confidence else None}

    def __str__(self) -> str:
        per_env = ", ".join(f"{e.environment or 'inputs free'} " + _in_words(e)
                            for e in self.evidence)
        parts = ("" if self.cytostatic is None else
                 f"; cytostatic {self.cytostatic:+.3f}, cytotoxic {self.cytotoxic:+.3f}")
        extra = "".join([
            f"; grows without the wild type in {', '.join(map(str, self.independent_in))}"
            if self.independent_in else "", f"; {self.note}" if self.note else "",
            f"; confidence {self.confidence}" if self.confidence else ""])
        return (f"{self.alteration}: {self.effect} to {' + '.join(self.drugs)} "
                f"(score {self.score:+.3f}{parts}; {per_env}{extra})")


class Markers(tuple):
    """The markers `bm.predict_markers` returns: a tuple, shown in Jupyter as one table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from .reporting.display import markers_html
        return markers_html(self)


def _in_words(e: Evidence) -> str:
    """An evidence item's difference, with its reference niche when it is another one."""
    if not e.counts:
        return "does not grow" if not e.grows else "no reference niche"
    ref = "" if e.reference_environment == e.environment else \
        f" (vs wild type in {e.reference_environment})"
    return f"{e.difference:+.3f}{ref}"


def judge(score: float, threshold: float = DEFAULT_THRESHOLD) -> Effect:
    """"sensitizing", "resistance" or "neutral" for a marker score."""
    tol = 1e-12  # float sums of exact shares: 0.1 must count as 0.1
    if score >= threshold - tol:
        return "sensitizing"
    if score <= -threshold + tol:
        return "resistance"
    return "neutral"


def _grows(r: Response) -> bool:
    """Growth for markers; a model without the growth readouts always counts (in place)."""
    return r.growing is not False


class _WildType:
    """The wild type's responses, computed once per environment, and its reference niche."""

    def __init__(self, model: Model, drugs, envs, run):
        self.model, self.drugs, self.run = model, drugs, run
        self.cache: dict = {}
        self.envs = (*model.manifest.tumour_environments, *model.environments, *envs)
        self.found: list[Response | None] = []  # the reference niche, once looked for

    def at(self, env) -> Response:
        key = env if isinstance(env, (str, type(None))) else tuple(sorted(env.items()))
        if key not in self.cache:
            self.cache[key] = response(self.model, self.drugs, environment=env, **self.run)
        return self.cache[key]

    def reference(self) -> Response | None:
        """The first environment (tumour environments, then all) where the wild type grows."""
        if not self.found:
            self.found.append(next((self.at(e) for e in self.envs if _grows(self.at(e))),
                                   None))
        return self.found[0]


def _evidence(r: Response, wt: Response, ref: Response | None) -> Evidence:
    grows, wt_grows = _grows(r), _grows(wt)
    against = wt if wt_grows else ref
    note = None
    if not grows:
        note = "the untreated background does not grow here: no sensitivity evidence"
    elif against is None:
        note = "the untreated wild type grows in no environment: no reference niche"
    used = against if grows else None  # the reference the background is compared with
    return Evidence(r.environment, used.environment if used else None, grows, wt_grows,
                    used is not None, r.efficacy, used.efficacy if used else None,
                    r.cytostatic, r.cytotoxic, used.cytostatic if used else None,
                    used.cytotoxic if used else None, r.delta,
                    used.delta if used else {}, note)


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _marker(name, evidence, drugs, threshold, exact) -> Marker:
    counted = [e for e in evidence if e.counts]
    independent = tuple(e.environment for e in evidence if e.grows and not e.wild_type_grows)
    if not counted:
        notes = sorted({e.note for e in evidence if e.note})
        return Marker(name, "neutral", 0.0, drugs, float(threshold), tuple(evidence), exact,
                      None, None, independent, "no sensitivity evidence: " + "; ".join(notes))
    score = sum(e.difference for e in counted) / len(counted)
    return Marker(name, judge(score, threshold), score, drugs, float(threshold),
                  tuple(evidence), exact, _mean(e.cytostatic_difference for e in counted),
                  _mean(e.cytotoxic_difference for e in counted), independent)


@keywords_after(2)
@with_timeout
def predict_markers(model: Model, drug: str | Iterable[str], *, environments=None,
                    backgrounds: Iterable[str] | None = None,
                    threshold: float = DEFAULT_THRESHOLD, start: str = "untreated",
                    seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES,
                    environment=None, update: str = "asynchronous",
                    confidence: bool = False) -> tuple[Marker, ...]:
    """Genetic backgrounds ranked by how much they raise `drug`'s efficacy (descending).

    Parameters
    ----------
    drug : a drug name of the manifest, or a list (a combination).
    environments : an environment name or a list; default the manifest's
        `[model] tumour_environments`, else all its environments. `environment=` (the
        keyword of DESIGN.md and of `response`) is accepted for the same thing.
    backgrounds : background names, each judged alone; default all of the manifest's.
    threshold : a score at least this large (in absolute value) makes a marker.
    start : "untreated" (default) or "global"; see `response`.
    update : the update scheme of every `response` (`bm.agreement` compares them).
    confidence : also judge each call under the other update schemes and over the `# alt:`
        rule variants (`Marker.confidence`; costly).

    Examples
    --------
    >>> import boolmtor as bm
    >>> markers = bm.predict_markers(bm.load_model(), "rapamycin")
    >>> {m.alteration: m.effect for m in markers}["PTEN_loss"]
    'sensitizing'
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
    wild = _WildType(model, drugs, envs, run)
    markers = []
    for name in names:
        evidence, exact = [], True
        for env in envs:
            r = response(model, drugs, background=name, environment=env, **run)
            w = wild.at(env)
            ref = None if _grows(w) else wild.reference()
            exact &= r.exact and w.exact and (ref is None or ref.exact)
            evidence.append(_evidence(r, w, ref))
        markers.append(_marker(name, evidence, drugs, threshold, exact))
    markers.sort(key=lambda m: (-m.score, m.alteration))
    if confidence:
        markers = _with_confidence(model, markers, drugs, envs, names, threshold, run)
    return Markers(markers)


def _with_confidence(model, markers, drugs, envs, names, threshold, run) -> list[Marker]:
    from dataclasses import replace

    from .confidence import assess

    def compute(m: Model, u: str, s: str):
        return {k.alteration: (k.effect, k.score) for k in predict_markers(
            m, drugs, environments=envs, backgrounds=names, threshold=threshold, start=s,
            seed=run["seed"], samples=run["samples"], update=u)}

    main = {k.alteration: (k.effect, k.score) for k in markers}
    conf = assess(model, compute, main, run["update"], run["start"])
    return [replace(k, confidence=conf[k.alteration]) for k in markers]
