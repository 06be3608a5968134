"""Writing files so that an interruption never leaves half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write a file through a temporary sibling and `os.replace`, never leaving half of it."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode() if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes it private; an output file is not
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def umask() -> int:
    """The process umask, read without changing it (`os.umask` would set it, racing with other
    threads), so that files and report folders get the permissions a plain `open` gives."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/self/status") as fh:  # Linux
            return int(next(line for line in fh if line.startswith("Umask:")).split()[1], 8)
    with tempfile.TemporaryDirectory() as tmp:  # elsewhere: the mode a new folder gets
        probe = os.path.join(tmp, "probe")
        os.mkdir(probe, 0o777)
        return 0o777 & ~os.stat(probe).st_mode
