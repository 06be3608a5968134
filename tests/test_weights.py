"""Attractor weights against brute force: explicit state graphs and absorbing Markov chains."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import boolmtor as bm
from absorption_brute import assert_match, brute_weights, engine_weights, random_model
from boolmtor._engines import absorb
from boolmtor.errors import BoolmtorError


# ---------------------------------------------------------------------------- tests
@pytest.mark.parametrize("seed", range(40))
def test_weights_equal_brute_force_absorption_on_random_networks(seed):
    """Global weights equal the exact absorption probabilities of the explicit chain."""
    model = random_model(seed, 3 + seed % 5)
    atts = bm.attractors(model, weights=True)
    assert sum(a.weight for a in atts) == pytest.approx(1.0)
    assert all(a.weight_error == 0.0 for a in atts)  # small: always exact
    assert_match(engine_weights(atts, model), brute_weights(model))


@pytest.mark.parametrize("seed", range(12))
def test_weights_under_a_perturbation_use_the_fixed_subspace(seed):
    """With nodes fixed, the start is uniform over states where they hold their values."""
    model = random_model(100 + seed, 6)
    p = bm.Perturbation(knockout=["X0"], overexpress=["X3"])
    atts = bm.attractors(model, perturbation=p, weights=True)
    fixed = model.perturb(p)
    assert_match(engine_weights(atts, fixed), brute_weights(fixed))


@pytest.mark.parametrize("seed", range(12))
def test_weights_from_an_initial_subspace(seed):
    """`initial=` weights: absorption from a uniform start over the partial state."""
    model = random_model(200 + seed, 6)
    initial = {"X1": 1, "X2": 0}
    atts = bm.attractors(model, initial=initial, weights=True)
    nodes = model.nodes
    free = [n for n in nodes if n not in initial]
    starts = [({**initial, **dict(zip(free, v))}, 1 / 2 ** len(free))
              for v in itertools.product((0, 1), repeat=len(free))]
    brute = brute_weights(model, starts)
    assert_match(engine_weights(atts, model), brute)
    assert sum(a.weight for a in atts) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(12))
def test_reachable_attractors_match_brute_force(seed):
    """`initial=` returns exactly the attractors reachable in the explicit graph."""
    model = random_model(300 + seed, 6)
    initial = {"X0": 0, "X4": 1, "X5": 1}
    nodes = model.nodes
    free = [n for n in nodes if n not in initial]
    starts = [({**initial, **dict(zip(free, v))}, 1.0)
              for v in itertools.product((0, 1), repeat=len(free))]
    reachable = brute_weights(model, starts)  # positive mass <=> reachable
    atts = bm.attractors(model, initial=initial)
    assert {(a.pattern(nodes), a.size) for a in atts} == set(reachable)


@pytest.fixture
def estimate(monkeypatch):
    """`estimate(model, **kw)`: weights with the chain solver off, i.e. Monte-Carlo estimates."""
    from boolmtor import weights

    def run(model, **kw):
        weights.clear_cache()
        with monkeypatch.context() as m:
            m.setattr(absorb, "MAX_CHAIN", 0)
            try:
                return bm.attractors(model, weights=True, **kw)
            finally:
                weights.clear_cache()
    return run


@pytest.mark.parametrize("seed", [11, 25, 28, 30, 35, 36])
def test_estimate_interval_covers_the_exact_weight(seed, estimate):
    """A Monte-Carlo estimate's 95% half-width covers the exact weight (seeded, reproducible)."""
    model = random_model(seed, 7)
    exact = bm.attractors(model, weights=True)
    est = estimate(model, seed=3, samples=4000)
    again = estimate(model, seed=3, samples=4000)
    assert [a.weight for a in est] == [a.weight for a in again]
    assert sum(a.weight for a in est) == pytest.approx(1.0)
    for a, b in zip(exact, est):
        assert a.pattern(model.nodes) == b.pattern(model.nodes)
        assert abs(a.weight - b.weight) <= b.weight_error + 1e-12


def test_estimate_coverage_rate_is_near_95_percent(estimate):
    """Over 40 seeds, the stated 95% half-widths cover the exact weights about 95% of the time."""
    model = random_model(25, 7)
    exact = [a.weight for a in bm.attractors(model, weights=True)]
    covered = total = 0
    for seed in range(40):
        est = estimate(model, seed=seed, samples=500)
        for w, b in zip(exact, est):
            covered += abs(w - b.weight) <= b.weight_error
            total += 1
    assert covered / total >= 0.88


def test_overlapping_basins_are_estimated_with_positive_error(estimate):
    """Where basins overlap and the chain is not solved, weight_error > 0 marks an estimate."""
    # A and B inhibit each other; C flips when both are 0 and pushes both up: overlap.
    model = bm.Model.from_text("A, !B | C\nB, !A | C\nC, !A & !B\n")
    exact = bm.attractors(model, weights=True)
    assert [a.weight_error for a in exact] == [0.0, 0.0]
    est = estimate(model, samples=2000)
    assert all(a.weight_error > 0 for a in est)
    for a, b in zip(exact, est):
        assert abs(a.weight - b.weight) <= b.weight_error


def test_single_attractor_weighs_one():
    """One attractor: weight 1.0, exact."""
    model = bm.Model.from_text("A, B\nB, !A\n")
    (att,) = bm.attractors(model, weights=True)
    assert (att.weight, att.weight_error) == (1.0, 0.0)


def test_disjoint_basins_give_exact_cardinality_ratios():
    """Toggle switch with a free input: basins are counted symbolically, exactly."""
    model = bm.Model.from_text("I, I\nA, !B & I\nB, !A\n")
    atts = bm.attractors(model, weights=True)
    assert sum(a.weight for a in atts) == pytest.approx(1.0)
    assert_match(engine_weights(atts, model), brute_weights(model))


def test_bdd_sampler_is_uniform():
    """The numpy BDD sampler draws each state of a set equally often."""
    model = bm.Model.from_text("A, A\nB, B\nC, C\nD, D\n")
    from boolmtor.weights import _condition
    cond = _condition(model)
    bdd = cond.graph.mk_subspace_vertices({"A": True}).to_bdd().l_or(
        cond.graph.mk_subspace_vertices({"B": False, "C": True}).to_bdd())
    table = absorb.BddTable(bdd, np.arange(4))
    states = table.sample(40_000, np.random.default_rng(0))
    assert table.contains(states).all()
    counts = np.bincount(states.astype(np.int64), minlength=16)
    members = np.nonzero(counts)[0]
    assert len(members) == bdd.cardinality()
    assert counts[members].min() > 0.85 * 40_000 / len(members)


def test_weights_need_asynchronous_update():
    """weights=True under another update scheme is a clear error."""
    with pytest.raises(BoolmtorError, match="asynchronous"):
        bm.attractors(bm.Model.from_text("A, !A"), update="synchronous", weights=True)


def test_bad_seed_is_an_error():
    with pytest.raises(BoolmtorError, match="seed"):
        bm.attractors(bm.Model.from_text("A, !A"), weights=True, seed=-1)


@pytest.mark.parametrize("name", ["raf", "randomnet_n7k3", "faure_cellcycle", "xiao_wnt5a",
                                  "tournier_apoptosis"])
def test_weights_of_published_models_equal_brute_force(name):
    """Published models small enough to enumerate: weights equal brute-force absorption."""
    from pyboolnet.repository import get_bnet

    model = bm.Model.from_text(get_bnet(name), name=name)
    atts = bm.attractors(model, weights=True)
    assert_match(engine_weights(atts, model), brute_weights(model))


def test_estimated_weights_of_a_published_model_are_reproducible():
    """A 23-node published model whose basins overlap widely: seeded estimates, summing to 1."""
    from pyboolnet.repository import get_bnet

    model = bm.Model.from_text(get_bnet("dahlhaus_neuroplastoma"))
    first = bm.attractors(model, weights=True, samples=2000)
    again = bm.attractors(model, weights=True, samples=2000)
    other = bm.attractors(model, weights=True, samples=2000, seed=7)
    assert [a.weight for a in first] == [a.weight for a in again]
    assert sum(a.weight for a in first) == pytest.approx(1.0)
    assert any(a.weight_error > 0 for a in first)
    for a, b in zip(first, other):  # two seeds agree within their stated uncertainty
        assert abs(a.weight - b.weight) <= a.weight_error + b.weight_error + 1e-12


def test_fixing_a_node_to_its_constant_rule_changes_the_state_space():
    """C's rule is 1: free, C starts random (X may flip first); fixed, C=1 from the start."""
    model = bm.Model.from_text("C, 1\nX, X | !C\n")
    fixed = bm.attractors(model, perturbation=bm.Perturbation(overexpress=["C"]), weights=True)
    free = bm.attractors(model, weights=True)
    assert [a.weight for a in fixed] == [0.5, 0.5]
    assert [a.weight for a in free] == pytest.approx([0.375, 0.625])
    assert_match(engine_weights(free, model), brute_weights(model))


@pytest.mark.parametrize("seed", range(8))
def test_weighted_attractors_are_the_plain_attractors_in_the_same_order(seed):
    """weights=True changes only the weights: same attractors, same canonical order."""
    model = random_model(600 + seed, 7)
    plain = bm.attractors(model)
    weighted = bm.attractors(model, weights=True)
    assert [a.pattern(model.nodes) for a in plain] == [a.pattern(model.nodes) for a in weighted]
    assert [a.size for a in plain] == [a.size for a in weighted]
    initial = {"X0": 1, "X3": 0}
    assert ([a.pattern(model.nodes) for a in bm.attractors(model, initial=initial)] ==
            [a.pattern(model.nodes) for a in bm.attractors(model, initial=initial, weights=True)])


def test_weights_take_the_engine_path_and_its_cache():
    """weights=True asks the one asynchronous engine (percolation, cache): a second condition
    with the same free part is answered from the cache, with no new search."""
    from boolmtor._engines import asynchronous
    from boolmtor.weights import clear_cache
    model = bm.Model.from_text("I, I\nJ, J\nA, !B & I\nB, !A\nC, J\n")
    asynchronous.clear_cache()
    clear_cache()
    first = bm.attractors(model, environment={"I": 1, "J": 1}, weights=True)
    assert asynchronous.stats["searches"] == 1
    # J=0 fixes C to another value but leaves the same free part (A, B): no second search
    second = bm.attractors(model, environment={"I": 1, "J": 0}, weights=True)
    assert asynchronous.stats["searches"] == 1 and asynchronous.stats["cache_hits"] == 1
    assert [a.weight for a in first] == [a.weight for a in second] == [0.5, 0.5]
    assert_match(engine_weights(second, model.fix({"I": 1, "J": 0})),
                 brute_weights(model.fix({"I": 1, "J": 0})))
