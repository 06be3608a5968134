"""MaBoSS `.bnd` (network with rates) and `.cfg` (rates, initial states, run settings) text.

Each node flips up at rate `$u_NODE` when its rule is 1 and down at `$d_NODE` when it is 0
(continuous-time asynchronous update). Rates come from the manifest's `[rates]` table, default
1 (docs/semantics.md, "Stochastic simulation"). Fixed nodes start at their forced value; the
others start at 0 or 1 with probability 1/2 each, unless `initial` says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .. import expr as E
from ..errors import BoolmtorError
from ..model import Model

DEFAULT_RATE = 1.0
"""Up and down rate of every node the manifest's `[rates]` table does not name."""

RESERVED = frozenset({"Node", "node", "logic", "rate_up", "rate_down", "NOT", "AND", "OR",
                      "XOR"})
"""Words MaBoSS reads as syntax; a node so named cannot be exported."""


def _logic(e: E.Expr) -> str:
    return E.to_bnet(e)  # MaBoSS reads &, |, !, parentheses, 0 and 1 as BoolNet does


def rates(model: Model) -> dict[str, tuple[float, float]]:
    """(up, down) rate of every node: the manifest's `[rates]`, else 1.0 and 1.0."""
    given = getattr(model.manifest, "rates", {}) or {}
    return {n: tuple(given.get(n, (DEFAULT_RATE, DEFAULT_RATE))) for n in model.nodes}


def to_bnd(model: Model) -> str:
    """The MaBoSS network text: one `Node` block per node, rates as `$u_`/`$d_` parameters."""
    bad = [n for n in model.nodes if n in RESERVED]
    if bad:
        raise BoolmtorError(f"node name {bad[0]!r} is a MaBoSS keyword; rename it to export "
                            "to MaBoSS")
    out = []
    for node in model.nodes:
        out.append(f"Node {node} {{\n  logic = {_logic(model.rule(node))};\n"
                   f"  rate_up = @logic ? $u_{node} : 0;\n"
                   f"  rate_down = @logic ? 0 : $d_{node};\n}}\n")
    return "\n".join(out)


def _istate(model: Model, initial: Mapping[str, float] | None) -> list[str]:
    lines = []
    for node in model.nodes:
        if node in model.fixed:
            p1 = float(model.fixed[node])
        elif initial is not None and node in initial:
            p1 = float(initial[node])
        else:
            p1 = 0.5
        if not 0.0 <= p1 <= 1.0:
            raise BoolmtorError(f"initial probability of {node} must be in [0, 1] (got {p1!r})")
        lines.append(f"[{node}].istate = {1 - p1!r} [0], {p1!r} [1];")
    return lines


def to_cfg(model: Model, *, outputs: Sequence[str] | None = None,
           initial: Mapping[str, float] | None = None, max_time: float = 50.0,
           time_tick: float = 1.0, sample_count: int = 10_000, seed: int = 0,
           joint_initial: Sequence[tuple[float, Mapping[str, int]]] | None = None) -> str:
    """The MaBoSS configuration: rates, initial states, output nodes and run settings.

    `initial` gives each named node's probability to start at 1 (others 1/2, fixed nodes their
    value); `joint_initial` instead lists (probability, full state) pairs. `outputs` are the
    nodes MaBoSS reports (default: the readouts, else every node).
    """
    shown = list(outputs) if outputs is not None else list(model.readouts or model.nodes)
    lines = [f"$u_{n} = {u!r};\n$d_{n} = {d!r};" for n, (u, d) in rates(model).items()]
    if joint_initial is not None:
        nodes = model.nodes
        parts = ", ".join(f"{p!r} [{','.join(str(int(s[n])) for n in nodes)}]"
                          for p, s in joint_initial)
        lines.append(f"[{','.join(nodes)}].istate = {parts};")
    else:
        lines += _istate(model, initial)
    lines += [f"{n}.is_internal = {0 if n in shown else 1};" for n in model.nodes]
    lines += [f"sample_count = {int(sample_count)};", f"max_time = {float(max_time)!r};",
              f"time_tick = {float(time_tick)!r};", "discrete_time = 0;",
              "use_physrandgen = 0;", f"seed_pseudorandom = {int(seed)};", "thread_count = 1;"]
    return "\n".join(lines) + "\n"
