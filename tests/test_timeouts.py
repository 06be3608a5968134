"""`timeout=` works off the main thread (Jupyter, Dask, web servers), not only by SIGALRM."""

from __future__ import annotations

import threading
import time

import psutil
import pytest

import boolmtor as bm
from boolmtor._timeout import deadline

from toys import TOY


def in_thread(call):
    """Run `call()` in a new thread; return what it returned or raised."""
    out: dict = {}

    def run():
        try:
            out["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    return out


@pytest.fixture(scope="module")
def mtor():
    return bm.load_model()


def blowup() -> bm.Model:
    """Fixed points by prime implicants: the negation of 12 OR-ed pairs has 2**12 prime
    implicants, minutes of work for pyboolnet on any machine (the AEON paths are too fast to
    time out reliably)."""
    rules = [f"a{i}, a{i}\nb{i}, b{i}" for i in range(12)]
    rules.append("X, " + " | ".join(f"(a{i} & b{i})" for i in range(12)))
    return bm.Model.from_text("\n".join(rules))


@pytest.mark.parametrize("call", [
    lambda m: bm.attractors(blowup(), "fixed-points", engine="pyboolnet", timeout=0.3),
    lambda m: bm.validate(m, timeout=0.3),  # 78 expectations: seconds of work
])
def test_timeout_from_a_thread_raises_the_package_error(mtor, call):
    """A long call with timeout= in a worker thread stops with TimeoutExceeded."""
    out = in_thread(lambda: call(mtor))
    assert isinstance(out.get("error"), bm.TimeoutExceeded), out
    assert "timeout of 0.3 s" in str(out["error"])


def test_a_thread_gets_the_same_answer_as_the_main_thread():
    """With a generous timeout, a call from a thread returns what the plain call returns."""
    model = bm.Model.from_text(TOY)
    out = in_thread(lambda: bm.attractors(model, timeout=120))
    assert out["value"] == bm.attractors(model)
    toggled = in_thread(lambda: bm.attractors(model, "fixed-points", {"GF": 1},
                                              bm.Perturbation(knockout=["K"]), timeout=120))
    assert toggled["value"] == bm.attractors(model, "fixed-points", {"GF": 1},
                                             bm.Perturbation(knockout=["K"]))


def test_an_error_in_a_thread_with_timeout_is_the_package_error():
    """Bad input in a timed call from a thread raises the same error as the plain call."""
    model = bm.Model.from_text(TOY)
    with pytest.raises(bm.BoolmtorError) as plain:
        bm.attractors(model, perturbation=bm.Perturbation(knockout=["NOPE"]))
    out = in_thread(lambda: bm.attractors(model, perturbation=bm.Perturbation(knockout=["NOPE"]),
                                          timeout=120))
    assert type(out["error"]) is type(plain.value)
    assert str(out["error"]) == str(plain.value)


def test_thread_timeout_ends_the_engine_processes():
    """A timeout in a thread kills the worker and pyboolnet's BNetToPrime it started."""
    pairs = 12  # the negation of 12 OR-ed pairs has 2**12 prime implicants: minutes of work
    rules = [f"a{i}, a{i}\nb{i}, b{i}" for i in range(pairs)]
    rules.append("X, " + " | ".join(f"(a{i} & b{i})" for i in range(pairs)))
    model = bm.Model.from_text("\n".join(rules))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    out = in_thread(lambda: bm.attractors(model, "fixed-points", timeout=1, engine="pyboolnet"))
    assert isinstance(out.get("error"), bm.TimeoutExceeded), out
    time.sleep(0.2)
    left = [p for p in psutil.Process().children(recursive=True)
            if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE]
    assert not left


def test_a_deadline_block_in_a_thread_is_checked_when_it_ends():
    """A `deadline` block that cannot be interrupted in a thread still raises at its end."""
    def overrun():
        with deadline(0.05):
            time.sleep(0.2)

    def on_time():
        with deadline(5):
            return "done"

    assert isinstance(in_thread(overrun).get("error"), bm.TimeoutExceeded)
    assert in_thread(on_time)["value"] == "done"


@pytest.mark.parametrize("error", [
    bm.RulesSyntaxError("expected a node name", "net.bnet", 3, 7),
    bm.ManifestError("drug 'x' has no targets", "model.toml"),
    bm.UnknownNameError("drug", "rapamicyn", ["rapamycin", "torin1"]),
    bm.UnknownAlterationError("XYZ1", "unknown gene 'XYZ1'", ["PTEN"]),
    bm.TimeoutExceeded("stopped after the timeout of 1 s"),
])
def test_errors_cross_process_boundaries_whole(error):
    """Errors pickle to an equal error (same type, fields and message) to leave a child."""
    import pickle

    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert vars(copy) == vars(error)
