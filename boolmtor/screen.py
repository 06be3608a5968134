"""`screen`: every single or double knockout/overexpression, under drugs, backgrounds and
environments, as one tidy table; fast (percolation + a cache of reduced networks), parallel
(process pool or Dask) and resumable (a checkpoint of finished rows).

See docs/semantics.md, "Screens".

Examples
--------
>>> import boolmtor as bm
>>> m = bm.Model.from_text("A, A\\nB, A & !C\\nC, B")
>>> t = bm.screen(m, order=1, environments=[{"A": 1}])
>>> t[["perturbation", "n_attractors"]].to_string(index=False).split()[:6]
['perturbation', 'n_attractors', 'none', '1', 'B', 'KO']
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ._cache import lru_cache
from ._checkpoint import Checkpoint
from ._engines import aeon, asynchronous
from .errors import BoolmtorError, LimitExceededError, TimeoutExceeded, UnknownNameError
from .model import Model, Perturbation, _names
from .types import check_update

KINDS = ("knockout", "overexpress")
MAX_ROWS = 500_000
"""Largest screen (rows) run without `max_rows=` raised."""

POOL_CHUNK = 16
"""Most rows sent to a worker at once: small, so that an interrupt loses little running work."""

ID_COLUMNS = ("environment", "background", "drug", "perturbation", "knockout", "overexpress")
NO = "none"


class ScreenInterrupted(KeyboardInterrupt):
    """A screen stopped by Ctrl-C or SIGTERM; the message says what was kept and how to resume."""

    def __init__(self, finished: int, total: int, checkpoint: Path | None):
        self.finished, self.total, self.checkpoint = finished, total, checkpoint
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.finished:,} of {self.total:,} rows finished"
        if self.checkpoint is None:
            return head + "; they were not kept: pass --checkpoint FILE (checkpoint=) to keep them"
        return head + f"; they are kept in {self.checkpoint}: rerun the same command to continue"


# ---------------------------------------------------------------------------- tasks
def alterations(model: Model, nodes: Iterable[str] | None, kinds: Sequence[str]
                ) -> list[tuple[str, str]]:
    """(kind, node) pairs: each of `nodes` (default: every non-input node; a multi-level node
    by its base name, which alters all its levels) in each kind."""
    for k in kinds:
        if k not in KINDS:
            raise BoolmtorError(f"kinds must be in {{{', '.join(KINDS)}}} (got {k!r})")
    chosen = ([n for n in model.nodes if n not in model.inputs and n not in model.higher_levels]
              if nodes is None
              else [model._node(n) for n in _names(nodes)])
    return [(k, n) for n in chosen for k in kinds]


def perturbations(model: Model, order: int, nodes=None, kinds: Sequence[str] = KINDS
                  ) -> list[Perturbation]:
    """The unperturbed model, then every set of up to `order` alterations on distinct nodes."""
    if order not in (0, 1, 2):
        raise BoolmtorError(f"order must be in {{0, 1, 2}} (got {order!r})")
    single = alterations(model, nodes, tuple(_names(kinds)))
    out = [Perturbation()]
    for size in range(1, order + 1):
        for combo in itertools.combinations(single, size):
            if len({n for _, n in combo}) < size:
                continue
            out.append(Perturbation(knockout=[n for k, n in combo if k == "knockout"],
                                    overexpress=[n for k, n in combo if k == "overexpress"]))
    return out


def _label(values, known: Mapping | None = None) -> str:
    if values is None:
        return NO
    if isinstance(values, str):
        return values
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _tasks(model, environments, backgrounds, drugs, perts):
    """(row id, fixed nodes) for every row of the screen, in table order."""
    out = []
    for env in environments:
        for bg in backgrounds:
            for drug in drugs:
                base = Perturbation(backgrounds=() if bg is None else (bg,),
                                    drugs=() if drug is None else (drug,))
                for p in perts:
                    fixed = model.resolve(env, base + p)
                    row = (_label(env), bg or NO, drug or NO, str(p) if p else NO,
                           ";".join(p.knockout), ";".join(p.overexpress))
                    out.append((row, fixed))
    return out


# ---------------------------------------------------------------------------- solving
@lru_cache(maxsize=8)
def _reducer(base_bnet: str) -> aeon.Reducer:
    return aeon.Reducer(Model.from_text(base_bnet))


@lru_cache(maxsize=4096)
def _solve_other(update: str, reduced_bnet: str) -> tuple:
    """Attractors of a reduced network under a non-asynchronous scheme (cached)."""
    from .attractors import attractors
    if not reduced_bnet:
        return (({}, {}, 1),)
    m = Model.from_text(reduced_bnet)
    return tuple((dict(a.fixed), dict(a.activities), a.size) for a in attractors(m, update))


def solve_chunk(base_bnet: str, readouts: tuple[tuple[str, ...], ...], update: str,
                fixed_list: Sequence[Mapping[str, int]],
                max_symbolic_size: int | None = None) -> list[tuple]:
    """(n_attractors, n_fixed_points, readout scores) for each set of fixed nodes.

    `readouts` gives each readout's level nodes ((X,) for a Boolean readout): its score is
    their mean activity, i.e. level / max level.

    A pure function of its arguments (it runs in worker processes and on Dask): the base
    network is rebuilt from its `.bnet` once per process and each condition is percolated, its
    free part solved once per distinct reduced network.
    """
    reducer = _reducer(base_bnet)
    out = []
    for fixed in fixed_list:
        space = reducer.percolate(dict(fixed))
        bnet = reducer.reduced_bnet(space)
        if update == "asynchronous":
            found: tuple = asynchronous.solve_reduced(bnet, max_symbolic_size)
        else:
            found = _solve_other(update, bnet)
        # equal weights (docs/semantics.md, "Screens"): mean activity over the attractors
        scores = []
        for level_nodes in readouts if found else ():
            acts = [space[r] if r in space else f.get(r, act.get(r))
                    for f, act, *_ in found for r in level_nodes]
            scores.append(sum(float(a) for a in acts) / len(acts))
        if not found:  # e.g. no fixed point: a score is not defined
            scores = [float("nan")] * len(readouts)
        points = sum(1 for _, act, size, *_ in found if size == 1)
        out.append((len(found), points, tuple(scores)))
    return out


# ---------------------------------------------------------------------------- checkpoint
def _fingerprint(model, update, readouts, tasks) -> str:
    import hashlib
    h = hashlib.sha256(model.to_bnet().encode())
    h.update(json.dumps([update, list(readouts), [list(r) for r, _ in tasks]]).encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------- runners
def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _serial(args, todo, deadline, sink) -> None:
    """Solve the rows one by one in this process (an interrupt loses no finished row)."""
    for task in todo:
        if deadline is not None and time.monotonic() > deadline[0]:
            raise TimeoutExceeded(deadline[1])
        left = None if deadline is None else max(deadline[0] - time.monotonic(), 1e-3)
        with aeon.deadline(left):
            values = solve_chunk(args[0], args[1], args[2], [task[1]], args[3])
        sink([task], values)


def _worker_init() -> None:
    """Pool workers leave Ctrl-C to the parent, which stops them, and die with it (Linux)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):  # a parent killed by SIGKILL cannot stop its workers
        import ctypes
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _stop_pool(pool) -> None:
    """End a process pool now: cancel what has not started and kill the workers."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.kill()
    for proc in procs:
        proc.join(timeout=2)


def _pool(args, chunks, workers, deadline, sink) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # fork where there is one: workers start at once and need no `if __name__ == "__main__"`
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init)
    futures = {pool.submit(solve_chunk, args[0], args[1], args[2], [f for _, f in c], args[3]): c
               for c in chunks}
    delivered = set()
    try:
        pending = set(futures)
        while pending:
            timeout = None if deadline is None else max(deadline[0] - time.monotonic(), 0)
            done, pending = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
            if not done:
                raise TimeoutExceeded(deadline[1])
            for fut in done:
                sink(futures[fut], fut.result())
                delivered.add(fut)
    except BaseException:
        try:  # rows that finished while the run was stopping are kept too
            for fut in futures:
                if (fut not in delivered and fut.done() and not fut.cancelled()
                        and fut.exception() is None):
                    sink(futures[fut], fut.result())
        finally:
            _stop_pool(pool)
        raise
    pool.shutdown()


def _dask(args, chunks, scheduler, deadline, sink) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise BoolmtorError("scheduler= needs Dask: pip install 'boolmtor[dask]'") from None
    own = isinstance(scheduler, str)
    client = Client(scheduler) if own else scheduler
    try:
        bnet = client.scatter(args[0], broadcast=True) if len(chunks) > 1 else args[0]
        futures = [client.submit(solve_chunk, bnet, args[1], args[2], [f for _, f in c],
                                 args[3], pure=False) for c in chunks]
        by_key = {f.key: c for f, c in zip(futures, chunks)}
        delivered = set()
        timeout = None if deadline is None else max(deadline[0] - time.monotonic(), 0)
        try:
            for fut in as_completed(futures, timeout=timeout):
                sink(by_key[fut.key], fut.result())
                delivered.add(fut.key)
        except TimeoutError:
            raise TimeoutExceeded(deadline[1]) from None
        except BaseException:
            for fut in futures:  # rows that finished while the run was stopping are kept too
                if fut.key not in delivered and fut.status == "finished":
                    sink(by_key[fut.key], fut.result())
            raise
        finally:
            client.cancel(futures)
    finally:
        if own:
            client.close()


def _progress(total: int, initial: int, progress: bool | None):
    from tqdm.auto import tqdm
    show = sys.stderr.isatty() if progress is None else progress
    return tqdm(total=total, initial=initial, disable=not show, unit="row", desc="screen")


# ---------------------------------------------------------------------------- public
def screen(model: Model, order: int = 1, kinds: Sequence[str] = KINDS, drugs=(),
           backgrounds=(), environments=None, update: str = "asynchronous", *,
           nodes: Iterable[str] | None = None, workers: int | None = None, scheduler=None,
           checkpoint: str | Path | None = None, progress: bool | None = None,
           timeout: float | None = None, max_rows: int = MAX_ROWS,
           max_symbolic_size: int | None = None):
    """A perturbation screen: a pandas DataFrame, one row per (environment, background, drug,
    perturbation).

    Parameters
    ----------
    order : 0 (unperturbed only), 1 (every single alteration) or 2 (also every pair of
        alterations on two different nodes). The unperturbed row ("none") is always included.
    kinds : "knockout" (fix to 0) and/or "overexpress" (fix to 1).
    drugs, backgrounds : names from the manifest; each is a condition of its own, besides the
        untreated / wild-type one ("none").
    environments : names or dicts of input values; default the manifest's tumour environments,
        else all its environments, else inputs free.
    update : "asynchronous" (exact, default), "synchronous", "most-permissive" or
        "fixed-points".
    nodes : the nodes to alter (default: every non-input node).
    workers : run on a local pool of this many processes (even 1: this process then stays
        free to answer Ctrl-C at once, where an engine search in it answers only when the
        engine next checks for signals).
    scheduler : a Dask scheduler address ("tcp://host:port") or a `distributed.Client`.
    checkpoint : a file of finished rows; a rerun with the same arguments continues from it.
    progress : show a progress bar (default: only when stderr is a terminal).
    timeout : seconds; past it a `TimeoutExceeded` is raised (finished rows stay in the
        checkpoint).
    max_rows : past this many rows a `LimitExceededError` is raised before any work.

    Columns: environment, background, drug, perturbation, knockout, overexpress,
    n_attractors, n_fixed_points, then one column per readout: its score (mean activity, or
    level / max level for a multi-level readout, over the attractors, all weighing the same).
    """
    import pandas as pd

    from .response import _environments

    check_update(update)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                or workers < 1):
        raise BoolmtorError(f"workers must be a positive integer (got {workers!r})")
    if timeout is not None and (isinstance(timeout, bool) or not timeout > 0):
        raise BoolmtorError(f"timeout must be a positive number of seconds (got {timeout!r})")
    if workers is not None and scheduler is not None:
        raise BoolmtorError("give workers= or scheduler=, not both")
    perts = perturbations(model, order, nodes, kinds)
    envs = _environments(model, environments)
    drug_names = tuple(model.drug(d).name for d in _names(drugs))
    for b in _names(backgrounds):
        if b not in model.backgrounds:
            raise UnknownNameError("background", b, model.backgrounds)
    bgs, dgs = (None, *_names(backgrounds)), (None, *drug_names)
    rows = len(envs) * len(bgs) * len(dgs) * len(perts)
    if rows > max_rows:
        raise LimitExceededError(
            f"this screen has {rows:,} rows, more than max_rows={max_rows:,}; screen fewer "
            "nodes (nodes=), use order=1, fewer drugs or environments, or raise max_rows")
    tasks = _tasks(model, envs, bgs, dgs, perts)
    readouts = tuple(model.readouts)
    readout_levels = tuple(model.levels.get(r, (r,)) for r in readouts)
    fingerprint = _fingerprint(model, update, readout_levels, tasks)
    log = None if checkpoint is None else Checkpoint(checkpoint, fingerprint)
    path = None if log is None else log.path
    done = {} if log is None else dict(log.rows)
    todo = [t for t in tasks if t[0] not in done]
    deadline = None if timeout is None else (
        time.monotonic() + timeout,
        f"screen stopped after the timeout of {timeout:g} s with {len(todo)} rows to go"
        + (f"; rerun to continue from {path}" if path else "; pass checkpoint= to keep "
           "finished rows") + ", raise timeout=, or use update='most-permissive'")
    workers_n = workers or 1
    size = max(1, min(POOL_CHUNK, -(-len(todo) // (8 * workers_n))))
    args = (model.to_bnet(), readout_levels, update, max_symbolic_size)
    bar = _progress(len(tasks), len(tasks) - len(todo), progress)

    def sink(chunk, values) -> None:
        ids = [i for i, _ in chunk]
        if log is not None:
            log.write(ids, values)
        done.update({i: [v[0], v[1], list(v[2])] for i, v in zip(ids, values)})
        bar.update(len(chunk))

    try:
        if scheduler is not None:
            _dask(args, _chunks(todo, size), scheduler, deadline, sink)
        elif workers is not None:
            _pool(args, _chunks(todo, size), workers, deadline, sink)
        else:
            _serial(args, todo, deadline, sink)
    except KeyboardInterrupt:
        raise ScreenInterrupted(len(done), len(tasks), path) from None
    finally:
        bar.close()
        if log is not None:
            log.close()
    table = []
    for row, _ in tasks:
        n, points, scores = done[row]
        table.append((*row, int(n), int(points), *(float(s) for s in scores)))
    df = pd.DataFrame(table, columns=[*ID_COLUMNS, "n_attractors", "n_fixed_points",
                                      *readouts])
    df.attrs.update(update=update, model=model.name, version=model.version, order=order)
    return df


def need_pyarrow() -> None:
    """Fail (before any work, in the CLI) when Parquet cannot be written."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise BoolmtorError("writing Parquet needs pyarrow: pip install pyarrow "
                            "(or write .csv)") from None


def save(table, path: str | Path) -> Path:
    """Write a screen table as CSV (`.csv`) or Parquet (`.parquet`, needs pyarrow), atomically."""
    from ._io import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write(path, table.to_csv(index=False))
    elif suffix in (".parquet", ".pq"):
        need_pyarrow()
        import io
        buf = io.BytesIO()
        table.to_parquet(buf, index=False)
        atomic_write(path, buf.getvalue())
    else:
        raise BoolmtorError(f"{path}: the table file must end in .csv or .parquet "
                            f"(got {suffix or 'no suffix'!r})")
    return path
