"""`bm.screen`: checked against brute force and against a plain AEON loop; parallel, Dask and
resumed runs give the serial table; limits, timeouts and bad input give one-line errors."""

from __future__ import annotations

import importlib
import math
from fractions import Fraction

import biodivine_aeon as ba
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

import boolmtor as bm
from boolmtor._engines import asynchronous
from boolmtor.cli import main

import bruteforce as bf
from strategies import network_specs, spec_to_bnet

S = importlib.import_module("boolmtor.screen")
SMALL = settings(max_examples=25, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def naive(model, env, perturbation) -> tuple[int, dict[str, float]]:
    """n attractors and mean readout score by AEON on the whole perturbed `.bnet` (a leveled
    readout's score: the mean activity of its level nodes)."""
    fixed = model.perturb(perturbation, environment=env)
    g = ba.AsynchronousGraph(ba.BooleanNetwork.from_bnet(fixed.to_bnet(), repair_graph=True))
    found = [a.vertices() for a in ba.Attractors.attractors(g)]
    scores = {}
    for r in model.readouts:
        levels = model.levels.get(r, (r,))
        acts = [sum(v.intersect(g.mk_subspace_vertices({x: True})).cardinality()
                    for x in levels) / len(levels) / v.cardinality() for v in found]
        scores[r] = sum(acts) / len(acts)
    return len(found), scores


def test_curated_screen_equals_a_plain_aeon_loop():
    """Every single alteration under two environments and a drug: the plain AEON answer."""
    m = bm.load_model()
    t = bm.screen(m, order=1, environments=["growth", "no_growth_factors"],
                  drugs=["rapamycin"], progress=False)
    altered = [n for n in m.nodes if n not in m.inputs and n not in m.higher_levels]
    assert len(t) == 2 * 2 * (1 + 2 * len(altered))
    for row in t.itertuples(index=False):
        p = bm.Perturbation(knockout=[n for n in row.knockout.split(";") if n],
                            overexpress=[n for n in row.overexpress.split(";") if n],
                            drugs=[] if row.drug == "none" else [row.drug])
        n, scores = naive(m, row.environment, p)
        assert row.n_attractors == n, row
        for r in m.readouts:
            assert getattr(row, r) == pytest.approx(scores[r]), (row, r)


@st.composite
def screened_networks(draw):
    """(names, spec, environment) of a small random network with some inputs fixed."""
    names, spec = draw(network_specs(min_nodes=2, max_nodes=6))
    inputs = [n for n in names if spec[n] is None]
    env = {n: draw(st.sampled_from((0, 1))) for n in inputs}
    return names, spec, env


def mean(values) -> float:
    values = list(values)
    return float(sum(values) / len(values))


@pytest.mark.parametrize("update", ("asynchronous", "synchronous", "most-permissive",
                                    "fixed-points"))
@SMALL
@given(case=screened_networks())
def test_order_two_screen_equals_bruteforce(update, case):
    """Each row (every double alteration) equals brute force on the network with those nodes
    made constant; readouts are the non-input nodes no one reads, or all nodes."""
    names, spec, env = case
    text = spec_to_bnet(names, spec)
    note(text)
    model = bm.Model.from_text(text)
    t = bm.screen(model, order=2, environments=[env], update=update, progress=False)
    readouts = model.readouts
    for row in t.to_dict("records"):  # not itertuples: a node may be named "if"
        fixed = {**env, **{n: 0 for n in row["knockout"].split(";") if n},
                 **{n: 1 for n in row["overexpress"].split(";") if n}}
        ref = bm.Model.from_text(spec_to_bnet(names, spec, fixed=fixed))
        if update in ("asynchronous", "synchronous"):
            sets = bf.attractor_sets(ref, update)
            expected = [bf.describe(ref, c) for c in sets]
            acts = [dict(s.activities) for s in expected]
        elif update == "most-permissive":
            spaces = bf.minimal_trap_spaces(ref)
            expected = spaces
            acts = [{n: s.get(n, Fraction(1, 2)) for n in ref.nodes} for s in spaces]
        else:
            expected = bf.fixed_points(ref)
            acts = expected
        assert row["n_attractors"] == len(expected)
        for r in readouts:
            got = row[r]
            if not expected:
                assert math.isnan(got)
            else:
                assert got == pytest.approx(mean(a[r] for a in acts))


def test_workers_give_the_serial_table():
    """A local pool of 2 processes gives exactly the serial table."""
    m = bm.load_model()
    kw = dict(order=2, environments=["growth"], nodes=["PTEN", "AKT", "TSC", "S6K", "BCL2",
                                                       "MTORC2"], progress=False)
    pd.testing.assert_frame_equal(bm.screen(m, **kw), bm.screen(m, workers=2, **kw))


def test_dask_local_cluster_gives_the_serial_table():
    """A Dask LocalCluster of 2 workers gives exactly the serial table."""
    distributed = pytest.importorskip("distributed")  # in the test extra: installed in CI
    m = bm.load_model()
    kw = dict(order=1, environments=["growth", "starvation"], drugs=["everolimus"],
              backgrounds=["PTEN_loss"], progress=False)
    serial = bm.screen(m, **kw)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        pd.testing.assert_frame_equal(serial, bm.screen(m, scheduler=client, **kw))


def test_interrupted_screen_resumes_without_recomputing(tmp_path, monkeypatch):
    """Interrupted after k rows, a rerun computes only the missing rows; same final table."""
    m = bm.load_model()
    kw = dict(order=1, environments=["growth", "starvation"], progress=False)
    full = bm.screen(m, **kw)
    computed = []
    real = S.solve_chunk

    def counting(*args):
        if len(computed) >= 21:
            raise KeyboardInterrupt  # the user presses Ctrl-C after 21 rows
        computed.extend(args[3])
        return real(*args)

    monkeypatch.setattr(S, "solve_chunk", counting)
    ck = tmp_path / "screen.ckpt"
    with pytest.raises(KeyboardInterrupt):
        bm.screen(m, checkpoint=ck, **kw)
    assert len(computed) == 21
    with ck.open("a") as fh:  # the interruption cut a line in half
        fh.write('{"id": ["growth", "none"')
    computed.clear()
    monkeypatch.setattr(S, "solve_chunk", lambda *a: computed.extend(a[3]) or real(*a))
    resumed = bm.screen(m, checkpoint=ck, **kw)
    assert len(computed) == len(full) - 21
    pd.testing.assert_frame_equal(resumed, full)
    computed.clear()
    pd.testing.assert_frame_equal(bm.screen(m, checkpoint=ck, **kw), full)
    assert computed == []  # everything came from the checkpoint


def test_checkpoint_of_another_screen_is_refused(tmp_path):
    """A checkpoint written by a different screen is an error, not silently mixed in."""
    m = bm.load_model()
    ck = tmp_path / "c.ckpt"
    bm.screen(m, order=0, environments=["growth"], checkpoint=ck, progress=False)
    with pytest.raises(bm.BoolmtorError, match="different screen"):
        bm.screen(m, order=0, environments=["starvation"], checkpoint=ck, progress=False)


def test_progress_bar_only_when_asked(capsys):
    """No progress bar on a non-terminal; progress=True draws one on stderr."""
    m = bm.Model.from_text("A, A\nB, A\n")
    bm.screen(m, order=1, environments=[{"A": 1}])
    assert capsys.readouterr().err == ""
    bm.screen(m, order=1, environments=[{"A": 1}], progress=True)
    assert "screen" in capsys.readouterr().err


def test_limits_and_timeout(tmp_path):
    """Too many rows and a timeout stop early with clear errors; finished rows are kept."""
    m = bm.load_model()
    with pytest.raises(bm.LimitExceededError, match="max_rows"):
        bm.screen(m, order=2, environments=["growth"], max_rows=100)
    ck = tmp_path / "t.ckpt"
    with pytest.raises(bm.TimeoutExceeded, match="rerun to continue"):
        bm.screen(m, order=2, environments=["growth", "starvation", "hypoxia"],
                  checkpoint=ck, timeout=1e-9, progress=False)
    from pyboolnet.repository import get_bnet
    grieco = bm.Model.from_text(get_bnet("grieco_mapk"))
    asynchronous.clear_cache()  # a cached answer needs no search, so no limit could trip
    with pytest.raises(bm.LimitExceededError, match="max_symbolic_size"):
        bm.screen(grieco, order=0, environments=[None], max_symbolic_size=50, progress=False)


@pytest.mark.parametrize("kwargs, message", [
    (dict(order=3), "order must be in"),
    (dict(kinds=["deletion"]), "kinds must be in"),
    (dict(workers=0), "workers must be"),
    (dict(drugs=["aspirin"]), "unknown drug"),
    (dict(backgrounds=["nope"]), "unknown background"),
    (dict(nodes=["MTOR"]), "unknown node"),
    (dict(update="random"), "update must be"),
    (dict(timeout=-1), "timeout must be"),
])
def test_bad_arguments(kwargs, message):
    """Bad arguments raise a BoolmtorError naming what was expected."""
    with pytest.raises(bm.BoolmtorError, match=message):
        bm.screen(bm.load_model(), **kwargs)


@pytest.mark.parametrize("suffix", (".csv", ".parquet"))
def test_save_round_trips(tmp_path, suffix):
    """A table saved as CSV or Parquet reads back equal."""
    t = bm.screen(bm.load_model(), order=1, environments=["growth"], nodes=["PTEN", "BCL2"],
                  progress=False)
    path = S.save(t, tmp_path / f"t{suffix}")
    back = pd.read_csv(path, keep_default_na=False) if suffix == ".csv" else pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, t, check_dtype=False)
    with pytest.raises(bm.BoolmtorError, match=".csv or .parquet"):
        S.save(t, tmp_path / "t.xlsx")


def test_cli_screen(tmp_path, capsys):
    """`boolmtor screen` writes the table of the API; bad input exits 2 with one line."""
    out = tmp_path / "s.csv"
    assert main(["screen", "--env", "growth", "--node", "PTEN", "--node", "AKT", "--out",
                 str(out)]) == 0
    table = pd.read_csv(out, keep_default_na=False)
    api = bm.screen(bm.load_model(), environments=["growth"], nodes=["PTEN", "AKT"],
                    progress=False)
    pd.testing.assert_frame_equal(table, api, check_dtype=False)
    capsys.readouterr()
    assert main(["screen", "--drug", "aspirin"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown drug" in err
    assert main(["screen", "--order", "2", "--max-rows", "5"]) == 2
    assert "max_rows" in capsys.readouterr().err


def test_reduced_engine_counts_shared_work():
    """Networks that reduce to the same free part are solved once; empty ones not at all."""
    from boolmtor._engines import asynchronous
    asynchronous.clear_cache()
    m = bm.load_model()
    t = bm.screen(m, order=1, environments=["growth"], progress=False)
    stats = asynchronous.stats
    assert stats["empty"] + stats["searches"] + stats["cache_hits"] == len(t)
    assert stats["searches"] < len(t) / 4
