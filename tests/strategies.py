"""Hypothesis strategies shared by the test modules: rule expressions and random Boolean networks.

An expression is drawn as a small tree of tuples, independent of boolmtor's own `expr` classes:
``("var", name)``, ``("const", 0 | 1)``, ``("not", e)``, ``("and", (e, ...))``,
``("or", (e, ...))``.
`render` writes such a tree as rule text (BoolNet or readable words, with optional redundant
parentheses and spacing) and `to_sympy` builds its sympy form directly, so tests can compare
what boolmtor parsed with what was meant.
"""

from __future__ import annotations

import sympy
from hypothesis import strategies as st

RESERVED = frozenset({"and", "or", "not", "AND", "OR", "NOT", "true", "false", "True", "False",
                      "TRUE", "FALSE", "targets", "factors"})
"""Words that cannot name a node (operators and constants of the rules syntax)."""

node_names = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,5}", fullmatch=True).filter(
    lambda s: s not in RESERVED)
"""One node name as the rules syntax allows it (letters, digits, underscore)."""


def name_lists(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[list[str]]:
    """Distinct node names; case-sensitive (``a`` and ``A`` are two nodes)."""
    return st.lists(node_names, min_size=min_size, max_size=max_size, unique=True)


def trees(names: list[str], max_leaves: int = 8, constants: bool = True):
    """Expression trees over `names` (and, if `constants`, the constants 0 and 1)."""
    leaves = st.sampled_from(names).map(lambda n: ("var", n))
    if constants:
        leaves = st.one_of(leaves, leaves, leaves,
                           st.sampled_from((0, 1)).map(lambda v: ("const", v)))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(lambda e: ("not", e)),
            st.lists(inner, min_size=2, max_size=3).map(lambda a: ("and", tuple(a))),
            st.lists(inner, min_size=2, max_size=3).map(lambda a: ("or", tuple(a))),
        ),
        max_leaves=max_leaves,
    )


_BNET = {"and": "&", "or": "|", "not": "!"}
_WORDS = {"and": "and", "or": "or", "not": "not "}


def render(tree, style: str = "bnet", draw=None, _parent: str = "") -> str:
    """Rule text of `tree`; with `draw` (a Hypothesis draw) adds redundant parentheses/spaces.

    Parentheses are written where precedence needs them (``!`` binds tightest, then ``&``, then
    ``|``), so the parser's precedence is exercised, not bypassed.
    """
    ops = _BNET if style == "bnet" else _WORDS
    kind = tree[0]
    if kind == "var":
        text = tree[1]
    elif kind == "const":
        text = str(tree[1])
    elif kind == "not":
        inner = render(tree[1], style, draw, "not")
        text = f"{ops['not']}{inner}"
    else:
        space = " " if draw is None or draw(st.booleans()) else ("" if style == "bnet" else " ")
        sep = f"{space}{ops[kind]}{space}"
        text = sep.join(render(a, style, draw, kind) for a in tree[1])
    compound = kind in ("and", "or")
    needs = compound and (_parent == "not" or (_parent == "and" and kind == "or"))
    extra = draw is not None and draw(st.integers(0, 4)) == 0
    return f"({text})" if needs or extra else text


def to_sympy(tree):
    """The sympy form of a tree, built from symbols (no text is parsed)."""
    kind = tree[0]
    if kind == "var":
        return sympy.Symbol(tree[1])
    if kind == "const":
        return sympy.true if tree[1] else sympy.false
    if kind == "not":
        return sympy.Not(to_sympy(tree[1]))
    op = sympy.And if kind == "and" else sympy.Or
    return op(*(to_sympy(a) for a in tree[1]))


@st.composite
def expressions(draw, names=None, style: str = "bnet"):
    """(rule text, intended sympy expression, names) for one random expression."""
    if names is None:
        names = draw(name_lists(1, 5))
    tree = draw(trees(names))
    return render(tree, style, draw), to_sympy(tree), names


@st.composite
def network_specs(draw, min_nodes: int = 1, max_nodes: int = 8, input_share: float = 0.25):
    """(names, {name: tree or None}) of a random network; None marks an input `X, X`."""
    names = draw(name_lists(min_nodes, max_nodes))
    spec = {}
    for name in names:
        is_input = draw(st.integers(0, 99)) < input_share * 100
        spec[name] = None if is_input else draw(trees(names, max_leaves=6))
    return names, spec


def spec_to_bnet(names, spec, fixed=None, style: str = "bnet", draw=None) -> str:
    """BoolNet text of a network spec; nodes in `fixed` get the constant rule instead."""
    fixed = fixed or {}
    sep = ", " if style == "bnet" else " = "
    lines = []
    for name in names:
        if name in fixed:
            rule = str(fixed[name])
        elif spec[name] is None:
            rule = name
        else:
            rule = render(spec[name], style, draw)
        lines.append(f"{name}{sep}{rule}")
    return "\n".join(lines) + "\n"


@st.composite
def networks(draw, min_nodes: int = 1, max_nodes: int = 8) -> str:
    """A random Boolean network of 1..8 nodes as `.bnet` text (some nodes inputs `X, X`)."""
    names, spec = draw(network_specs(min_nodes, max_nodes))
    return spec_to_bnet(names, spec, draw=draw)



RULE_PIECES = ("A", "B", "c_1", "and", "or", "not", "&", "|", "!", "~", "&&", "||", "(", ")",
               "0", "1", "2", "true", ",", "=", " ", "\t", "\n", "#", "# ref: x", "targets",
               "factors", "'", '"', ".", "__import__", "é", "\r\n", "\x00", "\ufeff")
"""Fragments of rules text, right and wrong, for fuzzing the parser near its grammar."""


def rule_soup(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Text glued from `RULE_PIECES`: mostly malformed rules, sometimes valid ones."""
    return st.lists(st.sampled_from(RULE_PIECES), max_size=max_pieces).map("".join)
