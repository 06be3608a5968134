"""biodivine-aeon, in-process: networks, symbolic graphs, percolation, the guarded attractor
search and deadlines. The asynchronous questions themselves go through `asynchronous.py`
(percolation, one cache, the engine portfolio); see docs/semantics.md, "Engines".
"""

from __future__ import annotations

import functools
import inspect
import logging
import signal
import threading
from contextlib import contextmanager

import biodivine_aeon as ba

from .. import expr as E
from ..errors import LimitExceededError, TimeoutExceeded

ba.LOG_LEVEL = ba.LOG_NOTHING
# AEON's Rust algorithms log progress at INFO through Python logging; keep them quiet.
logging.getLogger("biodivine_algo_bdd_scc").setLevel(logging.WARNING)

MAX_SYMBOLIC_SIZE = 5_000_000
"""Largest BDD (in nodes) the symbolic attractor search may build before it stops early."""


def _function(e: E.Expr, bn: ba.BooleanNetwork) -> ba.UpdateFunction:
    if isinstance(e, E.Var):
        return ba.UpdateFunction.mk_var(bn, e.name)
    if isinstance(e, E.Const):
        return ba.UpdateFunction.mk_const(bn, e.value)
    if isinstance(e, E.Not):
        return ba.UpdateFunction.mk_not(_function(e.arg, bn))
    make = ba.UpdateFunction.mk_conjunction if isinstance(e, E.And) else \
        ba.UpdateFunction.mk_disjunction
    return make(bn, [_function(a, bn) for a in e.args])


def network(rules) -> ba.BooleanNetwork:
    """AEON's network of `rules` (node -> expression tree), built through AEON's API rather
    than its `.bnet` reader, so that every name boolmtor reads (`IL-6`, `Bcl.2`) works."""
    rg = ba.RegulatoryGraph(sorted(rules))  # name order, as AEON's and biobalm's readers
    for target, e in rules.items():
        for source in sorted(E.variables(e)):
            rg.add_regulation({"source": source, "target": target, "sign": None,
                               "essential": False})
    bn = ba.BooleanNetwork(rg)
    for target, e in rules.items():
        bn.set_update_function(target, _function(e, bn))
    return bn.infer_valid_graph()


def network_from_text(bnet: str) -> ba.BooleanNetwork:
    """AEON's network of `.bnet` text written by boolmtor (parsed by boolmtor's parser)."""
    from ..parser import parse_rules
    return network({r.node: r.expr for r in parse_rules(bnet)})


def graph(model) -> ba.AsynchronousGraph:
    """AEON's symbolic asynchronous state-transition graph of `model`."""
    return ba.AsynchronousGraph(network({n: model.rule(n) for n in model.nodes}))


# ---------------------------------------------------------------------------- guarded calls
_deadline = threading.local()


@contextmanager
def deadline(seconds: float | None):
    """Raise `TimeoutExceeded` in AEON calls made inside the block after `seconds`.

    AEON's algorithms poll Python signals, so an alarm interrupts them; alarms work in the main
    thread only (elsewhere the deadline is checked between calls by the callers).
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    if seconds <= 0:
        raise TimeoutExceeded(f"timeout of {seconds} s reached before the computation started")
    fired = []
    message = (f"stopped after the timeout of {seconds:g} s; raise timeout= (--timeout), or use "
               "update='most-permissive' or 'fixed-points'")
    from .._children import kill_since, now
    since = now()
    quiet = logging.getLogger("pyboolnet")

    def on_alarm(signum, frame):
        fired.append(True)
        quiet.disabled = True  # pyboolnet logs its whole input when a call of it is stopped
        raise TimeoutExceeded(message)

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except BaseException:
        if not fired:
            raise
        kill_since(since)  # engine processes (pyboolnet's BNetToPrime, clasp) would run on
        # AEON turns the handler's exception into KeyboardInterrupt, pyboolnet into Exception
        raise TimeoutExceeded(message) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        quiet.disabled = False


def with_timeout(func):
    """`func` with a keyword `timeout=` (seconds): past it, `TimeoutExceeded` (see `deadline`)."""

    @functools.wraps(func)
    def wrapper(*args, timeout: float | None = None, **kwargs):
        if timeout is None:
            return func(*args, **kwargs)
        with deadline(timeout):
            return func(*args, **kwargs)

    sig = inspect.signature(func)
    wrapper.__signature__ = sig.replace(parameters=[*sig.parameters.values(), inspect.Parameter(
        "timeout", inspect.Parameter.KEYWORD_ONLY, default=None, annotation="float | None")])
    wrapper.__doc__ = (func.__doc__ or "") + (
        "\n\n    timeout : seconds (keyword); past it a `TimeoutExceeded` error is raised.\n")
    return wrapper


def search(config_graph: ba.AsynchronousGraph, initial=None,
            max_symbolic_size: int | None = None) -> list[ba.ColoredVertexSet]:
    limit = MAX_SYMBOLIC_SIZE if max_symbolic_size is None else max_symbolic_size
    config = ba.AttractorConfig(graph=config_graph, max_symbolic_size=int(limit))
    n = config_graph.network_variable_count()
    try:
        return ba.Attractors.attractors(config, initial)
    except InterruptedError:
        raise LimitExceededError(
            f"asynchronous attractors: the symbolic search of {n} free nodes exceeded "
            f"{limit:,} BDD nodes; use update='most-permissive' or 'fixed-points', fix more "
            "nodes (an environment), or raise max_symbolic_size") from None


# ---------------------------------------------------------------------------- percolation
class Reducer:
    """A network's graph and update functions, to percolate many fixed-node sets cheaply.

    Percolating the *unperturbed* network from a subspace equals percolating the perturbed one:
    fixed nodes keep their values, and the free nodes' functions are the same in both.
    """

    def __init__(self, model):
        self.graph = graph(model)
        self.ctx = self.graph.symbolic_context()
        self.names = list(self.graph.network_variable_names())
        self.functions = {n: self.graph.mk_update_function(n) for n in self.names}
        self.bdd_var = {n: self.ctx.find_network_bdd_variable(n) for n in self.names}
        self.var_names = self.ctx.bdd_variable_set().variable_names()
        self.name_of = {self.graph.find_network_variable(n): n for n in self.names}

    def percolate(self, fixed: dict[str, int]) -> dict[str, int]:
        """The subspace `fixed` percolates to: every node forced to a constant, by name."""
        space = ba.Percolation.percolate_subspace(
            self.graph, {n: bool(v) for n, v in fixed.items()})
        return {self.name_of[k]: int(v) for k, v in space.items()}

    def reduced_bnet(self, space: dict[str, int], keep=None) -> str:
        """The canonical `.bnet` of the nodes `space` leaves free (functions restricted); with
        `keep`, of those free nodes only (a set that holds the free regulators of its nodes)."""
        restrict = {self.bdd_var[n]: bool(v) for n, v in space.items()}
        lines = []
        for n in self.names:
            if n in space or (keep is not None and n not in keep):
                continue
            f = self.functions[n].r_restrict(restrict)
            lines.append(f"{n}, {_bnet_expression(f, self.var_names)}\n")
        return "".join(lines)


def _bnet_expression(bdd: ba.Bdd, names: list[str]) -> str:
    """A BDD as a `.bnet` DNF (deterministic for a given BDD, hence canonical)."""
    if bdd.is_true():
        return "1"
    if bdd.is_false():
        return "0"
    terms = []
    for clause in bdd.to_dnf():
        lits = sorted(("" if v else "!", names[int(k)]) for k, v in clause.to_dict().items())
        terms.append(" & ".join(sign + name for sign, name in sorted(lits, key=lambda x: x[1])))
    return " | ".join(f"({t})" if " & " in t and len(terms) > 1 else t for t in terms)
