"""The vocabulary of the package, named once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Union, get_args

from .errors import BoolmtorError

State = Mapping[str, int]
"""A state: every node of a model mapped to 0 or 1."""

Subspace = Mapping[str, int]
"""A subspace: some nodes fixed to 0 or 1, the others free."""

UpdateScheme = Literal["asynchronous", "synchronous", "most-permissive", "fixed-points"]
"""How nodes update; see docs/semantics.md."""

UPDATE_SCHEMES: tuple[str, ...] = get_args(UpdateScheme)
"""The update schemes of `bm.attractors`, `bm.screen`, `bm.control` and `--update`: the one list."""

STOCHASTIC = "stochastic"
"""MaBoSS's continuous-time scheme (`bm.simulate`), which responses and marker calls also take."""


def check_update(update: object, allowed: tuple[str, ...] = UPDATE_SCHEMES) -> None:
    """Raise `BoolmtorError` unless `update` is one of `allowed`, naming them."""
    if update not in allowed:
        raise BoolmtorError(f"update must be one of {', '.join(allowed)} (got {update!r})")

Activity = Union[int, Literal["osc"]]
"""A readout's value in an attractor: 0, 1 or "osc" (it changes inside the attractor)."""


class FrozenMap(Mapping):
    """A read-only mapping that is hashable (when its values are) and picklable.

    Results and models hold their mappings in this form, so they can be compared, hashed,
    put in sets and sent to worker processes.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data=()):
        self._data = dict(data)
        self._hash = None

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __reduce__(self):
        return (FrozenMap, (self._data,))

    def __repr__(self) -> str:
        return repr(self._data)
