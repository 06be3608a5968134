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
"""Deepest parenthesis nesting accepted (keeps the parser's recursion bounded)."""

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<num>[0-9]+)|(?P<op>&&|\|\||[&|!~()]))")
_SPACE = re.compile(r"\s*")
_WORD_OPS = {"and": "&", "or": "|", "not": "!", "AND": "&", "OR": "|", "NOT": "!"}
_CONSTS = {"0": False, "1": True, "true": True, "false": False, "True": True, "False": False,
           "TRUE": True, "FALSE": False}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
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
    col: int
    refs: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    uses: tuple[tuple[str, int], ...] = ()  # (regulator name, column) in the order written
    alternatives: tuple[E.Expr, ...] = ()  # `# alt:` lines below the rule, in order


def _joined(op, args: list[E.Expr]) -> E.Expr:
    """`op` over `args`, with operands of the same operator spliced in: `A & (B & C)` is the
    flat `A & B & C`, so the tree (and the model) does not depend on redundant parentheses."""
    flat: list[E.Expr] = []
    for a in args:
        flat.extend(a.args if isinstance(a, op) else (a,))
    return flat[0] if len(flat) == 1 else op(tuple(flat))


class _Parser:
    """Parses one expression; `pos` is an index into `text`, columns are 1-based."""

    def __init__(self, text: str, offset: int, path: str | None, line: int):
        self.text, self.offset, self.path, self.line = text, offset, path, line
        self.tokens = self._tokenise()
        self.i = 0
        self.uses: list[tuple[str, int]] = []

    def error(self, msg: str, col: int) -> RulesSyntaxError:
        return RulesSyntaxError(msg, self.path, self.line, col)

    def _tokenise(self) -> list[tuple[str, str, int]]:
        # matches from a position (never slices the text), so long lines stay linear
        out, pos, text, offset = [], 0, self.text, self.offset
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                start = _SPACE.match(text, pos).end()
                if start == len(text):
                    break
                raise self.error(f"unexpected character {text[start]!r}; expected a node name, "
                                 "0, 1, '&', '|', '!', 'and', 'or', 'not' or a parenthesis",
                                 offset + start + 1)
            kind = m.lastgroup
            value = m.group(kind)
            col = offset + m.start(kind) + 1
            if kind == "name":
                if value in _WORD_OPS:
                    out.append(("op", _WORD_OPS[value], col))
                elif value in _CONSTS:
                    out.append(("const", value, col))
                else:
                    out.append(("name", value, col))
            elif kind == "num":
                if value not in ("0", "1"):
                    raise self.error(f"unexpected number {value!r}; only the constants 0 and 1 "
                                     "are allowed", col)
                out.append(("const", value, col))
            else:
                out.append(("op", _OP_ALIASES.get(value, value), col))
            pos = m.end()
        return out

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def end_col(self) -> int:
        return self.offset + len(self.text.rstrip()) + 1

    def parse(self) -> E.Expr:
        if not self.tokens:
            raise self.error("missing rule after the separator; expected an expression",
                             self.end_col())
        result = self.disjunction(0)
        tok = self.peek()
        if tok is not None:
            if tok[1] == ")":
                raise self.error("unbalanced parenthesis: ')' without a matching '('", tok[2])
            raise self.error(f"unexpected {tok[1]!r}; expected '&', '|' or the end of the rule",
                             tok[2])
        return result

    def disjunction(self, depth: int) -> E.Expr:
        args = [self.conjunction(depth)]
        while (tok := self.peek()) is not None and tok[1] == "|":
            self.i += 1
            args.append(self.conjunction(depth))
        return _joined(E.Or, args)

    def conjunction(self, depth: int) -> E.Expr:
        args = [self.unary(depth)]
        while (tok := self.peek()) is not None and tok[1] == "&":
            self.i += 1
            args.append(self.unary(depth))
        return _joined(E.And, args)

    def unary(self, depth: int) -> E.Expr:
        negations = 0
        while (tok := self.peek()) is not None and tok[1] == "!":
            negations += 1
            self.i += 1
            if depth + negations > MAX_NESTING:  # each '!' nests the tree one level deeper
                raise self.error(f"negations and parentheses nested deeper than {MAX_NESTING}",
                                 tok[2])
        result = self.atom(depth + negations)
        for _ in range(negations):
            result = E.Not(result)
        return result

    def atom(self, depth: int) -> E.Expr:
        tok = self.peek()
        if tok is None:
            raise self.error("rule ends early; expected a node name, 0, 1, '!' or '('",
                             self.end_col())
        kind, value, col = tok
        self.i += 1
        if kind == "name":
            self.uses.append((value, col))
            return E.Var(value)
        if kind == "const":
            return E.Const(_CONSTS[value])
        if value == "(":
            if depth >= MAX_NESTING:
                raise self.error(f"parentheses nested deeper than {MAX_NESTING}", col)
            inner = self.disjunction(depth + 1)
            close = self.peek()
            if close is None or close[1] != ")":
                raise self.error("unbalanced parenthesis: '(' is never closed", col)
            self.i += 1
            return inner
        if value == ")":
            raise self.error("unbalanced parenthesis: ')' without a matching '('", col)
        raise self.error(f"unexpected {value!r}; expected a node name, 0, 1, '!' or '('", col)


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 text of a rules file, or a RulesSyntaxError at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RulesSyntaxError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); rules files "
                               "must be UTF-8", path, line, col) from None


def _gc_paused(func):
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


@_gc_paused
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
        if not _NAME.match(target):
            shown = target or "nothing"
            raise RulesSyntaxError(f"expected a node name before {m.group()!r} (got {shown!r})",
                                   path, number, target_col)
        if target in _WORD_OPS or target in _CONSTS:
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
    if not rules or previous != number - 1:
        raise RulesSyntaxError("'# alt:' must come on the line directly below the rule (or "
                               "another '# alt:' line) it is an alternative of", path, number,
                               m.start() + 1)
    p = _Parser(m.group(2), m.end(1), path, number)
    tree = p.parse()
    last = rules[-1]
    return [replace(last, alternatives=last.alternatives + (tree,),
                    uses=last.uses + tuple(p.uses))]
