"""Exact asynchronous attractors: the one path every asynchronous question of boolmtor takes.

`bm.attractors`, weights, responses, markers, validation, screens and control all ask this
module. It

1. percolates the fixed nodes (AEON's `Percolation.percolate_subspace`): nodes forced to a
   constant are constant in every attractor, so only the free part is searched;
2. looks the free part (a canonical `.bnet` text) up in one cache, so networks that reduce to
   the same free part are solved once per process;
3. solves a new free part with a portfolio of two exact engines, biodivine-aeon's symbolic
   search (`Attractors.attractors`, with the BDD size guard `max_symbolic_size`) and
   biobalm's succession diagram (trap spaces, then motif-avoidant attractor checks): AEON
   alone for small free parts or when a size guard is asked for; otherwise both race in two
   child processes and the first exact answer wins (neither is faster on every published
   model: benchmarks/README.md); where no child process can be forked (a daemonic pool
   worker, Windows), biobalm alone. See `choose`.

Each answer carries one state of each attractor (its seed), so that callers needing the
attractor's states in a bigger graph (weights, reachability) get them by forward reachability
from the seed instead of a second attractor search.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import OrderedDict
from multiprocessing.connection import Connection, wait
from typing import NamedTuple, cast

import biodivine_aeon as ba

from .._cache import register
from ..errors import BoolmtorError
from ..results import Attractor
from . import aeon

CACHE_SIZE = 4096
"""Reduced networks whose attractors are remembered (most recently used kept)."""

AEON_MAX_FREE = 12
"""Free parts of at most this many nodes go to AEON: its search is immediate there, while
biobalm pays a fixed set-up (Petri net, ASP solver) of tens of milliseconds."""

BACKENDS = ("auto", "aeon", "biobalm", "race")
"""Engines of `solve_reduced`: "auto" chooses per network (`choose`)."""

_cache: OrderedDict[str, tuple[Found, ...]] = OrderedDict()
stats = {"searches": 0, "cache_hits": 0, "empty": 0, "aeon": 0, "biobalm": 0, "race": 0}
"""Counters: searches run (and by which engine), answers from the cache, networks percolated
away entirely."""


class Found(NamedTuple):
    """One attractor of a reduced network: constant nodes, the others' activities (share of
    the attractor's states where the node is 1), number of states, and one of its states."""

    fixed: dict[str, int]
    activities: dict[str, float]
    size: int
    seed: dict[str, int]


def choose(free: int, max_symbolic_size: int | None) -> str:
    """The engine for a free part of `free` nodes: AEON when small or when a BDD size guard is
    given (the guard is AEON's), else a race, or biobalm where no child process may start."""
    if max_symbolic_size is not None or free <= AEON_MAX_FREE:
        return "aeon"
    can_fork = "fork" in multiprocessing.get_all_start_methods()  # not on Windows
    return "race" if can_fork and not multiprocessing.current_process().daemon else "biobalm"


def _describe(g: ba.AsynchronousGraph, v: ba.VertexSet, names: list[str]) -> Found:
    size = v.cardinality()
    fixed = {k: int(x) for k, x in (v.enclosing_named_subspace() or {}).items()}
    act = {n: v.intersect(g.mk_subspace_vertices({n: True})).cardinality() / size
           for n in names if n not in fixed}
    seed = {k: int(x) for k, x in (v.pick_singleton().enclosing_named_subspace() or {}).items()}
    return Found(fixed, act, size, seed)


def _by_aeon(bn: ba.BooleanNetwork, max_symbolic_size: int | None = None) -> list[Found]:
    g = ba.AsynchronousGraph(bn)
    names = list(g.network_variable_names())
    return [_describe(g, a.vertices(), names) for a in aeon.search(g, None, max_symbolic_size)]


def _is_fixed_point(g: ba.AsynchronousGraph, state: dict[str, int]) -> bool:
    return g.post(g.mk_subspace(state)).is_empty()


def _by_biobalm(bn: ba.BooleanNetwork) -> list[Found]:
    from biobalm import SuccessionDiagram

    sd = SuccessionDiagram(bn)
    sd.build()  # trap-space expansion and one seed state per attractor (motif-avoidant too)
    g = sd.symbolic
    names = list(g.network_variable_names())
    out = []
    for node in sd.expanded_ids():
        seeds = [{k: int(v) for k, v in s.items()}
                 for s in sd.node_attractor_seeds(node, compute=True)]
        if all(_is_fixed_point(g, s) for s in seeds):
            out += [Found(s, {}, 1, s) for s in seeds]
        else:  # complex attractors: their states, by biobalm's reachability inside the node
            out += [_describe(g, v, names) for v in sd.node_attractor_sets(node, compute=True)]
    return out


def _run(engine: str, bnet: str, max_symbolic_size: int | None = None) -> list[Found]:
    bn = aeon.network_from_text(bnet)
    return _by_aeon(bn, max_symbolic_size) if engine == "aeon" else _by_biobalm(bn)


def _child(engine: str, bnet: str, conn) -> None:
    """One racer: its answer, or why it failed, sent through `conn`."""
    if sys.platform.startswith("linux"):  # die with a parent killed by SIGKILL (no orphans)
        import ctypes
        import signal
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    try:
        conn.send((True, _run(engine, bnet)))
    except BaseException as exc:  # the parent reports it if the other racer fails too
        conn.send((False, f"{engine}: {str(exc) or type(exc).__name__}"))


def _race(bnet: str) -> list[Found]:
    """AEON and biobalm in two child processes (fork); the first exact answer wins and the
    other process is killed. Interrupts (a deadline, Ctrl-C) kill both."""
    import biobalm  # noqa: F401  (imported once here, not in every racer)

    ctx = multiprocessing.get_context("fork")
    racers = {}
    try:
        for engine in ("aeon", "biobalm"):
            recv, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(engine, bnet, send), daemon=True)
            proc.start()
            send.close()
            racers[recv] = proc
        errors = []
        pending = list(racers)
        while pending:
            for ready in wait(pending):
                conn = cast(Connection, ready)
                pending.remove(conn)
                try:
                    ok, value = conn.recv()
                except EOFError:  # killed, e.g. out of memory
                    ok, value = False, f"a racer ended with code {racers[conn].exitcode}"
                if ok:
                    return value
                errors.append(value)
        raise BoolmtorError("asynchronous attractors: both engines failed (" +
                            "; ".join(errors) + ")")
    finally:
        for conn, proc in racers.items():
            if proc.is_alive():
                proc.kill()
            proc.join()
            conn.close()


def solve_reduced(bnet: str, max_symbolic_size: int | None = None,
                  backend: str = "auto") -> tuple[Found, ...]:
    """Attractors of a reduced network (`.bnet` text of its free nodes), cached by the text."""
    if backend not in BACKENDS:
        raise BoolmtorError(f"backend must be one of {', '.join(BACKENDS)} (got {backend!r})")
    if not bnet:
        stats["empty"] += 1
        return (Found({}, {}, 1, {}),)
    hit = _cache.get(bnet)
    if hit is not None:  # an exact answer, whichever engine and guard found it
        _cache.move_to_end(bnet)
        stats["cache_hits"] += 1
        return hit
    stats["searches"] += 1
    if backend == "auto":
        backend = choose(bnet.count("\n"), max_symbolic_size)
    stats[backend] += 1
    result = tuple(_race(bnet) if backend == "race" else
                   _run(backend, bnet, max_symbolic_size))
    _cache[bnet] = result
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return result


def lift(found: tuple[Found, ...], space: dict[str, int], model, update: str = "asynchronous"
         ) -> list[Attractor]:
    """Reduced-network attractors as attractors of the full model (percolated nodes fixed);
    `found` holds (fixed, activities, size, ...) tuples, of any update scheme."""
    return [Attractor({**space, **fixed}, frozenset(act), size, update, model.readouts, act,
                      levels=model.levels) for fixed, act, size, *_ in found]


@register
def clear_cache() -> None:
    """Forget the reduced networks solved so far and reset the counters."""
    _cache.clear()
    stats.update({k: 0 for k in stats})


def solve(model, max_symbolic_size: int | None = None, backend: str = "auto"
          ) -> list[tuple[Attractor, dict[str, int]]]:
    """Every asynchronous attractor of `model` (its fixed nodes held), each with a seed state."""
    reducer = aeon.Reducer(model)
    space = reducer.percolate(dict(model.fixed))
    found = solve_reduced(reducer.reduced_bnet(space), max_symbolic_size, backend)
    return list(zip(lift(found, space, model), ({**space, **f.seed} for f in found)))


def attractors(model, initial: dict | None = None, *, max_symbolic_size: int | None = None,
               timeout: float | None = None, backend: str = "auto") -> list[Attractor]:
    """Every asynchronous attractor, or those reachable from the subspace `initial`."""
    with aeon.deadline(timeout):
        if initial is None:
            return [a for a, _ in solve(model, max_symbolic_size, backend)]
        g = aeon.graph(model)
        region = ba.Reachability.reach_fwd(g, g.mk_subspace(initial)).to_bdd()
        return [a for a, states in located(model, g, max_symbolic_size)
                if not states.l_and(region).is_false()]


def located(model, g: ba.AsynchronousGraph, max_symbolic_size: int | None = None
            ) -> list[tuple[Attractor, ba.Bdd]]:
    """Every attractor of `model` with its set of states in `g` (the model's AEON graph)."""
    out = []
    for att, seed in solve(model, max_symbolic_size):
        states = g.mk_subspace(seed)
        if att.size > 1:  # the forward closure of a state of an attractor is the attractor
            states = ba.Reachability.reach_fwd(g, states)
        out.append((att, states.to_bdd()))
    return out
