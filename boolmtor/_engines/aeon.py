"""biodivine-aeon, in-process: networks, symbolic graphs, percolation, the guarded attractor
search and deadlines. The asynchronous questions themselves go through `asynchronous.py`
(percolation, one cache, the engine portfolio); see docs/semantics.md, "Engines".
"""

from __future__ import annotations


import biodivine_aeon as ba

from .. import expr as E
from .._timeout import deadline, with_timeout  # noqa: F401 - callers import them from here
from ..errors import LimitExceededError

MAX_SYMBOLIC_SIZE = 5_000_000
"""Largest BDD (in nodes) the symbolic attractor search may build before it stops early."""


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
    rg = ba.RegulatoryGraph(sorted(rules))  # name order, as AEON's and biobalm's readers
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


def search(config_graph: ba.AsynchronousGraph, initial=None,
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

    def reduced_bnet(self, space: dict[str, int], keep=None) -> str:
        """The canonical `.bnet` of the nodes `space` leaves free (functions restricted); with
        `keep`, of those free nodes only (a set that holds the free regulators of its nodes)."""
        restrict = {self.bdd_var[n]: bool(v) for n, v in space.items()}
        lines = []
        for n in self.names:
            if n in space or (keep is not None and n not in keep):
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
