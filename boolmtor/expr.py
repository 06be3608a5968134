"""Boolean rule expressions as a small immutable tree (never Python code, never eval)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:  # sympy is imported when first used: `import boolmtor` stays fast
    import sympy


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class Var:
    name: str


@dataclass(frozen=True)
class Not:
    arg: "Expr"


@dataclass(frozen=True)
class And:
    args: tuple["Expr", ...]


@dataclass(frozen=True)
class Or:
    args: tuple["Expr", ...]


Expr = Union[Const, Var, Not, And, Or]
TRUE, FALSE = Const(True), Const(False)


def variables(e: Expr) -> frozenset[str]:
    """The node names an expression reads."""
    if isinstance(e, Var):
        return frozenset((e.name,))
    if isinstance(e, Const):
        return frozenset()
    if isinstance(e, Not):
        return variables(e.arg)
    return frozenset().union(*(variables(a) for a in e.args))


def evaluate(e: Expr, state: Mapping[str, int]) -> bool:
    """The value of `e` in `state` (a mapping node -> 0/1)."""
    if isinstance(e, Var):
        return bool(state[e.name])
    if isinstance(e, Const):
        return e.value
    if isinstance(e, Not):
        return not evaluate(e.arg, state)
    if isinstance(e, And):
        return all(evaluate(a, state) for a in e.args)
    return any(evaluate(a, state) for a in e.args)


def to_bnet(e: Expr, _parent: str = "") -> str:
    """BoolNet text with `&`, `|`, `!`; parentheses only where precedence needs them."""
    if isinstance(e, Var):
        return e.name
    if isinstance(e, Const):
        return "1" if e.value else "0"
    if isinstance(e, Not):
        inner = to_bnet(e.arg, "!")
        return f"!{inner}"
    op = " & " if isinstance(e, And) else " | "
    kind = "&" if isinstance(e, And) else "|"
    text = op.join(to_bnet(a, kind) for a in e.args)
    needs = _parent == "!" or (_parent == "&" and kind == "|")
    return f"({text})" if needs else text


def to_sympy(e: Expr) -> sympy.logic.boolalg.Boolean:
    """The sympy form of `e`, built node by node (no string is parsed)."""
    import sympy

    if isinstance(e, Var):
        return sympy.Symbol(e.name)
    if isinstance(e, Const):
        return sympy.true if e.value else sympy.false
    if isinstance(e, Not):
        return sympy.Not(to_sympy(e.arg))
    op = sympy.And if isinstance(e, And) else sympy.Or
    return op(*(to_sympy(a) for a in e.args))


def from_sympy(s: sympy.logic.boolalg.Boolean) -> Expr:
    """The tree of a sympy Boolean expression (used after simplification)."""
    import sympy

    if s is sympy.true:
        return TRUE
    if s is sympy.false:
        return FALSE
    if isinstance(s, sympy.Symbol):
        return Var(s.name)
    if isinstance(s, sympy.Not):
        return Not(from_sympy(s.args[0]))
    if isinstance(s, sympy.And):
        return And(tuple(from_sympy(a) for a in s.args))
    if isinstance(s, sympy.Or):
        return Or(tuple(from_sympy(a) for a in s.args))
    return from_sympy(s.to_nnf())


def rename(e: Expr, names: Mapping[str, str]) -> Expr:
    """`e` with each variable `v` renamed to `names[v]` (unnamed ones kept)."""
    if isinstance(e, Var):
        return Var(names.get(e.name, e.name))
    if isinstance(e, Const):
        return e
    if isinstance(e, Not):
        return Not(rename(e.arg, names))
    return type(e)(tuple(rename(a, names) for a in e.args))
