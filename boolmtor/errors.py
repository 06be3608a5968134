"""One small exception hierarchy: every error a user can cause is a `BoolmtorError`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class BoolmtorError(Exception):
    """Base class of every error boolmtor raises for bad input or an impossible request."""


class RulesError(BoolmtorError):
    """A rules file cannot be read; carries the file, line and column (1-based)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 col: int | None = None):
        self.message, self.path, self.line, self.col = message, path, line, col
        super().__init__(str(self))

    def __reduce__(self):  # pickled whole (errors cross process boundaries: timeouts, pools)
        return type(self), (self.message, self.path, self.line, self.col)

    def __str__(self) -> str:
        where = self.path or "<text>"
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class RulesSyntaxError(RulesError):
    """The text is not a valid rule: bad token, unbalanced parenthesis, empty file, bad bytes."""


class UndefinedNodeError(RulesError):
    """A rule names a node that no rule defines."""


class DuplicateNodeError(RulesError):
    """Two rules define the same node."""


class ManifestError(RulesError):
    """`model.toml` is malformed or names something the rules do not define."""


class UnknownNameError(BoolmtorError, KeyError):
    """A node, drug, background, environment or option name is not known."""

    def __init__(self, kind: str, name: object, known: Iterable[str], if_none: str = ""):
        self.kind, self.name, self.known = kind, name, sorted(known)
        self.if_none = if_none  # said instead of "known: (none)" when nothing is known
        super().__init__(str(self))

    def __reduce__(self):
        return type(self), (self.kind, self.name, self.known)

    def __str__(self) -> str:
        hint = closest(str(self.name), self.known)
        text = f"unknown {self.kind} {self.name!r}"
        if not self.known and self.if_none:
            return f"{text}: {self.if_none}"
        if hint:
            text += f" (did you mean {hint!r}?)"
        shown = ", ".join(self.known[:40]) + (", ..." if len(self.known) > 40 else "")
        return f"{text}; known: {shown or '(none)'}"


class UnknownAlterationError(UnknownNameError):
    """A gene or alteration the model's alteration table does not know; the one-line message
    names the closest known ones."""

    def __init__(self, name: object, message: str, known: Iterable[str] = ()):
        self.message = message
        super().__init__("alteration", name, known)

    def __reduce__(self):
        return type(self), (self.name, self.message, self.known)

    def __str__(self) -> str:
        return self.message


class ModelWarning(UserWarning):
    """A model loaded, but not exactly as written: e.g. regulators without a rule became free
    inputs (`strict=True` makes that an error), or an SBML file broke a rule that does not
    change the model."""


class LimitExceededError(BoolmtorError):
    """A computation would exceed a size limit; the message says how to proceed."""


class TimeoutExceeded(BoolmtorError):
    """A computation ran past its `timeout=`; the message says how to proceed."""


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to `name` (case aside), or None when nothing is close."""
    by_folded = {k.casefold(): k for k in known}
    hits = difflib.get_close_matches(str(name).casefold(), list(by_folded), n=1)
    return by_folded[hits[0]] if hits else None
