"""Every attractor engine against brute force over the whole state space, on random networks."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import boolmtor as bm

import bruteforce as bf
from strategies import network_specs, networks, spec_to_bnet

ENGINE = settings(max_examples=60, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXACT = ("asynchronous", "synchronous")


def engine(model, update, **kwargs) -> list[bf.Summary]:
    """boolmtor's attractors as sorted summaries."""
    atts = bm.attractors(model, update=update, **kwargs)
    activities = update != "most-permissive"
    return sorted((bf.summary(a, model, activities) for a in atts), key=repr)


def states(dicts) -> list[dict]:
    """Dicts node -> value in a canonical order (for comparing unordered collections)."""
    return sorted((dict(d) for d in dicts), key=lambda d: sorted(d.items()))


def inside(fixed_small, fixed_big) -> bool:
    """Subspace `fixed_small` lies inside subspace `fixed_big` (dicts of fixed nodes)."""
    return all(fixed_small.get(k) == v for k, v in fixed_big.items())


@pytest.mark.parametrize("update", EXACT)
@ENGINE
@given(text=networks())
def test_attractors_match_bruteforce(update, text):
    """Asynchronous and synchronous attractors equal the terminal SCCs of the state graph."""
    model = bm.Model.from_text(text)
    note(text)
    expected = bf.attractors(model, update)
    got = engine(model, update)
    assert len(got) == len(expected)
    assert got == expected  # fixed part, oscillating nodes, size and every node's activity


@ENGINE
@given(text=networks())
def test_attractor_fields_are_consistent(text):
    """`.fixed` and `.oscillating` partition the nodes; `.activity` is 0/1 exactly on fixed ones."""
    model = bm.Model.from_text(text)
    for update in (*EXACT, "most-permissive", "fixed-points"):
        for a in bm.attractors(model, update=update):
            assert set(a.fixed) | a.oscillating == set(model.nodes)
            assert not set(a.fixed) & a.oscillating
            assert a.size == 1 if a.is_fixed_point else a.size >= 2
            for n in model.nodes:
                act = a.activity(n)
                assert 0 <= act <= 1
                assert (act in (0.0, 1.0)) == (n in a.fixed)
            assert a.update == update


@ENGINE
@given(text=networks())
def test_fixed_points_match_bruteforce(text):
    """update="fixed-points" gives exactly the states that are their own image, with AEON
    (the default) and with pyboolnet's prime implicants."""
    model = bm.Model.from_text(text)
    for eng in ("aeon", "pyboolnet"):
        got = bm.attractors(model, update="fixed-points", engine=eng)
        assert states(a.fixed for a in got) == states(bf.fixed_points(model))
        assert all(a.size == 1 and not a.oscillating for a in got)


@ENGINE
@given(text=networks())
def test_most_permissive_matches_minimal_trap_spaces(text):
    """update="most-permissive" gives exactly the minimal trap spaces (3^n subspaces checked),
    with AEON (the default) and with pyboolnet's prime implicants."""
    model = bm.Model.from_text(text)
    expected = sorted((bf.space_summary(model, t) for t in bf.minimal_trap_spaces(model)),
                      key=repr)
    assert engine(model, "most-permissive") == expected
    assert engine(model, "most-permissive", engine="pyboolnet") == expected


@st.composite
def networks_with_environment(draw):
    """(bnet text, the network's input nodes' environment, bnet text with those inputs fixed)."""
    names, spec = draw(network_specs())
    text = spec_to_bnet(names, spec)
    inputs = bm.Model.from_text(text).inputs
    chosen = draw(st.lists(st.sampled_from(inputs), unique=True) if inputs else st.just([]))
    env = {n: draw(st.sampled_from((0, 1))) for n in chosen}
    return text, env, spec_to_bnet(names, spec, fixed=env)


@ENGINE
@given(case=networks_with_environment())
def test_environment_equals_bruteforce_of_fixed_network(case):
    """An environment dict gives the attractors of the network with those inputs made constant."""
    text, env, fixed_text = case
    model, reference = bm.Model.from_text(text), bm.Model.from_text(fixed_text)
    note(fixed_text)
    for update in EXACT:
        assert engine(model, update, environment=env) == bf.attractors(reference, update)
    mts = sorted((bf.space_summary(reference, t) for t in bf.minimal_trap_spaces(reference)),
                 key=repr)
    assert engine(model, "most-permissive", environment=env) == mts
    fps = states(a.fixed for a in bm.attractors(model, "fixed-points", environment=env))
    assert fps == states(bf.fixed_points(reference))


@st.composite
def networks_with_perturbation(draw):
    """(bnet text, knockouts, overexpressions, bnet text with those nodes made constant)."""
    names, spec = draw(network_specs())
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
    values = {n: draw(st.sampled_from((0, 1))) for n in chosen}
    knockout = [n for n, v in values.items() if v == 0]
    overexpress = [n for n, v in values.items() if v == 1]
    return (spec_to_bnet(names, spec), knockout, overexpress,
            spec_to_bnet(names, spec, fixed=values))


@ENGINE
@given(case=networks_with_perturbation())
def test_perturbation_equals_bruteforce_of_fixed_network(case):
    """Knockout/overexpression give the attractors of the network with those nodes constant."""
    text, knockout, overexpress, fixed_text = case
    model, reference = bm.Model.from_text(text), bm.Model.from_text(fixed_text)
    p = bm.Perturbation(knockout=knockout, overexpress=overexpress)
    note(fixed_text)
    for update in EXACT:
        assert engine(model, update, perturbation=p) == bf.attractors(reference, update)
    mts = sorted((bf.space_summary(reference, t) for t in bf.minimal_trap_spaces(reference)),
                 key=repr)
    assert engine(model, "most-permissive", perturbation=p) == mts
    for a in bm.attractors(model, "asynchronous", perturbation=p):
        assert all(a.fixed[n] == 0 for n in knockout)
        assert all(a.fixed[n] == 1 for n in overexpress)


@ENGINE
@given(text=networks(), seed=st.integers(0, 2 ** 16))
def test_initial_state_gives_the_reachable_attractors(text, seed):
    """initial=state returns exactly the asynchronous attractors reachable from that state."""
    model = bm.Model.from_text(text)
    start = random.Random(seed).randrange(2 ** len(model.nodes))
    state = {n: (start >> j) & 1 for j, n in enumerate(model.nodes)}
    expected = sorted((bf.describe(model, c)
                       for c in bf.attractor_sets(model, "asynchronous", initial=start)), key=repr)
    assert engine(model, "asynchronous", initial=state) == expected
    assert 1 <= len(expected) <= len(bf.attractor_sets(model, "asynchronous"))


# ---------------------------------------------------------------- invariants between engines


@ENGINE
@given(text=networks())
def test_fixed_points_are_the_singleton_attractors(text):
    """Fixed points are exactly the one-state attractors, asynchronous and synchronous alike."""
    model = bm.Model.from_text(text)
    fps = states(a.fixed for a in bm.attractors(model, update="fixed-points"))
    for update in EXACT:
        singletons = states(a.fixed for a in bm.attractors(model, update=update) if a.size == 1)
        assert singletons == fps
    mp_points = states(a.fixed for a in bm.attractors(model, update="most-permissive")
                       if not a.oscillating)
    assert mp_points == fps


@ENGINE
@given(text=networks())
def test_async_attractors_and_minimal_trap_spaces(text):
    """Each minimal trap space holds an async attractor; each async attractor lies in at most one.

    An async attractor in no minimal trap space must be motif-avoidant: the smallest trap
    space around it (brute force) is then not minimal.
    """
    model = bm.Model.from_text(text)
    atts = bm.attractors(model, update="asynchronous")
    mts = [dict(t.fixed) for t in bm.attractors(model, update="most-permissive")]
    assert len(atts) >= len(mts)
    for space in mts:
        assert any(inside(dict(a.fixed), space) for a in atts)
    traps = bf.trap_spaces(model)
    for a in atts:
        holders = [t for t in mts if inside(dict(a.fixed), t)]
        assert len(holders) <= 1
        if not holders:
            note(f"motif-avoidant attractor {dict(a.fixed)}")
            around = [t for t in traps if inside(dict(a.fixed), t)]
            smallest = max(around, key=len)
            assert smallest not in mts
            assert any(inside(t, smallest) and t != smallest for t in mts)


@pytest.mark.parametrize("update", (*EXACT, "most-permissive", "fixed-points"))
@ENGINE
@given(text=networks(), data=st.data())
def test_results_come_in_canonical_order(update, text, data):
    """Calling twice gives equal tuples, and the order does not depend on the rules' order."""
    model = bm.Model.from_text(text)
    first = bm.attractors(model, update=update)
    assert first == bm.attractors(model, update=update)
    lines = text.splitlines()
    shuffled = "\n".join(data.draw(st.permutations(lines), label="rule order")) + "\n"
    other = bm.Model.from_text(shuffled)
    acts = update != "most-permissive"
    assert ([bf.summary(a, model, acts) for a in first]
            == [bf.summary(a, other, acts) for a in bm.attractors(other, update=update)])


# ---------------------------------------------------------------- arguments checked at the boundary


def test_unknown_update_lists_the_valid_ones():
    """An unknown update scheme is a BoolmtorError naming every valid scheme."""
    m = bm.Model.from_text("A, !B\nB, !A\n")
    with pytest.raises(bm.BoolmtorError) as info:
        bm.attractors(m, update="async")
    for scheme in ("asynchronous", "synchronous", "most-permissive", "fixed-points"):
        assert scheme in str(info.value)
    assert "'async'" in str(info.value)


def test_synchronous_state_limit_is_a_limit_error():
    """Synchronous enumeration past max_states raises LimitExceededError saying what to do."""
    m = bm.Model.from_text("A, !C\nB, A\nC, B\n")  # a 3-node negative loop: nothing percolates
    assert len(bm.attractors(m, update="synchronous", max_states=8)) == 2
    with pytest.raises(bm.LimitExceededError, match="max_states"):
        bm.attractors(m, update="synchronous", max_states=4)


def test_initial_state_is_checked():
    """initial= needs known nodes with 0/1 values and the asynchronous or most-permissive scheme."""
    m = bm.Model.from_text("A, !B\nB, !A\n")
    with pytest.raises(bm.UnknownNameError):
        bm.attractors(m, initial={"Q": 1})
    with pytest.raises(bm.BoolmtorError, match="0 or 1"):
        bm.attractors(m, initial={"A": 2})
    with pytest.raises(bm.BoolmtorError, match="asynchronous"):
        bm.attractors(m, update="synchronous", initial={"A": 1})
    (only,) = bm.attractors(m, initial={"A": 1, "B": 0})
    assert dict(only.fixed) == {"A": 1, "B": 0}
    assert len(bm.attractors(m, initial={"A": 0})) == 2  # a partial state: B free


def test_toggle_switch_under_every_scheme():
    """A mutual-inhibition switch: two fixed points; synchronous adds the 2-cycle 00 <-> 11."""
    m = bm.Model.from_text("A, !B\nB, !A\n")
    fps = [{"A": 0, "B": 1}, {"A": 1, "B": 0}]
    for update in ("asynchronous", "most-permissive", "fixed-points"):
        assert [dict(a.fixed) for a in bm.attractors(m, update=update)] == fps
    sync = bm.attractors(m, update="synchronous")
    assert [a.pattern(m.nodes) for a in sync] == ["01", "10", "**"]
    assert sync[2].size == 2 and sync[2].activity("A") == 0.5


# ---------------------------------------------------------------- the asynchronous portfolio


@pytest.mark.parametrize("backend", ["aeon", "biobalm", "race"])
@ENGINE
@given(text=networks())
def test_each_asynchronous_backend_matches_bruteforce(backend, text):
    """AEON's symbolic search and biobalm's succession diagram each give the brute-force
    attractors (fixed part, oscillating nodes, size, activities), whichever the portfolio picks."""
    from boolmtor._engines import asynchronous
    model = bm.Model.from_text(text)
    note(text)
    asynchronous.clear_cache()  # each backend answers for itself, not from the other's entry
    got = sorted((bf.summary(a, model) for a in
                  asynchronous.attractors(model, backend=backend)), key=repr)
    assert got == bf.attractors(model, "asynchronous")


@pytest.mark.parametrize("name", ["klamt_tcr", "grieco_mapk"])
def test_backends_agree_on_published_models(name):
    """On published models (40 and 53 nodes, inputs free) biobalm and AEON give equal attractors."""
    from pyboolnet.repository import get_bnet

    from boolmtor._engines import asynchronous
    model = bm.Model.from_text(get_bnet(name))
    found = {}
    for backend in ("aeon", "biobalm"):
        asynchronous.clear_cache()
        found[backend] = sorted((bf.summary(a, model) for a in
                                 asynchronous.attractors(model, backend=backend)), key=repr)
        assert asynchronous.stats[backend] == 1
    assert found["aeon"] == found["biobalm"]
    assert len(found["aeon"]) >= 2


def test_portfolio_picks_by_size_and_guard():
    """Small free parts and size-guarded searches go to AEON, larger ones to the race."""
    from boolmtor._engines import asynchronous
    from boolmtor._engines.asynchronous import AEON_MAX_FREE, choose
    assert choose(AEON_MAX_FREE, None) == "aeon"
    assert choose(AEON_MAX_FREE + 1, None) == "race"
    assert choose(100, 10_000) == "aeon"
    with pytest.raises(bm.BoolmtorError, match="backend must be one of auto, aeon"):
        asynchronous.solve_reduced("A, !B\nB, !A\n", backend="fastest")


# ---------------------------------------------------------------- most-permissive reachability


def _in_space(state: int, space: dict, nodes) -> bool:
    return all((state >> nodes.index(n)) & 1 == v for n, v in space.items())


@ENGINE
@given(text=networks(), seed=st.integers(0, 2 ** 16))
def test_most_permissive_initial_lies_between_independent_bounds(text, seed):
    """Reachable most-permissive attractors (minimal trap spaces), checked by brute force:
    every minimal trap space holding an asynchronously reachable attractor is reachable
    (asynchronous paths are most-permissive paths), and every reachable one lies in the
    smallest trap space holding the start (most-permissive runs never leave a trap space)."""
    model = bm.Model.from_text(text)
    nodes = list(model.nodes)
    start = random.Random(seed).randrange(2 ** len(nodes))
    state = {n: (start >> j) & 1 for j, n in enumerate(nodes)}
    minimal = bf.minimal_trap_spaces(model)
    reached = bf.attractor_sets(model, "asynchronous", initial=start)
    lower = [m for m in minimal if any(all(_in_space(s, m, nodes) for s in a) for a in reached)]
    smallest = max((t for t in bf.trap_spaces(model) if _in_space(start, t, nodes)), key=len)
    upper = [m for m in minimal if inside(m, smallest)]
    got = states(a.fixed for a in bm.attractors(model, update="most-permissive",
                                                initial=state))
    assert all(m in got for m in states(lower))
    assert all(m in states(upper) for m in got)
    assert got  # a trap space holding the start holds a minimal one, reachable by MP
    if states(lower) == states(upper):
        assert got == states(lower)


def test_most_permissive_initial_on_mpbn_example():
    """The example of mpbn's documentation: from a=0, b=1, c=0 only a=0, b=1, c=1 is reached;
    a partial state reaches every attractor some matching state reaches."""
    model = bm.Model.from_text("a, !b\nb, !a\nc, !a & b\n")
    found = bm.attractors(model, update="most-permissive", initial={"a": 0, "b": 1, "c": 0})
    assert [a.fixed for a in found] == [{"a": 0, "b": 1, "c": 1}]
    found = bm.attractors(model, update="most-permissive", initial={"c": 0})
    assert len(found) == 2 == len(bm.attractors(model, update="most-permissive"))
