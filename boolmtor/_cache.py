"""The package's caches, registered here so that `bm.clear_caches()` empties them all at once.

Caches hold results of pure functions of immutable inputs (a model's text, a condition), so
clearing them only frees memory or forces a fresh computation, e.g. between benchmark runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_CLEARERS: list[Callable[[], None]] = []


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Call `clear` on `clear_caches()`; returns it, so it serves as a decorator."""
    _CLEARERS.append(clear)
    return clear


def lru_cache(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """`functools.lru_cache(maxsize)` whose cache `clear_caches()` empties."""
    def decorate(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        register(cached.cache_clear)
        return cached
    return decorate


def clear_caches() -> None:
    """Empty every cache of the package (reduced networks, weights, figure layouts, screens)."""
    for clear in _CLEARERS:
        clear()
