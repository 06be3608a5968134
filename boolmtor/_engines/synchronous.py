"""Exact synchronous attractors: percolate constants, then enumerate what is left with numpy.

Each input combination is solved apart; inside it the nodes that percolation does not fix are
enumerated exhaustively (2^k states), so `max_states` bounds k.
"""

from __future__ import annotations

import itertools

import numpy as np
from .._pyboolnet import find_constants, percolate, renamed_primes
from ..names import safe_ids

from ..errors import LimitExceededError
from ..results import Attractor

DEFAULT_MAX_STATES = 2 ** 22
MAX_INPUT_COMBINATIONS = 2 ** 12


def _successors(primes: dict, names: list[str]) -> np.ndarray:
    """The synchronous successor of every state of `names` (state i: bit j = names[j])."""
    k = len(names)
    states = np.arange(2 ** k, dtype=np.int64)
    bits = {n: ((states >> j) & 1).astype(bool) for j, n in enumerate(names)}
    nxt = np.zeros(2 ** k, dtype=np.int64)
    for j, n in enumerate(names):
        on = np.zeros(2 ** k, dtype=bool)
        for prime in primes[n][1]:
            term = np.ones(2 ** k, dtype=bool)
            for var, val in prime.items():
                term &= bits[var] if val else ~bits[var]
            on |= term
        nxt |= on.astype(np.int64) << j
    return nxt


def _cycles(nxt: np.ndarray, k: int) -> list[np.ndarray]:
    """The cycles of the functional graph `nxt` (each an array of states)."""
    landing = nxt.copy()
    for _ in range(k + 1):  # landing = nxt^(2^(k+1)): every state has reached its cycle
        landing = landing[landing]
    seen: set[int] = set()
    cycles = []
    for start in np.unique(landing).tolist():
        if start in seen:
            continue
        cycle, s = [start], int(nxt[start])
        while s != start:
            cycle.append(s)
            s = int(nxt[s])
        seen.update(cycle)
        cycles.append(np.array(cycle, dtype=np.int64))
    return cycles


def attractors(model, max_states: int = DEFAULT_MAX_STATES) -> list[Attractor]:
    """Every synchronous attractor (cycles of the state graph, fixed points included)."""
    # pyboolnet's percolation re-runs BNetToPrime on the names: give it identifiers
    safe = safe_ids(model.nodes)
    back = {v: k for k, v in safe.items()}
    primes = renamed_primes(model._primes, safe)
    free_inputs = [n for n in primes if primes[n] == [[{n: 0}], [{n: 1}]]]
    if 2 ** len(free_inputs) > MAX_INPUT_COMBINATIONS:
        raise LimitExceededError(
            f"synchronous update: {len(free_inputs)} free inputs give more than "
            f"{MAX_INPUT_COMBINATIONS} input combinations; fix inputs with an environment or use "
            "update='most-permissive'")
    out = []
    for values in itertools.product((0, 1), repeat=len(free_inputs)):
        reduced = percolate(primes, add_constants=dict(zip(free_inputs, values)), copy=True)
        constants = find_constants(reduced)
        names = sorted(n for n in reduced if n not in constants)
        if 2 ** len(names) > max_states:
            raise LimitExceededError(
                f"synchronous update: {len(names)} nodes stay free after percolation, i.e. "
                f"2^{len(names)} states to enumerate (limit {max_states}); use "
                "update='asynchronous' or 'most-permissive', fix more inputs, or raise max_states")
        if not names:
            out.append(Attractor({back[n]: v for n, v in constants.items()}, frozenset(), 1,
                                 "synchronous", model.readouts, levels=model.levels))
            continue
        nxt = _successors(reduced, names)
        for cycle in _cycles(nxt, len(names)):
            fixed = {back[n]: v for n, v in constants.items()}
            active = {}
            for j, n in enumerate(names):
                share = float(((cycle >> j) & 1).mean())
                if share in (0.0, 1.0):
                    fixed[back[n]] = int(share)
                else:
                    active[back[n]] = share
            out.append(Attractor(fixed, frozenset(active), len(cycle), "synchronous",
                                 model.readouts, active, levels=model.levels))
    return out
