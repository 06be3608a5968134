"""Brute-force absorption probabilities of the asynchronous walk, for the weights tests.

Independent of boolmtor's engines: the explicit state graph is built from `boolmtor.expr.evaluate`
on the rules, attractors are its terminal strongly connected components (networkx), and the
absorption probabilities solve the absorbing Markov chain with dense numpy linear algebra.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx
import numpy as np
import pytest

import boolmtor as bm
from boolmtor import expr as E


def _random_rule(rng: random.Random, names: list[str]) -> str:
    k = rng.randint(1, min(3, len(names)))
    regs = rng.sample(names, k)
    lits = [("!" if rng.random() < 0.4 else "") + r for r in regs]
    if k == 1:
        return lits[0]
    ops = [rng.choice(" & | ".split()) for _ in range(k - 1)]
    text = lits[0]
    for op, lit in zip(ops, lits[1:]):
        text = f"({text} {op} {lit})"
    return text


def random_model(seed: int, n: int) -> bm.Model:
    """A random network of `n` nodes with up to 3 regulators per node."""
    rng = random.Random(seed)
    names = [f"X{i}" for i in range(n)]
    return bm.Model.from_text("".join(f"{x}, {_random_rule(rng, names)}\n" for x in names))


def brute_absorption(model: bm.Model, starts=None):
    """Explicit asynchronous chain: {attractor state set: probability of ending there}.

    `starts` is a list of (state dict, probability); default: uniform over the states in which
    the model's fixed nodes hold their values.
    """
    nodes = list(model.nodes)
    states = list(itertools.product((0, 1), repeat=len(nodes)))
    index = {s: i for i, s in enumerate(states)}
    graph = nx.DiGraph()
    graph.add_nodes_from(range(len(states)))
    P = np.zeros((len(states), len(states)))
    for s in states:
        d = dict(zip(nodes, s))
        succ = []
        for j, n in enumerate(nodes):
            v = int(E.evaluate(model.rule(n), d))
            if v != s[j]:
                succ.append(index[s[:j] + (v,) + s[j + 1:]])
        for t in succ:
            P[index[s], t] += 1 / len(succ)
            graph.add_edge(index[s], t)
        if not succ:
            P[index[s], index[s]] = 1.0
    cond = nx.condensation(graph)
    bottoms = [frozenset(cond.nodes[c]["members"]) for c in cond if cond.out_degree(c) == 0]
    in_attr = {i for b in bottoms for i in b}
    transient = [i for i in range(len(states)) if i not in in_attr]
    Q = P[np.ix_(transient, transient)]
    R = np.array([[P[i, list(b)].sum() for b in bottoms] for i in transient]).reshape(
        len(transient), len(bottoms))
    X = np.linalg.solve(np.eye(len(transient)) - Q, R) if transient else R
    absorb_p = np.zeros((len(states), len(bottoms)))
    for row, i in enumerate(transient):
        absorb_p[i] = X[row]
    for k, b in enumerate(bottoms):
        for i in b:
            absorb_p[i, k] = 1.0
    if starts is None:
        ok = [s for s in states if all(s[nodes.index(n)] == v for n, v in model.fixed.items())]
        starts = [(dict(zip(nodes, s)), 1 / len(ok)) for s in ok]
    total = np.zeros(len(bottoms))
    for d, p in starts:
        total += p * absorb_p[index[tuple(d[n] for n in nodes)]]
    return {frozenset(states[i] for i in b): float(t) for b, t in zip(bottoms, total)
            if t > 1e-15}


def _key(states, nodes) -> tuple[str, int]:
    """An attractor's 0/1/* pattern over `nodes` and its number of states."""
    cols = list(zip(*states))
    return ("".join(str(c[0]) if len(set(c)) == 1 else "*" for c in cols), len(states))


def brute_weights(model: bm.Model, starts=None) -> dict[tuple[str, int], float]:
    out = {}
    for states, p in brute_absorption(model, starts).items():
        key = _key(states, model.nodes)
        assert key not in out  # the (pattern, size) key identifies attractors here
        out[key] = p
    return out


def engine_weights(atts, model: bm.Model):
    """{(pattern, size): (weight, weight_error)} from the engine's attractors."""
    return {(a.pattern(model.nodes), a.size): (a.weight, a.weight_error) for a in atts}


def assert_match(engine, brute, tol=1e-9):
    assert set(engine) == set(brute)
    for key, p in brute.items():
        w, err = engine[key]
        assert w == pytest.approx(p, abs=tol + (err or 0.0))
