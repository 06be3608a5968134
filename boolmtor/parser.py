"""Read rules text (BoolNet `.bnet` or the readable `A = B and not C` form) into expression trees.

The text is tokenised and parsed by a small recursive-descent parser; nothing is evaluated.
"""

from __future__ import annotations

import functools
import gc
import re
from dataclasses import dataclass, replace

from . import expr as E
from .errors import RulesSyntaxError

MAX_NESTING = 200
"""Deepest nesting of the parsed tree accepted: negations and alternations of '&' and '|'.

Parentheses that do not change the operator (`(A | (B | (C | D)))`, as AEON writes long
rules) add no depth and have no limit beyond the line's length; the parser keeps its own
stack, so no input can exhaust Python's."""

NAME = r"\w[\w.{}\-]*"
"""A node name: a letter, digit or underscore, then also '.', '-', '{' or '}' (`4EBP1`,
`IL-6`, `Bcl.2`, `PI3K{p}` as BoolNet, pyboolnet and AEON write them); digits alone are not
a name."""

_TOKEN = re.compile(rf"\s*(?:(?P<name>{NAME})|(?P<op>&&|\|\||[&|!~()]))")
_SPACE = re.compile(r"\s*")
WORD_OPS = {"and": "&", "or": "|", "not": "!", "AND": "&", "OR": "|", "NOT": "!"}
CONSTS = {"0": False, "1": True, "true": True, "false": False, "True": True, "False": False,
           "TRUE": True, "FALSE": False}
NAME_RE = re.compile(rf"{NAME}\Z")
DIGITS = re.compile(r"[0-9]+\Z")
_ANNOTATION = re.compile(r"#\s*(ref|choice)\s*:\s*(.*)", re.IGNORECASE)
_ALT = re.compile(r"(#\s*alt\s*:)(.*)", re.IGNORECASE)
"""`# alt: <rule>` directly below a rule: an alternative rule for the same node."""
_CONTINUATION = re.compile(r"\s*#\s{2,}\S")
"""A comment line indented by two or more spaces continues the `# ref:` / `# choice:` above."""
_HEADER = re.compile(r"\s*targets\s*,\s*factors\s*\Z", re.IGNORECASE)
_OP_ALIASES = {"&&": "&", "||": "|", "~": "!"}


@dataclass(frozen=True)
class Rule:
    """One parsed rule with where it came from and the evidence written above it."""

    node: str
    expr: E.Expr
    path: str | None
    line: int
    col: int | None  # None: not known (a rule read from SBML)
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    uses: tuple[tuple[str, int | None], ...] = ()  # (regulator name, column) in written order
    alternatives: tuple[E.Expr, ...] = ()  # `# alt:` lines below the rule, in order
    implicit: bool = False  # a regulator no rule defines, read as a free input (`X, X`)


def joined(op, args: list[E.Expr]) -> E.Expr:
    """`op` over `args`, with operands of the same operator spliced in: `A & (B & C)` is the
    flat `A & B & C`, so the tree (and the model) does not depend on redundant parentheses."""
    flat: list[E.Expr] = []
    for a in args:
        flat.extend(a.args if isinstance(a, op) else (a,))
    return flat[0] if len(flat) == 1 else op(tuple(flat))


class _Group:
    """One open parenthesis (or the whole rule): its finished `|` terms, the `&` factors of
    the term being read, `!`s waiting for the next operand, and the `!`s before the '('."""

    __slots__ = ("terms", "factors", "nots", "not_col", "outer_nots", "outer_col", "col")

    def __init__(self, col: int | None, outer_nots: int = 0, outer_col: int = 0):
        self.terms: list[tuple[E.Expr, int]] = []
        self.factors: list[tuple[E.Expr, int]] = []
        self.nots, self.not_col = 0, 0
        self.outer_nots, self.outer_col, self.col = outer_nots, outer_col, col


class _Parser:
    """Parses one expression with an explicit stack (no recursion); columns are 1-based.

    Each operand is kept with the depth of its tree, so a too deep tree is refused as soon as
    it is built.
    """

    def __init__(self, text: str, offset: int, path: str | None, line: int):
        self.text, self.offset, self.path, self.line = text, offset, path, line
        self.tokens = self._tokenise()
        self.uses: list[tuple[str, int]] = []

    def error(self, msg: str, col: int | None) -> RulesSyntaxError:
        return RulesSyntaxError(msg, self.path, self.line, col)

    def _tokenise(self) -> list[tuple[str, str, int]]:
        # matches from a position (never slices the text), so long lines stay linear
        out, pos, text, offset = [], 0, self.text, self.offset
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                space = _SPACE.match(text, pos)
                assert space is not None  # the pattern matches the empty string
                start = space.end()
                if start == len(text):
                    break
                raise self.error(f"unexpected character {text[start]!r}; expected a node name, "
                                 "0, 1, '&', '|', '!', 'and', 'or', 'not' or a parenthesis",
                                 offset + start + 1)
            kind = m.lastgroup
            assert kind is not None  # each alternative of _TOKEN is a named group
            value = m.group(kind)
            col = offset + m.start(kind) + 1
            if kind == "name":
                if value in WORD_OPS:
                    out.append(("op", WORD_OPS[value], col))
                elif value in CONSTS:
                    out.append(("const", value, col))
                elif DIGITS.match(value):
                    raise self.error(f"unexpected number {value!r}; only the constants 0 and 1 "
                                     "are allowed", col)
                else:
                    out.append(("name", value, col))
            else:
                out.append(("op", _OP_ALIASES.get(value, value), col))
            pos = m.end()
        return out

    def end_col(self) -> int:
        return self.offset + len(self.text.rstrip()) + 1

    def _negated(self, item: tuple[E.Expr, int], nots: int, col: int) -> tuple[E.Expr, int]:
        expr, depth = item
        if depth + nots > MAX_NESTING:
            raise self.error(f"negations and operators nested deeper than {MAX_NESTING} levels",
                             col)
        for _ in range(nots):
            expr = E.Not(expr)
        return expr, depth + nots

    def joined(self, op, items: list[tuple[E.Expr, int]], col: int) -> tuple[E.Expr, int]:
        if len(items) == 1:
            return items[0]
        # an operand of the same operator is spliced in: its depth is already the result's
        depth = max(d if isinstance(e, op) else d + 1 for e, d in items)
        if depth > MAX_NESTING:
            raise self.error(f"negations and operators nested deeper than {MAX_NESTING} levels",
                             col)
        return joined(op, [e for e, _ in items]), depth

    def _close(self, g: _Group, col: int) -> tuple[E.Expr, int]:
        g.terms.append(self.joined(E.And, g.factors, col))
        return self.joined(E.Or, g.terms, col)

    def parse(self) -> E.Expr:
        if not self.tokens:
            raise self.error("missing rule after the separator; expected an expression",
                             self.end_col())
        stack = [_Group(None)]
        operand = True  # an operand comes next (else an operator or ')')
        for kind, value, col in self.tokens:
            g = stack[-1]
            if operand:
                if value == "!" and kind == "op":
                    g.not_col = g.not_col if g.nots else col
                    g.nots += 1
                    continue
                if value == "(" and kind == "op":
                    stack.append(_Group(col, g.nots, g.not_col))
                    g.nots = 0
                    continue
                if kind == "name":
                    self.uses.append((value, col))
                    item: tuple[E.Expr, int] = (E.Var(value), 0)
                elif kind == "const":
                    item = (E.Const(CONSTS[value]), 0)
                elif value == ")":
                    raise self.error("unbalanced parenthesis: ')' without a matching '('", col)
                else:
                    raise self.error(f"unexpected {value!r}; expected a node name, 0, 1, '!' "
                                     "or '('", col)
                g.factors.append(self._negated(item, g.nots, g.not_col) if g.nots else item)
                g.nots, operand = 0, False
            elif value == "&":
                operand = True
            elif value == "|":
                g.terms.append(self.joined(E.And, g.factors, col))
                g.factors, operand = [], True
            elif value == ")":
                if len(stack) == 1:
                    raise self.error("unbalanced parenthesis: ')' without a matching '('", col)
                stack.pop()
                item = self._close(g, col)
                if g.outer_nots:
                    item = self._negated(item, g.outer_nots, g.outer_col)
                stack[-1].factors.append(item)
            elif len(stack) > 1:
                raise self.error(f"unexpected {value!r}; expected '&', '|' or ')'", col)
            else:
                raise self.error(f"unexpected {value!r}; expected '&', '|' or the end of the "
                                 "rule", col)
        if operand:
            raise self.error("rule ends early; expected a node name, 0, 1, '!' or '('",
                             self.end_col())
        if len(stack) > 1:
            raise self.error("unbalanced parenthesis: '(' is never closed", stack[-1].col)
        return self._close(stack[0], self.end_col())[0]


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 text of a rules file, or a RulesSyntaxError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RulesSyntaxError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); rules files "
                               "must be UTF-8", path, line, col) from None


def gc_paused(func):
    """Run `func` with the cyclic garbage collector paused (restored after): parsing makes
    millions of small acyclic objects, and collections scanning them made a 10^5-rule file
    three times slower."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return wrapper


@gc_paused
def parse_rules(text: str, path: str | None = None) -> list[Rule]:
    """Every rule of a rules text, in order, with its `# ref:` and `# choice:` annotations."""
    rules: list[Rule] = []
    refs: list[str] = []
    choices: list[str] = []
    previous = 0  # line of the last rule or `# alt:` line, for `# alt:` placement
    current: list[str] | None = None  # the annotation list an indented comment line continues
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#") and _ALT.match(stripped):
            rules[-1:] = _with_alternative(rules, raw, path, number, previous)
            previous = number
            continue
        if stripped.startswith("#"):
            m = _ANNOTATION.match(stripped)
            if m:
                current = refs if m.group(1).lower() == "ref" else choices
                current.append(m.group(2).strip())
            elif current and _CONTINUATION.match(raw):  # an indented line goes on the last one
                current[-1] += " " + stripped[1:].strip()
            else:
                current = None
            continue
        body = raw.split("#", 1)[0]
        if _HEADER.match(body):
            continue
        m = re.search(r"[,=]", body)
        if m is None:
            col = len(raw) - len(raw.lstrip()) + 1
            raise RulesSyntaxError("expected 'NODE, rule' or 'NODE = rule'", path, number, col)
        target = body[: m.start()].strip()
        target_col = len(body) - len(body.lstrip()) + 1
        if not NAME_RE.match(target) or DIGITS.match(target):
            shown = target or "nothing"
            raise RulesSyntaxError(f"expected a node name before {m.group()!r} (got {shown!r})",
                                   path, number, target_col)
        if target in WORD_OPS or target in CONSTS:
            raise RulesSyntaxError(f"{target!r} is a reserved word and cannot name a node",
                                   path, number, target_col)
        p = _Parser(body[m.end():], m.end(), path, number)
        tree = p.parse()
        rules.append(Rule(target, tree, path, number, target_col, tuple(refs), tuple(choices),
                          tuple(p.uses)))
        refs, choices, current = [], [], None
        previous = number
    return rules


def _with_alternative(rules: list[Rule], raw: str, path: str | None, number: int,
                      previous: int) -> list[Rule]:
    """The last rule with the `# alt:` expression on line `number` added to its alternatives."""
    m = _ALT.search(raw)
    assert m is not None  # called for `# alt:` lines only
    if not rules or previous != number - 1:
        raise RulesSyntaxError("'# alt:' must come on the line directly below the rule (or "
                               "another '# alt:' line) it is an alternative of", path, number,
                               m.start() + 1)
    p = _Parser(m.group(2), m.end(1), path, number)
    tree = p.parse()
    last = rules[-1]
    return [replace(last, alternatives=last.alternatives + (tree,),
                    uses=last.uses + tuple(p.uses))]
