"""A line on the terminal while a long single search runs: what is computed and for how long.

Symbolic engines hold the interpreter lock while they search, so no thread could draw it: a
small child process does, until the search ends (its pipe closes) or this process dies. After
`HINT_AFTER` seconds it says once how to bound the search. Only when stderr is a terminal.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator

SHOW_AFTER = 1.0
"""Seconds of silence before the line appears (short searches print nothing)."""

HINT_AFTER = 5.0
"""Seconds after which the hint on bounding the search is printed, once."""

_CODE = r"""
import select, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent; it closes our pipe
label, hint, show, hint_after = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
start, shown, hinted, frames = time.monotonic(), False, False, "|/-\\"
while True:
    ready, _, _ = select.select([sys.stdin], [], [], 0.25)
    if ready:
        break
    t = time.monotonic() - start
    if t < show:
        continue
    if hint and not hinted and t >= hint_after:
        sys.stderr.write("\r\x1b[K" + hint + "\n")
        hinted = True
    sys.stderr.write("\r\x1b[K%s %s  %d s" % (frames[int(t * 4) % 4], label, t))
    sys.stderr.flush()
    shown = True
if shown:
    sys.stderr.write("\r\x1b[K")
    sys.stderr.flush()
"""


@contextlib.contextmanager
def ticking(label: str, hint: str = "", enabled: bool | None = None) -> Iterator[None]:
    """Show `label` and the elapsed time on stderr while the block runs (terminal only)."""
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show:
        yield
        return
    proc = subprocess.Popen([sys.executable, "-S", "-c", _CODE, label, hint, str(SHOW_AFTER),
                             str(HINT_AFTER)], stdin=subprocess.PIPE)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()  # type: ignore[union-attr]  # Popen(stdin=PIPE): never None
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        sys.stderr.write("\r\x1b[K")  # the line is gone even if the child could not clear it
        sys.stderr.flush()
