"""Exact asynchronous attractors with biodivine-aeon's symbolic (BDD) engine, in-process.

The search runs on the *percolated* network: nodes whose value is forced by the fixed nodes
(AEON's `Percolation.percolate_subspace`) are constant in every attractor, so only the nodes
left free are searched, and networks that reduce to the same free part are solved once (a
cache keyed by the reduced network's canonical `.bnet`). See docs/semantics.md, "Screens".
"""

from __future__ import annotations

from collections import OrderedDict

import biodivine_aeon as ba

from .. import expr as E
from .._cache import register
from .._timeout import deadline, with_timeout  # noqa: F401 - callers import them from here
from ..errors import LimitExceededError
from ..results import Attractor

MAX_SYMBOLIC_SIZE = 5_000_000
"""Largest BDD (in nodes) the symbolic attractor search may build before it stops early."""

CACHE_SIZE = 4096
"""Reduced networks whose attractors are remembered (most recently used kept)."""

_cache: OrderedDict[str, tuple] = OrderedDict()
stats = {"searches": 0, "cache_hits": 0, "empty": 0}
"""Counters: symbolic searches run, answers taken from the cache, networks percolated away."""


def _function(e: E.Expr, bn: ba.BooleanNetwork) -> ba.UpdateFunction:
    if isinstance(e, E.Var):
        return ba.UpdateFunction.mk_var(bn, e.name)
    if isinstance(e, E.Const):
        return ba.UpdateFunction.mk_const(bn, e.value)
    if isinstance(e, E.Not):
        return ba.UpdateFunction.mk_not(_function(e.arg, bn))
    make = ba.UpdateFunction.mk_conjunction if isinstance(e, E.And) else \
        ba.UpdateFunction.mk_disjunction
    return make(bn, [_function(a, bn) for a in e.args])


def network(rules) -> ba.BooleanNetwork:
    """AEON's network of `rules` (node -> expression tree), built through AEON's API rather
    than its `.bnet` reader, so that every name boolmtor reads (`IL-6`, `Bcl.2`) works."""
    rg = ba.RegulatoryGraph(list(rules))
    for target, e in rules.items():
        for source in sorted(E.variables(e)):
            rg.add_regulation({"source": source, "target": target, "sign": None,
                               "essential": False})
    bn = ba.BooleanNetwork(rg)
    for target, e in rules.items():
        bn.set_update_function(target, _function(e, bn))
    return bn.infer_valid_graph()


def network_from_text(bnet: str) -> ba.BooleanNetwork:
    """AEON's network of `.bnet` text written by boolmtor (parsed by boolmtor's parser)."""
    from ..parser import parse_rules
    return network({r.node: r.expr for r in parse_rules(bnet)})


def graph(model) -> ba.AsynchronousGraph:
    """AEON's symbolic asynchronous state-transition graph of `model`."""
    return ba.AsynchronousGraph(network({n: model.rule(n) for n in model.nodes}))


def describe(g: ba.AsynchronousGraph, vertices: ba.VertexSet, model, update: str) -> Attractor:
    """An `Attractor` from a symbolic set of states."""
    size = vertices.cardinality()
    fixed = {k: int(v) for k, v in (vertices.enclosing_named_subspace() or {}).items()}
    active = {n: vertices.intersect(g.mk_subspace_vertices({n: True})).cardinality() / size
              for n in model.nodes if n not in fixed}
    return Attractor(fixed, frozenset(active), size, update, model.readouts, active,
                     levels=model.levels)


def _search(config_graph: ba.AsynchronousGraph, initial=None,
            max_symbolic_size: int | None = None) -> list[ba.ColoredVertexSet]:
    limit = MAX_SYMBOLIC_SIZE if max_symbolic_size is None else max_symbolic_size
    config = ba.AttractorConfig(graph=config_graph, max_symbolic_size=int(limit))
    n = config_graph.network_variable_count()
    try:
        return ba.Attractors.attractors(config, initial)
    except InterruptedError:
        raise LimitExceededError(
            f"asynchronous attractors: the symbolic search of {n} free nodes exceeded "
            f"{limit:,} BDD nodes; use update='most-permissive' or 'fixed-points', fix more "
            "nodes (an environment), or raise max_symbolic_size") from None


# ---------------------------------------------------------------------------- percolation
class Reducer:
    """A network's graph and update functions, to percolate many fixed-node sets cheaply.

    Percolating the *unperturbed* network from a subspace equals percolating the perturbed one:
    fixed nodes keep their values, and the free nodes' functions are the same in both.
    """

    def __init__(self, model):
        self.graph = graph(model)
        self.ctx = self.graph.symbolic_context()
        self.names = list(self.graph.network_variable_names())
        self.functions = {n: self.graph.mk_update_function(n) for n in self.names}
        found = {n: self.ctx.find_network_bdd_variable(n) for n in self.names}
        self.bdd_var = {n: v for n, v in found.items() if v is not None}  # none is: own names
        self.var_names = self.ctx.bdd_variable_set().variable_names()
        self.name_of = {self.graph.find_network_variable(n): n for n in self.names}

    def percolate(self, fixed: dict[str, int]) -> dict[str, int]:
        """The subspace `fixed` percolates to: every node forced to a constant, by name."""
        space = ba.Percolation.percolate_subspace(
            self.graph, {n: bool(v) for n, v in fixed.items()})
        return {self.name_of[k]: int(v) for k, v in space.items()}

    def reduced_bnet(self, space: dict[str, int]) -> str:
        """The canonical `.bnet` of the nodes `space` leaves free (functions restricted)."""
        restrict = {self.bdd_var[n]: bool(v) for n, v in space.items()}
        lines = []
        for n in self.names:
            if n in space:
                continue
            f = self.functions[n].r_restrict(restrict)
            lines.append(f"{n}, {_bnet_expression(f, self.var_names)}\n")
        return "".join(lines)


def _bnet_expression(bdd: ba.Bdd, names: list[str]) -> str:
    """A BDD as a `.bnet` DNF (deterministic for a given BDD, hence canonical)."""
    if bdd.is_true():
        return "1"
    if bdd.is_false():
        return "0"
    terms = []
    for clause in bdd.to_dnf():
        lits = sorted(("" if v else "!", names[int(k)]) for k, v in clause.to_dict().items())
        terms.append(" & ".join(sign + name for sign, name in sorted(lits, key=lambda x: x[1])))
    return " | ".join(f"({t})" if " & " in t and len(terms) > 1 else t for t in terms)


def solve_reduced(bnet: str, max_symbolic_size: int | None = None) -> tuple:
    """Attractors of a reduced network: tuples (fixed, activities, size), cached by its text."""
    if not bnet:
        stats["empty"] += 1
        return (({}, {}, 1),)
    hit = _cache.get(bnet)
    if hit is not None:
        _cache.move_to_end(bnet)
        stats["cache_hits"] += 1
        return hit
    stats["searches"] += 1
    g = ba.AsynchronousGraph(network_from_text(bnet))
    names = list(g.network_variable_names())
    out = []
    for a in _search(g, None, max_symbolic_size):
        v = a.vertices()
        size = v.cardinality()
        fixed = {k: int(x) for k, x in (v.enclosing_named_subspace() or {}).items()}
        act = {n: v.intersect(g.mk_subspace_vertices({n: True})).cardinality() / size
               for n in names if n not in fixed}
        out.append((fixed, act, size))
    result = tuple(out)
    _cache[bnet] = result
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def lift(found: tuple, space: dict[str, int], model, update: str = "asynchronous"
         ) -> list[Attractor]:
    """Reduced-network attractors as attractors of the full model (percolated nodes fixed)."""
    return [Attractor({**space, **fixed}, frozenset(act), size, update, model.readouts, act,
                      levels=model.levels)
            for fixed, act, size in found]


@register
def clear_cache() -> None:
    """Forget the reduced networks solved so far and reset the counters."""
    _cache.clear()
    stats.update(searches=0, cache_hits=0, empty=0)


# ---------------------------------------------------------------------------- the engine
def attractors(model, initial: dict | None = None, *, max_symbolic_size: int | None = None,
               timeout: float | None = None) -> list[Attractor]:
    """Every asynchronous attractor (or those reachable from the subspace `initial`).

    Without `initial` the network is percolated first and only its free part is searched.
    """
    with deadline(timeout):
        if initial is not None:
            g = graph(model)
            start = ba.Reachability.reach_fwd(g, g.mk_subspace(initial))
            return [describe(g, a.vertices(), model, "asynchronous")
                    for a in _search(g, start, max_symbolic_size)]
        reducer = Reducer(model)
        space = reducer.percolate(dict(model.fixed))
        found = solve_reduced(reducer.reduced_bnet(space), max_symbolic_size)
    return lift(found, space, model)
