"""A screen's checkpoint: a header naming the run, then one JSON line per finished row.

Opened and checked before any work: a file of another run, a damaged or binary file is refused
with one line. The open file is locked (`flock`), so a second process given the same checkpoint
stops with a clear message instead of interleaving rows; the lock dies with its process, so a
killed run leaves no stale lock. A last line cut by a kill is dropped (and its row recomputed).
Each row is flushed to the operating system as it is written, so a killed process loses no
finished row; `fsync` runs at most every `SYNC_SECONDS` and on close.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .errors import BoolmtorError

KEY = "boolmtor_screen"
SYNC_SECONDS = 1.0


class Checkpoint:
    """The finished rows of one screen (`rows`: id -> value), appended as they come."""

    def __init__(self, path: str | Path, fingerprint: str):
        self.path = Path(path)
        self.rows: dict[tuple, list] = {}
        if self.path.is_dir():
            raise BoolmtorError(f"{path} is a folder; give the checkpoint a file name")
        try:
            self.fh = open(self.path, "a+b")  # noqa: SIM115 - closed by close()
        except OSError as exc:
            raise BoolmtorError(f"{path}: cannot write the checkpoint "
                                f"({exc.strerror or exc})") from None
        try:
            self._lock()
            self._load(fingerprint)
        except BaseException:
            self.fh.close()
            raise
        self.synced = time.monotonic()

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock
            return
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BoolmtorError(f"{self.path} is in use by another running screen; wait for it "
                                "to finish, or give this one another checkpoint file") from None

    def _load(self, fingerprint: str) -> None:
        self.fh.seek(0)
        data = self.fh.read()
        if not data:
            self._append(json.dumps({KEY: fingerprint}) + "\n")
            self.sync()
            return
        lines = data.split(b"\n")
        try:
            head = json.loads(lines[0].decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            head = None
        if not isinstance(head, dict) or KEY not in head:
            raise BoolmtorError(f"{self.path}: not a boolmtor screen checkpoint; give a new file "
                                "name (a checkpoint is created by the first run)")
        if head[KEY] != fingerprint:
            raise BoolmtorError(f"{self.path}: checkpoint of a different screen (model, update or "
                                "rows differ); delete it or choose another checkpoint file")
        kept = len(lines[0]) + 1
        for number, line in enumerate(lines[1:-1], start=2):  # lines[-1]: after the last "\n"
            try:
                row = json.loads(line.decode("utf-8"))
                key, value = tuple(row["id"]), row["value"]
                n, points, scores = value
                if not (isinstance(n, int) and isinstance(points, int)
                        and isinstance(scores, list)):
                    raise ValueError
            except (UnicodeDecodeError, ValueError, KeyError, TypeError):
                raise BoolmtorError(f"{self.path}:{number}: damaged checkpoint line; delete the "
                                    "file to start over") from None
            self.rows[key] = value
            kept += len(line) + 1
        if kept < len(data):  # a last line cut by a kill: drop it, its row is recomputed
            self.fh.truncate(kept)

    def _append(self, text: str) -> None:
        self.fh.seek(0, os.SEEK_END)
        self.fh.write(text.encode("utf-8"))
        self.fh.flush()

    def write(self, ids, values) -> None:
        """Append finished rows; they survive a kill of this process from now on."""
        self._append("".join(json.dumps({"id": list(i), "value": [v[0], v[1], list(v[2])]})
                             + "\n" for i, v in zip(ids, values)))
        if time.monotonic() - self.synced > SYNC_SECONDS:
            self.sync()

    def sync(self) -> None:
        """Push written rows to the disk (they survive a power cut)."""
        os.fsync(self.fh.fileno())
        self.synced = time.monotonic()

    def close(self) -> None:
        if not self.fh.closed:
            try:
                self.sync()
            finally:
                self.fh.close()
