"""Exact asynchronous attractors with biodivine-aeon's symbolic (BDD) engine, in-process."""

from __future__ import annotations

import logging

import biodivine_aeon as ba

from ..results import Attractor

ba.LOG_LEVEL = ba.LOG_NOTHING
# AEON's Rust algorithms log progress at INFO through Python logging; keep them quiet.
logging.getLogger("biodivine_algo_bdd_scc").setLevel(logging.WARNING)


def graph(model) -> ba.AsynchronousGraph:
    """AEON's symbolic asynchronous state-transition graph of `model`."""
    network = ba.BooleanNetwork.from_bnet(model.to_bnet(), repair_graph=True)
    return ba.AsynchronousGraph(network)


def describe(g: ba.AsynchronousGraph, vertices: ba.VertexSet, model, update: str) -> Attractor:
    """An `Attractor` from a symbolic set of states."""
    size = vertices.cardinality()
    fixed = {k: int(v) for k, v in (vertices.enclosing_named_subspace() or {}).items()}
    active = {n: vertices.intersect(g.mk_subspace_vertices({n: True})).cardinality() / size
              for n in model.nodes if n not in fixed}
    return Attractor(fixed, frozenset(active), size, update, model.readouts, active)


def attractors(model, initial: dict | None = None) -> list[Attractor]:
    """Every asynchronous attractor (or those reachable from the subspace `initial`)."""
    g = graph(model)
    start = None
    if initial is not None:
        start = ba.Reachability.reach_fwd(g, g.mk_subspace(initial))
    return [describe(g, a.vertices(), model, "asynchronous")
            for a in ba.Attractors.attractors(g, start)]
