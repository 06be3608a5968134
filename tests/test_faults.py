"""Fault injection: bad outputs, foreign checkpoints, failing writes, interrupts, kills, leaks.

Every case checks "nothing lost, one clear line, no traceback": the CLI exits 2 (130/143 for
Ctrl-C/SIGTERM) with one line on stderr, finished rows survive, and a resumed screen gives the
table of an uninterrupted run, byte for byte.
"""

from __future__ import annotations

import errno
import importlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import psutil
import pytest

import boolmtor as bm
from boolmtor import _budget, _ticker
from boolmtor._checkpoint import Checkpoint
from boolmtor.cli import main

S = importlib.import_module("boolmtor.screen")  # the module (bm.screen is the function)
ROOT = Path(__file__).resolve().parents[1]

NET = """\
A, A
B, A & !D
C, B | D
D, C & !A
E, !C
F, E | B
"""
"""Six nodes, one input: an order-2 screen has 51 rows."""

SCREEN = ["screen", "net.bnet", "--order", "2", "--quiet"]


@pytest.fixture
def net(tmp_path, monkeypatch):
    """A small rules file in the current (temporary) folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "net.bnet").write_text(NET)
    return tmp_path


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if any attractor is computed."""
    def forbidden(*args, **kwargs):
        raise AssertionError("work started before the outputs were checked")
    monkeypatch.setattr(S, "solve_chunk", forbidden)
    monkeypatch.setattr(importlib.import_module("boolmtor.attractors"), "attractors", forbidden)


def one_line_error(capsys, code, expected: str, status: int = 2) -> str:
    """The run exited `status` with one line on stderr containing `expected`, no traceback."""
    err = capsys.readouterr().err
    assert code == status, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert expected in err, err
    return err


STOP_AFTER = [0]
"""Rows `interrupt_after` lets through before it raises (set before the pool forks)."""


def interrupt_after(*args):
    """`solve_chunk`, until STOP_AFTER rows are done; then as if Ctrl-C were pressed."""
    if STOP_AFTER[0] <= 0:
        raise KeyboardInterrupt
    STOP_AFTER[0] -= len(args[3])
    return REAL_SOLVE(*args)


def broken_solve(*args):
    """`solve_chunk` failing in a worker."""
    raise bm.LimitExceededError("injected")


REAL_SOLVE = S.solve_chunk


def reference_table(tmp: Path) -> bytes:
    """The screen's CSV from one uninterrupted run."""
    assert main([*SCREEN, "--out", str(tmp / "reference.csv")]) == 0
    return (tmp / "reference.csv").read_bytes()


# ---------------------------------------------------------------------------- outputs first
@pytest.mark.parametrize("args, message", [
    (["screen", "net.bnet", "--out", "x.txt"], "must end in .csv, .parquet, .pq"),
    (["screen", "net.bnet", "--checkpoint", "c.parquet"], "a checkpoint is boolmtor's own"),
    (["screen", "net.bnet", "--out", "no/such/t.csv"], "does not exist"),
    (["screen", "net.bnet", "--out", "."], "must end in"),
    (["export", "net.bnet", "--to", "bnet", "-o", "out.sbml"], "a bnet file must end in .bnet"),
    (["export", "net.bnet", "--to", "sbml-qual", "-o", "x.sbml-qual"],
     "must end in .sbml, .xml"),
    (["export", "net.bnet", "--to", "maboss", "-o", "x.sbml"], "must end in .bnd, .cfg"),
    (["export", "net.bnet", "--to", "bnet", "-o", "folder.bnet"], "is a folder"),
    (["report", "net.bnet", "--out", "net.bnet"], "is a file; give a folder name"),
])
def test_bad_outputs_fail_before_any_work(net, no_work, capsys, args, message):
    """Each bad output path is one line, exit 2, before the first attractor; nothing written."""
    (net / "folder.bnet").mkdir()
    before = sorted(p.name for p in net.iterdir())
    one_line_error(capsys, main(args), message)
    assert sorted(p.name for p in net.iterdir()) == before


def test_checkpoint_and_table_may_not_be_one_file(net, no_work, capsys):
    """--checkpoint and --out naming the same file (here through a link) are refused."""
    (net / "same.ckpt").symlink_to(net / "t.csv")
    code = main([*SCREEN, "--checkpoint", "same.ckpt", "--out", "t.csv"])
    one_line_error(capsys, code, "name the same file")


def test_read_only_output_folder(net, no_work, capsys, monkeypatch):
    """A folder where nothing can be created is found before work (probe, so root too)."""
    ro = net / "ro"
    ro.mkdir()
    real = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == ro:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(*args, dir=dir, **kwargs)

    os.chmod(ro, 0o555)  # enough for a normal user; the probe's refusal covers root
    monkeypatch.setattr("boolmtor._outputs.tempfile.mkstemp", refuse)
    try:
        one_line_error(capsys, main([*SCREEN, "--out", "ro/t.csv"]), "cannot write in the folder")
        one_line_error(capsys, main(["export", "net.bnet", "--to", "bnet", "-o", "ro/x.bnet"]),
                       "cannot write in the folder")
        one_line_error(capsys, main(["report", "net.bnet", "--out", "ro/rep"]),
                       "cannot write in the folder")
    finally:
        os.chmod(ro, 0o755)
    assert list(ro.iterdir()) == []


# ---------------------------------------------------------------------------- checkpoints
@pytest.mark.parametrize("content, message", [
    (bytes(range(256)) * 4, "not a boolmtor screen checkpoint"),
    (b"PAR1\x00\x00binary parquet", "not a boolmtor screen checkpoint"),
    (b'{"some": "json"}\n', "not a boolmtor screen checkpoint"),
    (b'{"boolmtor_screen": "0123456789abcdef"}\n', "checkpoint of a different screen"),
])
def test_foreign_checkpoints_are_refused_and_kept(net, no_work, capsys, content, message):
    """Binary, foreign or other-run checkpoints: one line, exit 2, the file left as it was."""
    (net / "c.ckpt").write_bytes(content)
    one_line_error(capsys, main([*SCREEN, "--checkpoint", "c.ckpt"]), message)
    assert (net / "c.ckpt").read_bytes() == content


def test_damaged_checkpoint_line_is_named(net, capsys):
    """A damaged row in the middle (not a cut last line) is refused with its line number."""
    reference = reference_table(net)
    assert main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]) == 0
    lines = (net / "c.ckpt").read_bytes().split(b"\n")
    lines[3] = lines[3][:10] + b"\xff garbage"
    (net / "c.ckpt").write_bytes(b"\n".join(lines))
    capsys.readouterr()
    one_line_error(capsys, main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]),
                   "c.ckpt:4: damaged checkpoint line")
    assert (net / "t.csv").read_bytes() == reference


def test_second_process_on_a_checkpoint_is_locked_out(net, capsys):
    """While one run holds a checkpoint, another stops at once with a clear message."""
    held = Checkpoint(net / "c.ckpt", "another run")  # as another running screen would
    try:
        proc = subprocess.run([sys.executable, "-m", "boolmtor.cli", *SCREEN,
                               "--checkpoint", "c.ckpt"], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    finally:
        held.close()
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "c.ckpt is in use by another running screen" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert (net / "c.ckpt").read_text().count("\n") == 1  # the holder's header only


# ---------------------------------------------------------------------------- failing writes
def test_full_disk_while_writing_rows_keeps_earlier_rows(net, capsys, monkeypatch):
    """A checkpoint write that fails (disk full) is one line; a rerun completes the same table."""
    reference = reference_table(net)
    real = Checkpoint._append
    calls = []

    def fill_up(self, text):
        calls.append(text)
        if len(calls) > 4:  # the header, then three chunks of rows
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, text)

    monkeypatch.setattr(Checkpoint, "_append", fill_up)
    capsys.readouterr()
    one_line_error(capsys, main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]),
                   "No space left on device")
    assert not (net / "t.csv").exists()
    kept = (net / "c.ckpt").read_text().count("\n") - 1
    assert kept >= 3
    monkeypatch.setattr(Checkpoint, "_append", real)
    assert main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]) == 0
    assert (net / "t.csv").read_bytes() == reference


def test_full_disk_while_saving_the_table_leaves_no_partial_file(net, capsys, monkeypatch):
    """The table's atomic write failing leaves neither the table nor a temporary file."""
    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("boolmtor._io.os.replace", full)
    one_line_error(capsys, main([*SCREEN, "--out", "t.csv"]), "No space left on device")
    assert sorted(p.name for p in net.iterdir()) == ["net.bnet"]


# ---------------------------------------------------------------------------- interrupts
@pytest.mark.parametrize("seed", range(4))
def test_seeded_interrupts_then_resume_give_the_same_table(net, capsys, monkeypatch, seed):
    """Ctrl-C after a random number of rows (seeded), then reruns: identical final table."""
    reference = reference_table(net)
    rng = random.Random(seed)
    monkeypatch.setattr(S, "solve_chunk", interrupt_after)
    for _ in range(3):
        STOP_AFTER[0] = rng.randrange(1, 40)
        code = main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"])
        err = capsys.readouterr().err
        if code == 0:  # every row was already in the checkpoint
            break
        assert code == 130 and "Traceback" not in err, err
        assert "rerun the same command to continue" in err
        assert len(err.strip().splitlines()) == 1
    monkeypatch.setattr(S, "solve_chunk", REAL_SOLVE)
    assert main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]) == 0
    assert (net / "t.csv").read_bytes() == reference


SLOW_SCREEN = textwrap.dedent("""\
    import importlib, sys, time
    S = importlib.import_module("boolmtor.screen")
    real = S.solve_chunk
    def slow(*args):
        time.sleep(0.1 * len(args[3]))
        return real(*args)
    S.solve_chunk = slow
    from boolmtor.cli import main
    sys.argv[0] = "boolmtor"
    sys.exit(main())  # as the console script does
""")
"""The CLI with every row taking 100 ms longer, so that a signal lands mid-screen (also when
a loaded machine makes the parent record many finished rows at once)."""


def run_slow(args, cwd):
    return subprocess.Popen([sys.executable, "-c", SLOW_SCREEN, *args], cwd=cwd,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def rows_in(path: Path) -> int:
    return path.read_bytes().count(b"\n") - 1 if path.exists() else 0


def wait_for_rows(path: Path, proc, rows: int) -> None:
    deadline = time.monotonic() + 300
    while rows_in(path) < rows and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.mark.parametrize("sig, status, word", [(signal.SIGINT, 130, "interrupted"),
                                               (signal.SIGTERM, 143, "terminated")])
def test_signal_stops_a_screen_keeps_rows_and_ends_its_workers(net, sig, status, word):
    """SIGINT/SIGTERM: the screen stops, keeps what finished, says how to resume, no leak."""
    reference = reference_table(net)
    proc = run_slow([*SCREEN, "--workers", "2", "--checkpoint", "c.ckpt", "--out", "t.csv"],
                    net)
    wait_for_rows(net / "c.ckpt", proc, 8)
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert workers  # the pool is running
    seen = rows_in(net / "c.ckpt")
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == status and "Traceback" not in err, err
    assert f"boolmtor: {word}" in err and "kept in c.ckpt: rerun the same command" in err
    assert rows_in(net / "c.ckpt") >= seen
    time.sleep(0.2)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    assert main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]) == 0
    assert (net / "t.csv").read_bytes() == reference


def test_seeded_sigkills_then_resume_give_the_same_table(net):
    """SIGKILL at random moments (seeded), then a rerun: the same bytes as one clean run."""
    reference = reference_table(net)
    rng = random.Random(16)
    for _ in range(3):
        proc = run_slow([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"], net)
        wait_for_rows(net / "c.ckpt", proc, rows_in(net / "c.ckpt") + 1)
        time.sleep(rng.uniform(0, 0.3))
        proc.kill()
        proc.communicate()
    assert main([*SCREEN, "--checkpoint", "c.ckpt", "--out", "t.csv"]) == 0
    assert (net / "t.csv").read_bytes() == reference


# ---------------------------------------------------------------------------- leaks
def test_fixed_points_timeout_ends_the_engine_process(tmp_path):
    """pyboolnet's BNetToPrime child is ended when a timeout stops it (it used to run on)."""
    pairs = 12  # the negation of 12 OR-ed pairs has 2**12 prime implicants: minutes of work
    rules = [f"a{i}, a{i}\nb{i}, b{i}" for i in range(pairs)]
    rules.append("X, " + " | ".join(f"(a{i} & b{i})" for i in range(pairs)))
    model = bm.Model.from_text("\n".join(rules))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with pytest.raises(bm.TimeoutExceeded, match="timeout of 1 s"):
        bm.attractors(model, "fixed-points", timeout=1, engine="pyboolnet")
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    assert not [p for p in left if p.status() != psutil.STATUS_ZOMBIE], left


def test_error_inside_a_pool_ends_the_workers(net, monkeypatch):
    """An error in one worker ends the whole pool: no worker process outlives the screen."""
    monkeypatch.setattr(S, "solve_chunk", broken_solve)
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with pytest.raises(bm.LimitExceededError, match="injected"):
        bm.screen(bm.load_model("net.bnet"), order=2, workers=2, progress=False)
    time.sleep(0.2)
    left = [p for p in psutil.Process().children(recursive=True)
            if p.pid not in before and p.status() != psutil.STATUS_ZOMBIE]
    assert not left


# ---------------------------------------------------------------------------- never silent
def test_progress_line_says_what_runs_and_hints_once(capfd, monkeypatch):
    """On a terminal, the line names the search and its seconds; the hint comes once."""
    monkeypatch.setattr(_ticker, "SHOW_AFTER", 0.1)
    monkeypatch.setattr(_ticker, "HINT_AFTER", 0.4)
    with _ticker.ticking("attractors: net.bnet (asynchronous update)", "use --timeout",
                         enabled=True):
        time.sleep(2.0)
    err = capfd.readouterr().err
    assert "attractors: net.bnet (asynchronous update)" in err and " s" in err
    assert err.count("use --timeout") == 1


def test_quiet_and_non_terminals_get_no_progress_line(net, capfd, monkeypatch):
    """--quiet, or stderr not a terminal: no progress process is started, nothing printed."""
    started = []
    monkeypatch.setattr(_ticker.subprocess, "Popen", lambda *a, **k: started.append(a))
    assert main(["attractors", "net.bnet", "--quiet"]) == 0
    assert main(["attractors", "net.bnet"]) == 0  # stderr is captured: not a terminal
    assert started == [] and capfd.readouterr().err == ""


# ---------------------------------------------------------------------------- budgets
@pytest.mark.parametrize("limit, value, message", [
    ("MAX_BYTES", 40, "net.bnet: 0.0 MB of rules, more than the limit of 0 MB"),
    ("MAX_NODES", 3, "more than 3 rules (nodes), the limit"),
    ("MAX_RULE_CHARS", 8, "net.bnet:2: a rule of 10 characters, longer than the limit of 8"),
])
def test_size_limits_before_parsing_and_their_override(net, capsys, monkeypatch, limit, value,
                                                       message):
    """Past a size limit: one line naming it and --allow-large; with it the model loads."""
    monkeypatch.setattr(_budget, limit, value)
    err = one_line_error(capsys, main(["lint", "net.bnet"]), message)
    assert "pass --allow-large to load it anyway" in err
    assert main(["lint", "net.bnet", "--allow-large"]) == 0
    assert "ok:" in capsys.readouterr().out


def test_ensemble_and_agreement_say_when_nothing_varies():
    """No '# alt:' lines, or a single update scheme: an error, not 'holds 1.0'."""
    model = bm.Model.from_text("GF, GF\nT, GF\nPROLIFERATION, T\n")
    with pytest.raises(bm.BoolmtorError, match="no '# alt:' lines, so there is nothing to vary"):
        bm.ensemble(model, "x")
    with pytest.raises(bm.BoolmtorError, match="needs at least two"):
        bm.agreement(bm.load_model(), "rapamycin", updates=["asynchronous"])
