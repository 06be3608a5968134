"""MaBoSS simulation: long-run probabilities against exact attractor weights, rates, seeds.

With all rates 1, MaBoSS's embedded jump chain picks uniformly among the nodes whose rule
disagrees with their value, and its default start is uniform: exactly the random walk that
defines attractor weights. So the long-run probability of an attractor's states must match
the exact weight up to sampling error.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings

import boolmtor as bm
from boolmtor.scores import scores
from strategies import networks

SAMPLES = 20_000
TOL = 5 * 0.5 / math.sqrt(SAMPLES)  # five standard errors at worst (p = 1/2): ~0.018


def compatible(a: bm.Attractor, b: bm.Attractor) -> bool:
    """True when some state could match both attractors' fixed nodes."""
    return all(b.fixed.get(n, v) == v for n, v in a.fixed.items())


def distinguishable(model: bm.Model) -> bool:
    """True when every two attractors differ on a node constant in both (so a state's
    attractor can be told from its values alone)."""
    atts = bm.attractors(model, weights=True)
    return not any(compatible(a, b) for a, b in itertools.combinations(atts, 2))


def check_against_weights(model: bm.Model, environment=None) -> list[tuple[float, float]]:
    """(exact weight, MaBoSS probability) of each attractor, asserted within TOL."""
    atts = bm.attractors(model, environment=environment, weights=True)
    sim = bm.simulate(model, environment=environment, nodes=model.nodes, max_time=40,
                      sample_count=SAMPLES, seed=7)
    pairs = [(a.weight, sim.state_probability(a.fixed)) for a in atts]
    for w, p in pairs:
        assert abs(w - p) <= TOL, (model.to_bnet(), pairs)
    assert sum(p for _, p in pairs) == pytest.approx(1.0, abs=TOL)
    return pairs


def test_weights_of_an_asymmetric_switch():
    """Three attractors with unequal weights (51/128, 39/128, 38/128): MaBoSS finds them."""
    m = bm.Model.from_text("A, !B\nB, !A & !C\nC, A & C\n")
    assert distinguishable(m)
    pairs = check_against_weights(m)
    assert sorted(round(w, 4) for w, _ in pairs) != [0.5, 0.5]  # a non-trivial case


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.filter_too_much])
@given(networks(min_nodes=2, max_nodes=6))
def test_long_run_probabilities_match_exact_weights(text):
    """On random small networks MaBoSS's long-run attractor probabilities equal the exact
    asynchronous weights (within five standard errors)."""
    model = bm.Model.from_text(text)
    assume(distinguishable(model))
    check_against_weights(model)


def test_rates_change_the_odds(tmp_path):
    """An up-rate of 3 for A makes A win the race from 00 three times out of four:
    P(A=1, B=0) = 1/4 + 1/4 * 3/4 + 1/4 * 1/2 = 0.5625 (worked out by hand)."""
    (tmp_path / "net.bnet").write_text("A, !B\nB, !A\n")
    (tmp_path / "model.toml").write_text("[model]\nname = 'race'\n[rates]\nA = { up = 3 }\n")
    m = bm.load_model(tmp_path)
    sim = bm.simulate(m, nodes=["A", "B"], max_time=30, sample_count=SAMPLES, seed=1)
    assert sim.rates["A"] == (3.0, 1.0) and sim.rates["B"] == (1.0, 1.0)
    assert sim.state_probability({"A": 1, "B": 0}) == pytest.approx(0.5625, abs=TOL)
    even = bm.simulate(bm.Model.from_text("A, !B\nB, !A\n"), max_time=30, sample_count=SAMPLES,
                       seed=1)
    assert even.state_probability({"A": 1, "B": 0}) == pytest.approx(0.5, abs=TOL)


@pytest.mark.parametrize("rates, message", [
    ("A = { up = -1 }", "rates must be finite numbers >= 0"),
    ("A = { sideways = 1 }", "must be a table"),
    ("Z = { up = 1 }", "not a node"),
])
def test_bad_rates_are_manifest_errors(tmp_path, rates, message):
    """Negative rates, unknown keys and unknown nodes in [rates] are ManifestErrors."""
    (tmp_path / "net.bnet").write_text("A, !B\nB, !A\n")
    (tmp_path / "model.toml").write_text(f"[model]\nname = 'race'\n[rates]\n{rates}\n")
    with pytest.raises(bm.ManifestError, match=message):
        bm.load_model(tmp_path)


def test_same_seed_same_numbers():
    """The same seed gives identical probabilities; another seed different ones."""
    m = bm.Model.from_text("A, !B\nB, !A\nC, A | C\n")
    a = bm.simulate(m, nodes=m.nodes, max_time=5, sample_count=500, seed=3)
    b = bm.simulate(m, nodes=m.nodes, max_time=5, sample_count=500, seed=3)
    c = bm.simulate(m, nodes=m.nodes, max_time=5, sample_count=500, seed=4)
    assert a.probabilities.equals(b.probabilities) and a.states == b.states
    assert not a.probabilities.equals(c.probabilities)


@pytest.fixture(scope="module")
def curated():
    return bm.load_model()


def test_curated_growth_and_rapamycin_agree_with_weights(curated):
    """Under growth, with and without rapamycin, MaBoSS readout probabilities move the same
    way as the attractor-weight scores (and sit within sampling error of them)."""
    p = bm.Perturbation(drugs=["rapamycin"])
    sims = [bm.simulate(curated, "growth", q, sample_count=5000, seed=0)
            for q in (None, p)]
    exact = [scores(bm.attractors(curated, environment="growth", perturbation=q, weights=True),
                    curated.readouts) for q in (None, p)]
    r = bm.response(curated, "rapamycin", environment="growth", start="global")
    for node in curated.readouts:
        d_sim = sims[1].score(node) - sims[0].score(node)
        assert math.copysign(1, d_sim) == math.copysign(1, r.delta[node]) or \
            abs(r.delta[node]) < 0.05 > abs(d_sim), node
        for sim, ex in zip(sims, exact):
            assert sim.score(node) == pytest.approx(ex[node], abs=0.05), node
    assert r.delta["PROLIFERATION"] < 0
    assert sims[1].score("PROLIFERATION") < sims[0].score("PROLIFERATION")


def test_curated_inputs_free_matches_weighted_scores(curated):
    """With inputs free (16 input combinations, uniform), MaBoSS readout probabilities equal the
    weighted attractor scores within sampling error."""
    sim = bm.simulate(curated, sample_count=SAMPLES, max_time=60, seed=0)
    exact = scores(bm.attractors(curated, weights=True), curated.readouts)
    for node in curated.readouts:
        assert sim.score(node) == pytest.approx(exact[node], abs=TOL), node


@pytest.mark.parametrize("start", ["untreated", "global"])
@pytest.mark.parametrize("background", [None, "BCL2_OE", "MTOR_FRB_mut"])
def test_stochastic_response_agrees_with_asynchronous(curated, start, background):
    """`response(update="stochastic")` gives the readout deltas of the exact response."""
    sto = bm.response(curated, "rapamycin", background=background, environment="growth",
                      start=start, update="stochastic", samples=3000)
    ex = bm.response(curated, "rapamycin", background=background, environment="growth",
                     start=start)
    assert sto.update == "stochastic" and not sto.exact and sto.untreated_attractors == ()
    for node in curated.readouts:
        assert sto.delta[node] == pytest.approx(ex.delta[node], abs=0.05), node
    assert sto.efficacy == pytest.approx(ex.efficacy, abs=0.1)


@pytest.mark.parametrize("kwargs, message", [
    ({"seed": -1}, "seed must be"),
    ({"sample_count": 0}, "sample_count must be"),
    ({"max_time": 0}, "max_time must be"),
    ({"nodes": ["NOPE"]}, "unknown node 'NOPE'"),
    ({"environment": "nowhere"}, "unknown environment"),
])
def test_bad_arguments(curated, kwargs, message):
    """Bad simulate arguments are one-line BoolmtorErrors."""
    with pytest.raises(bm.BoolmtorError, match=message):
        bm.simulate(curated, **kwargs)


def test_result_to_dict(curated):
    """A Simulation is frozen and serialises to plain data."""
    sim = bm.simulate(curated, "growth", sample_count=200, max_time=10)
    d = sim.to_dict()
    shown = [x for r in curated.readouts for x in curated.levels.get(r, (r,))]
    assert sorted(d["nodes"]) == sorted(shown) and len(d["times"]) == 10
    assert set(d["final"]) == set(shown)
    assert sum(d["states"].values()) == pytest.approx(1.0)
    with pytest.raises(AttributeError):
        sim.seed = 3
