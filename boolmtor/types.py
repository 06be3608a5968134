"""The vocabulary of the package, named once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Union

State = Mapping[str, int]
"""A state: every node of a model mapped to 0 or 1."""

Subspace = Mapping[str, int]
"""A subspace: some nodes fixed to 0 or 1, the others free."""

UpdateScheme = Literal["asynchronous", "synchronous", "most-permissive", "fixed-points"]
"""How nodes update; see docs/semantics.md."""

UPDATE_SCHEMES: tuple[str, ...] = ("asynchronous", "synchronous", "most-permissive", "fixed-points")

Activity = Union[int, Literal["osc"]]
"""A readout's value in an attractor: 0, 1 or "osc" (it changes inside the attractor)."""
