"""`validate`: run the manifest's literature expectations and say which hold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .attractors import attractors
from .manifest import Condition, Expectation
from .model import Model, Perturbation
from .scores import scores
from ._timeout import with_timeout

Status = Literal["pass", "fail", "known"]


@dataclass(frozen=True)
class Check:
    """One node of one expectation: what was expected and what the model does."""

    node: str
    expected: str
    observed: str
    passed: bool


@dataclass(frozen=True)
class ExpectationResult:
    """An expectation with its checks; `status` is "known" for a documented disagreement."""

    expectation: Expectation
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def status(self) -> Status:
        if self.passed:
            return "pass"
        return "known" if self.expectation.disagreement else "fail"

    def to_dict(self) -> dict:
        ex = self.expectation
        return {"id": ex.id, "condition": str(ex.condition), "status": self.status,
                "compare_to": str(ex.compare_to) if ex.compare_to else None,
                "checks": [c.__dict__ for c in self.checks], "ref": ex.ref,
                "disagreement": ex.disagreement or None}


@dataclass(frozen=True)
class Validation:
    """Every expectation's result; `ok` when none fails (known disagreements allowed)."""

    results: tuple[ExpectationResult, ...]
    update: str

    @property
    def ok(self) -> bool:
        return all(r.status != "fail" for r in self.results)

    def _repr_html_(self) -> str:
        """A table of the expectations, as Jupyter shows the validation."""
        from .reporting.display import validation_html
        return validation_html(self)

    def counts(self) -> dict[str, int]:
        return {s: sum(r.status == s for r in self.results) for s in ("pass", "fail", "known")}

    def to_dict(self) -> dict:
        return {"update": self.update, "ok": self.ok, "counts": self.counts(),
                "results": [r.to_dict() for r in self.results]}

    def to_markdown(self) -> str:
        """The results as a Markdown table (used by docs/model.md and reports)."""
        lines = ["| id | condition | expected | observed | status | reference |",
                 "|---|---|---|---|---|---|"]
        for r in self.results:
            ex = r.expectation
            cond = str(ex.condition) + (f" vs {ex.compare_to}" if ex.compare_to else "")
            exp = ", ".join(f"{c.node} {c.expected}" for c in r.checks)
            obs = ", ".join(f"{c.node} {c.observed}" for c in r.checks)
            status = r.status + (f": {ex.disagreement}" if r.status == "known" else "")
            lines.append(f"| {ex.id} | {cond} | {exp} | {obs} | {status} | "
                         f"{ex.ref.replace('|', '/')} |")
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        width = max((len(r.expectation.id) for r in self.results), default=2)
        rows = []
        for r in self.results:
            failed = [c for c in r.checks if not c.passed]
            detail = "; ".join(f"{c.node} expected {c.expected}, got {c.observed}"
                               for c in failed)
            rows.append(f"{r.status.upper():5} {r.expectation.id:<{width}}  {detail}".rstrip())
        c = self.counts()
        rows.append(f"{c['pass']} passed, {c['fail']} failed, {c['known']} known disagreements "
                    f"({self.update} update)")
        return "\n".join(rows)


def _attractors(model: Model, cond: Condition, update: str):
    p = Perturbation(drugs=cond.drugs, backgrounds=cond.backgrounds)
    weights = update == "asynchronous"  # exact or estimated weights for up/down scores
    return attractors(model, update=update, environment=cond.environment, perturbation=p,
                      weights=weights)


def _judge(expected: str | int, atts, node: str, score: float, reference: float | None
           ) -> Check:
    base = [a.activity(node) for a in atts]  # a level >= 1 exactly when the base node X is on
    levels = [a.level(node) for a in atts]
    scores_ = [a.score(node) for a in atts]
    if any(node in a.levels for a in atts):  # a multi-level node
        observed = (f"level {levels[0]}" if len(set(levels)) == 1 and levels[0] != "osc"
                    else f"score {min(scores_):.2f}-{max(scores_):.2f}")
    else:
        observed = ("on" if all(x == 1 for x in base) else "off" if all(x == 0 for x in base)
                    else f"activity {min(base):.2f}-{max(base):.2f}")
    if expected in ("up", "down"):
        assert reference is not None  # the manifest asks 'up'/'down' for a 'compare_to'
    if isinstance(expected, int):
        passed = all(v == expected for v in levels)
    else:
        passed = {
            "on": lambda: all(x == 1 for x in base),
            "off": lambda: all(x == 0 for x in scores_),
            "active": lambda: all(x > 0 for x in scores_),
            "inactive": lambda: all(x < 1 for x in scores_),
            "up": lambda: score > (reference or 0.0),
            "down": lambda: score < (reference or 0.0),
        }[expected]()
    if expected in ("up", "down"):
        observed = f"score {reference:.2f} -> {score:.2f}"
    return Check(node, f"level {expected}" if isinstance(expected, int) else expected,
                 observed, passed)


@with_timeout
def validate(model: Model, update: str = "asynchronous") -> Validation:
    """Judge every literature expectation of the model's manifest (see docs/semantics.md)."""
    results = []
    for ex in model.expectations:
        atts = _attractors(model, ex.condition, update)
        here = scores(atts, ex.expect)
        there = None
        if ex.compare_to is not None:
            there = scores(_attractors(model, ex.compare_to, update), ex.expect)
        checks = tuple(_judge(v, atts, n, here[n], None if there is None else there[n])
                       for n, v in ex.expect.items())
        results.append(ExpectationResult(ex, checks))
    return Validation(tuple(results), update)
