"""Timeouts that work in any thread (Jupyter, Dask, web servers) and on any OS.

In the main thread of a POSIX process a timer signal (SIGALRM) stops the computation where it
is: AEON's algorithms poll Python signals, so even one long symbolic search stops, and this
process keeps its caches. No signal reaches another thread, and Windows has no SIGALRM: there
`within` (and `with_timeout`, which the public analyses wear) runs the call in a child process,
a fresh interpreter, and kills it with the engine processes it started when the time is up (the
limit counts from the start of the call in the child). A `deadline` block, which cannot move to
another process, is checked at its end there (and wherever code inside it calls `check`).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .errors import BoolmtorError, TimeoutExceeded

T = TypeVar("T")

_local = threading.local()  # this thread's deadline (time.monotonic()), for `check`


def _message(seconds: float) -> str:
    return (f"stopped after the timeout of {seconds:g} s; raise timeout= (--timeout), or use "
            "update='most-permissive' or 'fixed-points'")


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _check_seconds(seconds: float) -> None:
    if seconds <= 0:
        raise TimeoutExceeded(f"timeout of {seconds} s reached before the computation started")


def check() -> None:
    """Raise `TimeoutExceeded` if the innermost `deadline` of this thread has passed."""
    end = getattr(_local, "end", None)
    if end is not None and time.monotonic() > end[0]:
        raise TimeoutExceeded(_message(end[1]))


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """The block, interrupted by SIGALRM after `seconds` (main thread, POSIX)."""
    from ._children import kill_since, now

    fired = []
    since = now()
    quiet = logging.getLogger("pyboolnet")

    def on_alarm(signum, frame):
        fired.append(True)
        quiet.disabled = True  # pyboolnet logs its whole input when a call of it is stopped
        raise TimeoutExceeded(_message(seconds))

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except BaseException:
        if not fired:
            raise
        kill_since(since)  # engine processes (pyboolnet's BNetToPrime, clasp) would run on
        # AEON turns the handler's exception into KeyboardInterrupt, pyboolnet into Exception
        raise TimeoutExceeded(_message(seconds)) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        quiet.disabled = False


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise `TimeoutExceeded` from the block after `seconds` (None: no limit).

    In the main thread (POSIX) an alarm interrupts the block where it is; elsewhere the
    deadline is checked by `check()` calls inside the block and when the block ends.
    """
    if seconds is None:
        yield
        return
    _check_seconds(seconds)
    outer = getattr(_local, "end", None)
    end = time.monotonic() + seconds
    _local.end = (end, seconds) if outer is None or end < outer[0] else outer
    try:
        if _alarm_usable():
            with _alarm(seconds):
                yield
        else:
            yield
            check()
    finally:
        _local.end = outer


_BOOT = ("import pickle, sys\n"
         "sys.path[:] = pickle.load(sys.stdin.buffer)\n"
         "from boolmtor._timeout import _serve\n"
         "_serve()\n")
"""The child's program: the parent's import path, then `_serve` (stdlib only until then)."""

STARTUP_LIMIT = 300.0
"""Seconds a child process may take to start (import the package, read its arguments)."""


def _serve() -> None:
    """In the child process: read (func, args, kwargs), say "ready", run it, send the outcome.

    The outcome, ("ok", value) or ("error", exception), and the warnings raised go back as one
    pickle on the original stdout; the call's own prints go to stderr.
    """
    import os
    import pickle
    import sys

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    func, args, kwargs = pickle.load(sys.stdin.buffer)
    out.write(b"ready\n")
    out.flush()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome: tuple[str, Any] = ("ok", func(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            outcome = ("error", exc)
    sent = [(str(w.message), w.category) for w in caught]
    try:
        data = pickle.dumps((outcome, sent))
    except Exception as exc:  # an answer or error that does not pickle: its message at least
        data = pickle.dumps((("error", BoolmtorError(f"{type(exc).__name__}: {exc}")), sent))
    out.write(data)
    out.close()


def _kill_tree(pid: int) -> None:
    """Kill process `pid` and every process it started."""
    import psutil

    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        for p in [*root.children(recursive=True), root]:
            with contextlib.suppress(psutil.Error):
                p.kill()


def _in_child(seconds: float, func: Callable[..., T], args: tuple, kwargs: dict) -> T:
    """`func(*args, **kwargs)` in a fresh interpreter, killed `seconds` after it starts the call.

    A fresh interpreter (not fork) is safe from any thread and on any OS, and does not re-run
    the caller's script the way multiprocessing's spawn does.
    """
    import pickle
    import queue
    import subprocess
    import sys

    payload = pickle.dumps((func, args, kwargs))
    proc = subprocess.Popen([sys.executable, "-c", _BOOT], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    stdin, stdout = proc.stdin, proc.stdout
    assert stdin is not None and stdout is not None
    parts: queue.Queue[bytes] = queue.Queue()

    def read() -> None:
        parts.put(stdout.readline())
        parts.put(stdout.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        with contextlib.suppress(BrokenPipeError):
            stdin.write(pickle.dumps(sys.path) + payload)
            stdin.close()
        try:
            parts.get(timeout=STARTUP_LIMIT)
            data = parts.get(timeout=seconds)
        except queue.Empty:
            raise TimeoutExceeded(_message(seconds)) from None
    finally:
        if proc.poll() is None:
            _kill_tree(proc.pid)
        proc.wait()
        reader.join(timeout=5)
        stdout.close()
    if not data:
        raise BoolmtorError(f"the computation's worker process ended without an answer "
                            f"(exit code {proc.returncode})")
    (kind, value), caught = pickle.loads(data)
    for message, category in caught:
        warnings.warn(message, category, stacklevel=4)
    if kind == "error":
        raise value
    return value


def within(seconds: float | None, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`func(*args, **kwargs)`, stopped with `TimeoutExceeded` after `seconds` (None: no limit).

    In the main thread (POSIX) an alarm stops it in place; elsewhere it runs in a child process
    (`func` is found there by its module and name, arguments and answer are pickled), which is
    killed when the time is up.
    """
    return _limited(seconds, func, func, args, kwargs)


def _limited(seconds: float | None, func: Callable[..., T], portable: Callable[..., T],
             args: tuple, kwargs: dict) -> T:
    """`func` here, or `portable` (the same call, importable by name) in a child process."""
    if seconds is None:
        return func(*args, **kwargs)
    _check_seconds(seconds)
    if _alarm_usable():
        with deadline(seconds):
            return func(*args, **kwargs)
    return _in_child(seconds, portable, args, kwargs)


def with_timeout(func: Callable[..., T]) -> Callable[..., T]:
    """`func` with a keyword `timeout=` (seconds): past it, `TimeoutExceeded` (see `within`)."""

    @functools.wraps(func)
    def wrapper(*args, timeout: float | None = None, **kwargs):
        return _limited(timeout, func, wrapper, args, kwargs)  # the child calls it untimed

    sig = inspect.signature(func)
    wrapper.__signature__ = sig.replace(parameters=[  # type: ignore[attr-defined]
        *sig.parameters.values(), inspect.Parameter(
            "timeout", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="float | None")])
    wrapper.__doc__ = (func.__doc__ or "") + (
        "\n\n    timeout : seconds (keyword); past it a `TimeoutExceeded` error is raised.\n")
    return wrapper
