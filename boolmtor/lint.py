"""`lint`: checks of a loaded model beyond what loading enforces (`boolmtor lint`).

Errors: a level node `X_j` whose rule can switch it on while `X_(j-1)` is off (levels must be
consistent: "at least level j" implies "at least level j-1"; a lower level that switches off
first only leaves a transient, since `X_j` then has to follow). Warnings: rules without a
`# ref:` line (level nodes share the evidence of their base node), outputs nothing observes,
and nodes named like a level node (`X_2` beside `X`) that `[levels]` does not declare. See
docs/semantics.md, "Multi-level nodes".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy.logic.inference import satisfiable

from . import expr as E
from .model import Model

_LEVEL_NAME = re.compile(r"^(?P<base>.+)_(?P<level>[0-9]+)$")


@dataclass(frozen=True)
class Lint:
    """What `lint` found: errors (the model is inconsistent) and warnings."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {"ok": self.ok, "errors": list(self.errors), "warnings": list(self.warnings)}


def _where(model: Model, node: str) -> str:
    rule = model.origins.get(node)
    return f"{rule.path or '<text>'}:{rule.line}: " if rule is not None else ""


def _witness(formula: sympy.logic.boolalg.Boolean) -> str | None:
    """A satisfying assignment of `formula` as "A=1, B=0" (None when unsatisfiable)."""
    found = satisfiable(formula)
    if not found:
        return None
    return ", ".join(f"{s}={int(bool(v))}" for s, v in sorted(found.items(), key=str))


def level_problems(model: Model) -> tuple[list[str], list[str]]:
    """(errors, warnings) of the declared levels, decided with sympy's SAT solver.

    For each declared `X_j` (j >= 2) the rule of `X_j` must imply `X_(j-1)`, else an error: the
    level node can switch on above an absent lower level.
    """
    errors, warnings = [], []
    for levels in model.levels.values():
        for lower, upper in zip(levels, levels[1:]):
            rule, below = model.rule(upper), sympy.Symbol(lower)
            witness = _witness(sympy.And(E.to_sympy(rule), sympy.Not(below)))
            if witness is not None:
                errors.append(f"{_where(model, upper)}rule of level node {upper} "
                              f"({upper}, {E.to_bnet(rule)}) does not imply {lower}: it is 1 "
                              f"when {witness}; a level can only switch on above the one "
                              "below it")
    declared = set(model.higher_levels)
    for node in model.nodes:
        m = _LEVEL_NAME.match(node)
        if (m and int(m["level"]) >= 2 and m["base"] in model.nodes and node not in declared):
            warnings.append(f"{node} is named like level {int(m['level'])} of {m['base']}, "
                            f"but [levels] in model.toml does not declare it (e.g. "
                            f"{m['base']} = {int(m['level'])})")
    return errors, warnings


def lint(model: Model) -> Lint:
    """Check level consistency, `# ref:` lines and unobserved outputs of `model`."""
    errors, level_warnings = level_problems(model)
    warnings = []
    read = {u for u, v in model.graph.edges() if u != v}
    # an output node is of use when a readout or a literature expectation observes it
    observed = set(model.readouts).union(*(ex.expect for ex in model.expectations))
    has_manifest = bool(model.manifest.name or model.manifest.readouts)
    for node in model.nodes:
        rule = model.origins.get(node)
        if (has_manifest and rule is not None and not rule.implicit and not rule.refs
                and node not in model.higher_levels):
            warnings.append(f"{rule.path}:{rule.line}: rule for {node} has no '# ref:' line")
        if (node not in read and node not in observed and node not in model.inputs
                and node not in model.higher_levels):  # a level node counts with its base
            warnings.append(f"{node} is read by no rule, is not a readout and no expectation "
                            "observes it")
    return Lint(tuple(errors), tuple(warnings + level_warnings))
