"""Models from other tools' in-memory forms: pyboolnet primes and colomoto minibn networks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .. import expr as E
from ..errors import BoolmtorError
from ..parser import joined

if TYPE_CHECKING:  # models are built by Model.from_primes / from_minibn: no import cycle
    from ..model import Model


def _text(rules: Mapping[str, E.Expr]) -> str:
    return "".join(f"{n}, {E.to_bnet(e)}\n" for n, e in rules.items())


def primes_text(primes: Mapping) -> str:
    """The `.bnet` rules of pyboolnet prime implicants `{node: [off-primes, on-primes]}`.

    Each rule is the disjunction of the node's on-primes (a prime is a conjunction of
    literals); no on-prime is the constant 0, an empty prime the constant 1.
    """
    if not isinstance(primes, Mapping) or not primes:
        raise BoolmtorError("primes must be a non-empty dict {node: [off-primes, on-primes]}")
    rules = {}
    for node, pair in primes.items():
        try:
            on = pair[1]
            terms = [joined(E.And, [E.Var(v) if int(val) else E.Not(E.Var(v))
                                     for v, val in sorted(p.items())]) if p else E.TRUE
                     for p in on]
        except (TypeError, IndexError, KeyError, ValueError, AttributeError):
            raise BoolmtorError(f"primes of {node!r} must be [off-primes, on-primes], each a "
                                "list of {node: 0/1} dicts") from None
        rules[str(node)] = joined(E.Or, terms) if terms else E.FALSE
    return _text(rules)


def _boolean(expr) -> E.Expr:
    """The tree of a boolean.py expression (colomoto minibn rules), walked by type."""
    kind = type(expr).__name__
    if kind == "Symbol":
        return E.Var(str(expr.obj))
    if kind in ("_TRUE", "TRUE"):
        return E.TRUE
    if kind in ("_FALSE", "FALSE"):
        return E.FALSE
    if kind == "NOT":
        return E.Not(_boolean(expr.args[0]))
    if kind in ("AND", "OR"):
        return joined(E.And if kind == "AND" else E.Or, [_boolean(a) for a in expr.args])
    raise BoolmtorError(f"unsupported minibn expression {expr!s} ({kind})")


def minibn_text(network) -> str:
    """The `.bnet` rules of a colomoto `minibn.BooleanNetwork` (a dict node -> boolean.py rule)."""
    if not isinstance(network, Mapping) or not network:
        raise BoolmtorError("expected a non-empty colomoto minibn.BooleanNetwork")
    rules: dict[str, E.Expr] = {}
    for node, rule in network.items():
        if isinstance(rule, (bool, int)):
            rules[str(node)] = E.Const(bool(rule))
        else:
            rules[str(node)] = _boolean(rule)
    return _text(rules)


def to_minibn(model: Model):
    """The model as a colomoto `minibn.BooleanNetwork` (needs the `colomoto` extra)."""
    try:
        from colomoto.minibn import BooleanNetwork
    except ImportError:  # pragma: no cover - the test extra installs it
        raise BoolmtorError("to_minibn needs colomoto-jupyter: pip install "
                            "'boolmtor[colomoto]' (or colomoto-jupyter)") from None
    bn = BooleanNetwork()
    for node in model.nodes:
        bn[node] = E.to_bnet(model.rule(node))
    return bn
