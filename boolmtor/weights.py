"""Attractor weights: where the asynchronous random walk ends, from a uniformly random state.

The weight of an attractor is the probability that the asynchronous walk (each step flips one
node chosen uniformly among the nodes whose value would change) started from a uniformly random
state of the condition's state space ends in it. See docs/semantics.md, "Attractor weights",
for the methods (exact counts of symbolic strong basins, an exact Markov-chain solve, or a
seeded Monte-Carlo estimate with a 95% half-width in `Attractor.weight_error`).

Examples
--------
>>> import boolmtor as bm
>>> m = bm.Model.from_text("A, !B\\nB, !A")
>>> [(a.pattern(m.nodes), a.weight, a.weight_error)
...  for a in bm.attractors(m, weights=True)]
[('01', 0.5, 0.0), ('10', 0.5, 0.0)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cached_property

import biodivine_aeon as ba
import numpy as np

from ._cache import lru_cache
from ._engines import aeon, asynchronous
from ._engines.absorb import Absorption, Dynamics, Outcome, Start
from .errors import BoolmtorError
from .model import Model
from .results import Attractor, canonical

DEFAULT_SEED = 0
"""The seed of Monte-Carlo estimates unless one is given: results are reproducible."""

DEFAULT_SAMPLES = 10_000
"""Random walks per Monte-Carlo estimate (95% half-width at most ~0.01 of the sampled share)."""


class _Condition:
    """One fixed model with its AEON graph, vectorised dynamics and attractors (cached)."""

    def __init__(self, model: Model):
        self.model = model
        self.graph = aeon.graph(model)
        self.ctx = self.graph.symbolic_context()
        self.names = list(self.graph.network_variable_names())  # AEON's (sorted) order
        self.dynamics = Dynamics(model, self.names)
        self.space = self.graph.mk_subspace_vertices(
            {n: bool(v) for n, v in model.fixed.items()}).to_bdd()
        self._global: dict[tuple[int, int], tuple[tuple[Attractor, ba.Bdd], ...]] = {}

    def colored(self, bdd: ba.Bdd) -> ba.ColoredVertexSet:
        return ba.ColoredVertexSet(self.ctx, bdd)

    def force(self) -> dict[int, int]:
        return {self.names.index(n): int(v) for n, v in self.model.fixed.items()}

    def project(self, start: Start) -> ba.Bdd:
        """The set of states a start distribution puts mass on."""
        if not start.force:
            return start.bdd
        bdd_vars = list(self.ctx.network_bdd_variables())
        out = start.bdd.r_exists([bdd_vars[b] for b in start.force])
        clause = self.ctx.bdd_variable_set().mk_conjunctive_clause(
            {bdd_vars[b]: bool(v) for b, v in start.force.items()})
        return out.l_and(clause)

    def attractors_in(self, region: ba.Bdd) -> list[tuple[Attractor, ba.Bdd]]:
        """The attractors inside a forward-closed `region` (those that meet it), in canonical
        order: taken from the condition's attractors, not searched again."""
        return [(a, b) for a, b in self.everywhere if not b.l_and(region).is_false()]

    def region(self, starts: Sequence[Start]) -> ba.Bdd:
        """Every state reachable from the states the starts put mass on."""
        union = self.ctx.bdd_variable_set().mk_false()
        for s in starts:
            union = union.l_or(self.project(s))
        return ba.Reachability.reach_fwd(self.graph, self.colored(union)).to_bdd()

    @cached_property
    def everywhere(self) -> list[tuple[Attractor, ba.Bdd]]:
        """Every attractor of the condition, with its set of states (the engine's one path:
        percolation, cache, portfolio; the states by reachability from each seed)."""
        found = asynchronous.located(self.model, self.graph)
        order = {id(a): i for i, a in enumerate(canonical([a for a, _ in found],
                                                          self.model.nodes))}
        return sorted(found, key=lambda p: order[id(p[0])])

    def reached(self, starts: Sequence[Start], seed: int, samples: int
                ) -> tuple[list[tuple[Attractor, ba.Bdd]], list[Outcome]]:
        """The attractors reachable from the starts, and each start's outcome over them."""
        region = self.region(starts)
        found = self.attractors_in(region)
        absorb = Absorption(self.graph, self.dynamics, region, [b for _, b in found])
        return found, [absorb.outcome(s, seed + i, samples) for i, s in enumerate(starts)]

    def global_weights(self, seed: int, samples: int) -> tuple[tuple[Attractor, ba.Bdd], ...]:
        key = (seed, samples)
        if key not in self._global:
            found = self.everywhere
            absorb = Absorption(self.graph, self.dynamics, self.space, [b for _, b in found])
            out = absorb.outcome(Start(self.space), seed, samples)
            self._global[key] = _weighted(found, out.probabilities, out.errors)
        return self._global[key]


def _weighted(found, weights: np.ndarray, errors: np.ndarray):
    return tuple((replace(a, weight=float(w), weight_error=float(e)), b)
                 for (a, b), w, e in zip(found, weights, errors))


def _condition(model: Model) -> _Condition:
    # Model equality compares rules only; a node fixed to the constant its rule already has
    # changes the state space but not the rules, so the fixed values are part of the key.
    return _cached_condition(model, tuple(sorted(model.fixed.items())))


@lru_cache(maxsize=512)
def _cached_condition(model: Model, fixed: tuple) -> _Condition:
    return _Condition(model)


def _check(seed: int, samples: int) -> None:
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise BoolmtorError(f"seed must be a non-negative integer (got {seed!r})")
    if not isinstance(samples, (int, np.integer)) or isinstance(samples, bool) or samples < 1:
        raise BoolmtorError(f"samples must be a positive integer (got {samples!r})")


def weighted_attractors(fixed: Model, initial: Mapping[str, int] | None = None,
                        seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES
                        ) -> tuple[Attractor, ...]:
    """The asynchronous attractors of an already fixed model, with weights.

    Without `initial` the weights are global (uniform start over the states in which the fixed
    nodes hold their values); with `initial` (a partial state, unnamed nodes free, fixed nodes
    then forced) only the reachable attractors are returned, weighted by the probability of
    ending in each from a uniformly random state of that subspace.
    """
    _check(seed, samples)
    cond = _condition(fixed)
    if initial is None:
        return tuple(a for a, _ in cond.global_weights(seed, samples))
    start = Start(cond.graph.mk_subspace_vertices(
        {n: bool(v) for n, v in initial.items()}).to_bdd(), cond.force())
    found, (out,) = cond.reached([start], seed, samples)
    return tuple(a for a, _ in _weighted(found, out.probabilities, out.errors))


def carry_over(untreated: Model, treated: Model, seed: int = DEFAULT_SEED,
               samples: int = DEFAULT_SAMPLES
               ) -> tuple[tuple[Attractor, ...], tuple[Attractor, ...]]:
    """Untreated attractors (global weights) and the treated attractors reached from them.

    The treated network starts uniformly from the states of each untreated attractor, with the
    treated model's fixed nodes forced; treated weight of B = sum over untreated attractors A of
    weight(A) * P(end in B | start in A). Errors add up conservatively.
    """
    _check(seed, samples)
    before = _condition(untreated).global_weights(seed, samples)
    cond = _condition(treated)
    force = cond.force()
    starts = [Start(b, force) for _, b in before]
    found, outs = cond.reached(starts, seed, samples)
    w = np.array([a.weight for a, _ in before])
    e = np.array([a.weight_error for a, _ in before])
    p = np.array([o.probabilities for o in outs])  # (untreated, treated)
    pe = np.array([o.errors for o in outs])
    weights = w @ p
    errors = w @ pe + e @ p
    return (tuple(a for a, _ in before),
            tuple(a for a, _ in _weighted(found, weights, errors)))


def reachable(untreated: Model, treated: Model) -> tuple[Attractor, ...]:
    """The treated attractors reachable from the untreated attractors (no weights).

    The treated network starts from every state of every untreated attractor, with the
    treated model's fixed nodes forced: the start of `carry_over`.
    """
    cond = _condition(treated)
    force = cond.force()
    region = cond.region([Start(b, force) for _, b in _condition(untreated).everywhere])
    return tuple(a for a, _ in cond.attractors_in(region))


def clear_cache() -> None:
    """Forget the cached AEON graphs and weights (e.g. to free memory in a long session)."""
    _cached_condition.cache_clear()
