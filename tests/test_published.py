"""Published models from pyboolnet's repository: known results, and each engine checked by another.

Engines: boolmtor's asynchronous attractors (AEON, via boolmtor's parser), fixed points and
minimal trap spaces (pyboolnet's ASP), against AEON's own fixed points and mpbn's minimal trap
spaces, both computed from the repository's original `.bnet` text (not boolmtor's parse).
"""

from __future__ import annotations

import biodivine_aeon as ba
import mpbn
import pytest
from pyboolnet.file_exchange import bnet2primes

import boolmtor as bm

from conftest import FAST_MODELS, _load

SLOW_ASYNC = {"grieco_mapk"}  # ~3 s: its asynchronous attractors are computed in one test only
ASYNC_MODELS = [n for n in FAST_MODELS if n not in SLOW_ASYNC]


def raw_rules(text: str) -> dict[str, str]:
    """node -> factors of a `.bnet` text, split by hand (independent of boolmtor's parser)."""
    rules = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.replace(" ", "").lower() == "targets,factors":
            continue
        target, factors = line.split(",", 1)
        rules[target.strip()] = factors.strip()
    return rules


def pattern(fixed, nodes) -> tuple:
    """A subspace as a sorted tuple of (node, 0 | 1 | "*")."""
    return tuple(sorted((n, fixed.get(n, "*")) for n in nodes))


def inside(small, big) -> bool:
    """Subspace `small` (dict of fixed nodes) lies inside subspace `big`."""
    return all(small.get(k) == v for k, v in big.items())


def normalized_primes(primes) -> dict:
    return {node: [sorted(sorted(p.items()) for p in side) for side in sides]
            for node, sides in primes.items()}


def aeon_fixed_points(text: str) -> set[tuple]:
    """Fixed points by AEON's symbolic engine, straight from the original `.bnet` text."""
    network = ba.BooleanNetwork.from_bnet(text, repair_graph=True)
    vertices = ba.FixedPoints.symbolic_vertices(ba.AsynchronousGraph(network))
    return {tuple(sorted((k, int(v)) for k, v in vm.to_named_dict().items()))
            for vm in vertices}


# ---------------------------------------------------------------- parsing


def test_repository_model_round_trips(repository_model):
    """Every repository model loads, names the nodes of its file, and to_bnet reads back equal."""
    m = repository_model.model
    assert set(m.nodes) == set(raw_rules(repository_model.text))
    again = bm.Model.from_text(m.to_bnet())
    assert again == m
    assert again.rules == m.rules


def test_parsed_rules_have_pyboolnets_prime_implicants(published):
    """boolmtor's parse of a published model has the primes pyboolnet finds in the original."""
    assert normalized_primes(published.model.primes) == normalized_primes(
        bnet2primes(published.text))


# ---------------------------------------------------------------- known results


def test_grieco_mapk_known_results():
    """Grieco et al. 2013 MAPK model: 53 nodes, 18 minimal trap spaces, 12 fixed points."""
    m = _load("grieco_mapk").model
    assert len(m.nodes) == 53
    assert len(bm.attractors(m, update="most-permissive")) == 18
    assert len(bm.attractors(m, update="fixed-points")) == 12
    assert set(m.inputs) == {"DNA_damage", "EGFR_stimulus", "FGFR3_stimulus", "TGFBR_stimulus"}


# ---------------------------------------------------------------- a second engine


def test_minimal_trap_spaces_equal_mpbn(published):
    """Most-permissive attractors equal mpbn's (a third engine) on the original rules."""
    m = published.model
    ours = {pattern(a.fixed, m.nodes) for a in bm.attractors(m, update="most-permissive")}
    theirs = {tuple(sorted(t.items()))
              for t in mpbn.MPBooleanNetwork(raw_rules(published.text)).attractors()}
    assert ours == theirs
    assert len(ours) == len(bm.attractors(m, update="most-permissive"))


def test_fixed_points_equal_aeon(published):
    """pyboolnet's fixed points equal AEON's FixedPoints on the same original `.bnet` text."""
    m = published.model
    ours = {tuple(sorted(a.fixed.items())) for a in bm.attractors(m, update="fixed-points")}
    assert ours == aeon_fixed_points(published.text)


def check_async_against_trap_spaces(pub, atts) -> None:
    m = pub.model
    fps = {tuple(sorted(a.fixed.items())) for a in bm.attractors(m, update="fixed-points")}
    mts = [dict(a.fixed) for a in bm.attractors(m, update="most-permissive")]
    # fixed points: the asynchronous attractors of size 1, and AEON's own fixed points
    assert {tuple(sorted(a.fixed.items())) for a in atts if a.size == 1} == fps
    assert fps == aeon_fixed_points(pub.text)
    # every minimal trap space holds at least one asynchronous attractor ...
    for space in mts:
        assert any(inside(dict(a.fixed), space) for a in atts), space
    assert len(atts) >= len(mts)
    # ... and every attractor lies in one: its fixed part includes the trap space's
    for a in atts:
        holders = [t for t in mts if inside(dict(a.fixed), t)]
        assert len(holders) == 1, dict(a.fixed)
        assert set(a.fixed.items()) >= set(holders[0].items())
        assert a.size <= 2 ** (len(m.nodes) - len(holders[0]))
        assert a.oscillating <= set(m.nodes) - set(holders[0])


@pytest.mark.parametrize("name", ASYNC_MODELS)
def test_async_attractors_against_trap_spaces(name):
    """AEON's async attractors: size-1 ones are the fixed points, each lies in a min trap space."""
    pub = _load(name)
    check_async_against_trap_spaces(pub, bm.attractors(pub.model, update="asynchronous"))


@pytest.mark.slow
def test_grieco_mapk_async_attractors():
    """Grieco MAPK: 18 async attractors, one per minimal trap space, 12 of them fixed points."""
    pub = _load("grieco_mapk")
    atts = bm.attractors(pub.model, update="asynchronous")
    assert len(atts) == 18
    assert sum(a.size == 1 for a in atts) == 12
    check_async_against_trap_spaces(pub, atts)


@pytest.mark.parametrize("name", ASYNC_MODELS)
def test_percolated_search_equals_aeon_on_the_whole_network(name):
    """The engine's reduced path (percolate, solve the free part, lift) gives AEON's attractors
    of the whole network, under each single-input environment and a knockout."""
    import random

    m = _load(name).model
    rng = random.Random(name)
    conditions = [({}, bm.Perturbation())]
    conditions += [({i: v}, bm.Perturbation()) for i in m.inputs[:3] for v in (0, 1)]
    inner = [n for n in m.nodes if n not in m.inputs]
    conditions += [({}, bm.Perturbation(knockout=[n])) for n in rng.sample(inner, 2)]
    for env, p in conditions:
        fixed = m.perturb(p, environment=env)
        g = ba.AsynchronousGraph(ba.BooleanNetwork.from_bnet(fixed.to_bnet(), repair_graph=True))
        whole = sorted((tuple(sorted((k, int(v)) for k, v in
                                     (a.vertices().enclosing_named_subspace() or {}).items())),
                        a.vertices().cardinality()) for a in ba.Attractors.attractors(g))
        ours = sorted((tuple(sorted(a.fixed.items())), a.size)
                      for a in bm.attractors(m, environment=env or None, perturbation=p))
        assert ours == whole, (env, str(p))
