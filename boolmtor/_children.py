"""Ending the child processes a run started when it stops early (error, timeout, interrupt).

pyboolnet runs its engines (BNetToPrime, gringo, clasp) as child processes and does not end
them when the Python call is interrupted; process pools leave workers behind. `reaped()` kills
every descendant started inside its block when the block is left by an exception.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator


_BOOT_CLOCK = getattr(time, "CLOCK_BOOTTIME", None)


def now() -> float:
    """A time stamp comparable with the start times of processes (cheap: one clock read).

    On Linux, process start times count clock ticks since boot, so the boot clock is used:
    the wall clock may be set or jump and does not match them.
    """
    return time.clock_gettime(_BOOT_CLOCK) if _BOOT_CLOCK is not None else time.time()


def descendants(since: float = 0.0) -> list:
    """This process's live descendants (psutil.Process) started at or after `since` (`now()`)."""
    import psutil

    offset = psutil.boot_time() if _BOOT_CLOCK is not None else 0.0
    out = []
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if child.create_time() - offset >= since - 0.05:  # start times: clock ticks
                out.append(child)
    return out


def kill_since(since: float) -> int:
    """Kill the descendants created at or after `since` and wait for them; how many there were."""
    import psutil

    found = descendants(since)
    for child in found:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(found, timeout=2)
    return len(found)


@contextlib.contextmanager
def reaped() -> Iterator[None]:
    """Kill every child process started in the block if the block raises (then re-raise)."""
    since = now()
    try:
        yield
    except BaseException:
        kill_since(since)
        raise


def in_child(func, *args):
    """`func(*args)` run in a forked child process; its result (pickled) or its error.

    For native code that does not poll Python signals (AEON's symbolic control): this process
    only waits for the answer, so a timeout's alarm or Ctrl-C stops the wait at once, and the
    child is killed (`reaped`). Where fork is unavailable the call runs in this process.
    """
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return func(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_answer, args=(send, func, args), daemon=True)
    with reaped():
        child.start()
        send.close()
        try:
            ok, value = receive.recv()
        except EOFError:
            child.join()
            raise ChildProcessError(f"the child process running {func.__name__} ended without "
                                    f"an answer (exit code {child.exitcode})") from None
        finally:
            receive.close()
    child.join()
    if not ok:
        raise value
    return value


def _answer(send, func, args) -> None:
    """The child's side of `in_child`."""
    try:
        answer = (True, func(*args))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        answer = (False, error)
    send.send(answer)
    send.close()
