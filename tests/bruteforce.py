"""An independent reference for small networks: the whole state space, enumerated.

Rules are evaluated with `boolmtor.expr.evaluate` on the model's expression trees
(`model.rule(node)`): no prime implicants, no engine. State `s` is an int whose bit j is the
value of `model.nodes[j]`. Attractors are the attracting components (terminal strongly
connected components) of the state-transition graph built with networkx; trap spaces are found
by checking all 3^n subspaces.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

import networkx as nx

from boolmtor.expr import evaluate


@dataclass(frozen=True)
class Summary:
    """What an attractor or trap space looks like, comparable across methods."""

    fixed: tuple[tuple[str, int], ...]
    oscillating: tuple[str, ...]
    size: int
    activities: tuple[tuple[str, Fraction], ...] = ()


def targets(model) -> list[int]:
    """F[s]: the state whose bit j is node j's rule evaluated in state s."""
    nodes = model.nodes
    rules = [model.rule(n) for n in nodes]
    out = []
    for s in range(2 ** len(nodes)):
        state = {n: (s >> j) & 1 for j, n in enumerate(nodes)}
        out.append(sum(int(evaluate(r, state)) << j for j, r in enumerate(rules)))
    return out


def state_graph(model, update: str) -> nx.DiGraph:
    """The state-transition graph: "synchronous" (s -> F[s]) or "asynchronous".

    Asynchronous: one node whose rule disagrees with its value flips per step; a state where no
    rule disagrees gets a self-loop.
    """
    return graph_of(targets(model), len(model.nodes), update)


def graph_of(f: list[int], n: int, update: str) -> nx.DiGraph:
    """The state-transition graph of the targets `f` of an `n`-node network (see `state_graph`)."""
    g = nx.DiGraph()
    g.add_nodes_from(range(2 ** n))
    for s, t in enumerate(f):
        if update == "synchronous":
            g.add_edge(s, t)
        elif update == "asynchronous":
            differ = s ^ t
            if not differ:
                g.add_edge(s, s)
            for j in range(n):
                if differ >> j & 1:
                    g.add_edge(s, s ^ (1 << j))
        else:
            raise ValueError(f"update must be synchronous or asynchronous (got {update!r})")
    return g


def describe(model, states) -> Summary:
    """Summary of a set of states: constant nodes, oscillating nodes, size, exact activities."""
    nodes, states = model.nodes, list(states)
    fixed, oscillating, activities = [], [], []
    for j, n in enumerate(nodes):
        ones = sum((s >> j) & 1 for s in states)
        activities.append((n, Fraction(ones, len(states))))
        if ones in (0, len(states)):
            fixed.append((n, int(ones > 0)))
        else:
            oscillating.append(n)
    return Summary(tuple(sorted(fixed)), tuple(sorted(oscillating)), len(states),
                   tuple(sorted(activities)))


def attractor_sets(model, update: str, initial: int | None = None) -> list[frozenset[int]]:
    """The attractors as sets of states (only those reachable from `initial`, if given)."""
    g = state_graph(model, update)
    comps = [frozenset(c) for c in nx.attracting_components(g)]
    if initial is not None:
        reach = nx.descendants(g, initial) | {initial}
        comps = [c for c in comps if c & reach]
    return comps


def attractors(model, update: str, initial: int | None = None) -> list[Summary]:
    """Sorted summaries of the attractors under `update`."""
    return sorted((describe(model, c) for c in attractor_sets(model, update, initial)),
                  key=repr)


def fixed_points(model) -> list[dict[str, int]]:
    """Every state equal to its own image, as a dict node -> value."""
    nodes = model.nodes
    return [{n: (s >> j) & 1 for j, n in enumerate(nodes)}
            for s, t in enumerate(targets(model)) if s == t]


def _subspaces(n: int):
    """Every subspace of n nodes as (mask, vals): bit j of mask set when node j is fixed."""
    for pattern in itertools.product((None, 0, 1), repeat=n):
        mask = sum(1 << j for j, v in enumerate(pattern) if v is not None)
        vals = sum(1 << j for j, v in enumerate(pattern) if v == 1)
        yield mask, vals


def _members(n: int, mask: int, vals: int):
    """The states of subspace (mask, vals)."""
    free = ~mask & ((1 << n) - 1)
    sub = free
    while True:
        yield vals | sub
        if sub == 0:
            return
        sub = (sub - 1) & free


def _trap_masks(model) -> list[tuple[int, int]]:
    n = len(model.nodes)
    flips = [s ^ t for s, t in enumerate(targets(model))]  # bit j: the successor flipping j
    # A successor of s leaves subspace (mask, vals) exactly when it flips a node the subspace fixes.
    return [(mask, vals) for mask, vals in _subspaces(n)
            if all(flips[s] & mask == 0 for s in _members(n, mask, vals))]


def _as_dict(model, mask: int, vals: int) -> dict[str, int]:
    return {n: (vals >> j) & 1 for j, n in enumerate(model.nodes) if mask >> j & 1}


def trap_spaces(model) -> list[dict[str, int]]:
    """Every trap space (all 3^n subspaces checked) as a dict of its fixed nodes.

    A subspace is a trap space iff every state in it has all its asynchronous successors in it.
    """
    return [_as_dict(model, m, v) for m, v in _trap_masks(model)]


def minimal_trap_spaces(model) -> list[dict[str, int]]:
    """Trap spaces that contain no other trap space.

    Smallest first: a trap space is minimal iff it contains none of the minimal ones found
    before it (every trap space contains a minimal one).
    """
    spaces = sorted(_trap_masks(model), key=lambda mv: -bin(mv[0]).count("1"))
    minimal: list[tuple[int, int]] = []
    for mask, vals in spaces:
        if not any(m & mask == mask and v & mask == vals for m, v in minimal):
            minimal.append((mask, vals))
    return [_as_dict(model, m, v) for m, v in minimal]


def space_summary(model, space: dict[str, int]) -> Summary:
    """Summary of a subspace: its fixed nodes, free nodes and number of states."""
    free = tuple(sorted(n for n in model.nodes if n not in space))
    return Summary(tuple(sorted(space.items())), free, 2 ** len(free))


def summary(attractor, model, activities: bool = True) -> Summary:
    """Summary of a boolmtor `Attractor`, comparable with `describe`."""
    acts = ()
    if activities:
        acts = tuple(sorted((n, Fraction(attractor.activity(n)).limit_denominator(2 ** 16))
                            for n in model.nodes))
    return Summary(tuple(sorted(attractor.fixed.items())), tuple(sorted(attractor.oscillating)),
                   attractor.size, acts)
