"""`simulate`: stochastic (continuous-time asynchronous) trajectories with MaBoSS.

Each node flips at its rate (manifest `[rates]`, default 1 up and 1 down) while its rule
disagrees with its value; MaBoSS (the `cmaboss` engine) samples `sample_count` trajectories
from the initial distribution and reports, per time window of `time_tick`, the probability of
each node being 1. See docs/semantics.md, "Stochastic simulation".

Examples
--------
>>> import boolmtor as bm
>>> m = bm.Model.from_text("A, A\\nB, A")
>>> sim = bm.simulate(m, environment={"A": 1}, max_time=20, sample_count=200)
>>> sim.final["B"]
1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from .types import FrozenMap

from .errors import BoolmtorError
from .exchange.maboss import to_bnd, to_cfg
from .model import Model, Perturbation
from .results import level_mean

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_MAX_TIME = 50.0
"""Simulated time (in units of 1/rate); with rates 1 the curated model settles by t ~ 20."""

DEFAULT_SAMPLES = 10_000
"""Trajectories per simulation: a probability's standard error is at most 0.005."""


@dataclass(frozen=True, eq=False)
class Simulation:
    """MaBoSS probabilities of one condition.

    `probabilities` is a pandas DataFrame: one row per time window (index: its start time),
    one column per reported node, P(node = 1) averaged over the window. `final` is its last
    row; `states` maps each final state, written as one 0/1 character per node of `nodes`,
    to its probability in the last window. `levels` maps each multi-level node reported to its
    level nodes (all reported too); `score(node)` averages their final probabilities.
    """

    nodes: tuple[str, ...]
    probabilities: pd.DataFrame
    states: Mapping[str, float]
    environment: str | None
    perturbation: str
    max_time: float
    time_tick: float
    sample_count: int
    seed: int
    rates: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    levels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "states", FrozenMap(dict(self.states)))
        object.__setattr__(self, "rates", FrozenMap(dict(self.rates)))
        object.__setattr__(self, "levels", FrozenMap(dict(self.levels)))

    def score(self, node: str) -> float:
        """Final score of a reported node: P(on), or for a multi-level node the mean final
        probability of its level nodes (its mean level / max level)."""
        if node not in self.nodes:
            raise BoolmtorError(f"{node} is not a reported node of this simulation")
        return level_mean(self.final.__getitem__, self.levels, node)

    @property
    def final(self) -> Mapping[str, float]:
        """P(node = 1) in the last time window, per reported node."""
        last = self.probabilities.iloc[-1]
        return FrozenMap({n: float(last[n]) for n in self.nodes})

    @property
    def standard_error(self) -> float:
        """Upper bound of the standard error of a probability: 0.5 / sqrt(sample_count)."""
        return 0.5 / math.sqrt(self.sample_count)

    def state_probability(self, state: Mapping[str, int]) -> float:
        """Final probability of the states that agree with `state` on the nodes it names."""
        idx = {n: i for i, n in enumerate(self.nodes)}
        for n in state:
            if n not in idx:
                raise BoolmtorError(f"{n} is not a reported node of this simulation")
        return sum(p for s, p in self.states.items()
                   if all(s[idx[n]] == str(int(v)) for n, v in state.items()))

    def to_dict(self) -> dict:
        return {"nodes": list(self.nodes), "environment": self.environment,
                "perturbation": self.perturbation, "max_time": self.max_time,
                "time_tick": self.time_tick, "sample_count": self.sample_count,
                "seed": self.seed, "final": dict(self.final), "states": dict(self.states),
                "levels": {n: list(ls) for n, ls in self.levels.items()},
                "times": [float(t) for t in self.probabilities.index],
                "probabilities": {n: [float(x) for x in self.probabilities[n]]
                                  for n in self.nodes}}

    def __str__(self) -> str:
        width = max((len(n) for n in self.nodes), default=4)
        rows = [f"MaBoSS simulation ({self.environment or 'inputs free'}; {self.perturbation}; "
                f"t = {self.max_time:g}, {self.sample_count} trajectories, seed {self.seed})"]
        rows += [f"  {n:<{width}}  P(on) = {p:.3f}" for n, p in self.final.items()]
        rows += [f"  {n:<{width}}  score = {self.score(n):.3f} (mean level / "
                 f"{len(self.levels[n])})" for n in self.levels]
        return "\n".join(rows)


def _engine(n_nodes: int):
    import cmaboss

    for limit, name in ((64, "cmaboss"), (128, "cmaboss_128n"), (256, "cmaboss_256n"),
                        (512, "cmaboss_512n"), (1024, "cmaboss_1024n")):
        if n_nodes <= limit:
            return cmaboss if name == "cmaboss" else __import__(name)
    raise BoolmtorError(f"MaBoSS simulates at most 1024 nodes (the model has {n_nodes})")


def _check(max_time, time_tick, sample_count, seed) -> None:
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**31:
        raise BoolmtorError(f"seed must be an integer in [0, 2**31) (got {seed!r})")
    if not isinstance(sample_count, int) or isinstance(sample_count, bool) or sample_count < 1:
        raise BoolmtorError(f"sample_count must be a positive integer (got {sample_count!r})")
    for name, v in (("max_time", max_time), ("time_tick", time_tick)):
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 < v < math.inf:
            raise BoolmtorError(f"{name} must be a positive number (got {v!r})")
    if time_tick > max_time:
        raise BoolmtorError(f"time_tick ({time_tick}) must not exceed max_time ({max_time})")


def run(fixed: Model, outputs: Sequence[str], *, initial: Mapping[str, float] | None = None,
        joint_initial: Sequence[tuple[float, Mapping[str, int]]] | None = None,
        max_time: float = DEFAULT_MAX_TIME, time_tick: float = 1.0,
        sample_count: int = DEFAULT_SAMPLES, seed: int = 0):
    """MaBoSS on an already fixed model: (node probabilities DataFrame, final states)."""
    import pandas as pd

    _check(max_time, time_tick, sample_count, seed)
    engine = _engine(len(fixed.nodes))
    cfg = to_cfg(fixed, outputs=outputs, initial=initial, joint_initial=joint_initial,
                 max_time=max_time, time_tick=time_tick, sample_count=sample_count, seed=seed)
    try:
        sim = engine.MaBoSSSim(network_str=to_bnd(fixed), config_str=cfg)
        result = sim.run()
    except engine.BNException as exc:
        raise BoolmtorError(f"MaBoSS refused the model: {' '.join(str(exc).split())}") from None
    data, times, names, _ = result.get_nodes_probtraj()
    table = pd.DataFrame(data, index=pd.Index(times, name="time"), columns=names)
    table = table.reindex(columns=list(outputs), fill_value=0.0)  # never-on nodes are absent
    last, _, labels, _ = result.get_last_probtraj()
    states: dict[str, float] = {}
    for label, p in zip(labels, last[0]):
        on = set() if label == "<nil>" else {s.strip() for s in label.split("--")}
        key = "".join("1" if n in on else "0" for n in outputs)
        states[key] = states.get(key, 0.0) + float(p)
    return table, dict(sorted(states.items()))


def simulate(model: Model, environment: str | Mapping[str, int] | None = None,
             perturbation: Perturbation | None = None, *, nodes: Sequence[str] | None = None,
             initial: Mapping[str, float] | None = None,
             max_time: float = DEFAULT_MAX_TIME, time_tick: float = 1.0,
             sample_count: int = DEFAULT_SAMPLES, seed: int = 0) -> Simulation:
    """Readout probabilities over time under `environment` and `perturbation`, by MaBoSS.

    Parameters
    ----------
    environment, perturbation : as for `bm.attractors`; fixed nodes start at their value.
    nodes : the nodes to report (default: the readouts, else every node); a multi-level node
        brings its level nodes along.
    initial : each named node's probability to start at 1 (default 1/2 for every free node:
        the uniform start of the attractor weights).
    max_time, time_tick : simulated time and the width of the windows probabilities are
        averaged over.
    sample_count, seed : trajectories and the seed of MaBoSS's generator (same seed, same
        numbers).
    """
    fixed = model.perturb(perturbation, environment=environment)
    shown = tuple(model._node(n) for n in nodes) if nodes is not None else \
        tuple(model.readouts or model.nodes)
    shown = tuple(model._spread(dict.fromkeys(shown, 0)))  # level nodes after their base
    if not shown:
        raise BoolmtorError("nodes must name at least one node")
    if initial is not None:
        for n in initial:
            model._node(n)
    table, states = run(fixed, shown, initial=initial, max_time=max_time, time_tick=time_tick,
                        sample_count=sample_count, seed=seed)
    env = environment if environment is None or isinstance(environment, str) else \
        ", ".join(f"{k}={v}" for k, v in environment.items())
    from .exchange.maboss import rates
    return Simulation(shown, table, states, env, str(perturbation or Perturbation()),
                      float(max_time), float(time_tick), int(sample_count), int(seed),
                      {n: r for n, r in rates(fixed).items()},
                      {n: ls for n, ls in model.levels.items() if n in shown})


def carry_over(untreated: Model, treated: Model, *, max_time: float = DEFAULT_MAX_TIME,
               time_tick: float = 1.0, sample_count: int = DEFAULT_SAMPLES, seed: int = 0
               ) -> tuple[dict[str, float], dict[str, float]]:
    """Every node's final probability untreated, and treated when started from there.

    The untreated network starts uniformly (fixed nodes at their values); the treated one
    starts from the untreated final state distribution with its own fixed nodes forced (the
    stochastic analogue of `start="untreated"` in `bm.response`).
    """
    before, after, _ = carried(untreated, treated, max_time=max_time, time_tick=time_tick,
                               sample_count=sample_count, seed=seed)
    return before, after


def carried(untreated: Model, treated: Model, *, max_time: float = DEFAULT_MAX_TIME,
            time_tick: float = 1.0, sample_count: int = DEFAULT_SAMPLES, seed: int = 0
            ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """`carry_over`, plus the treated final states (one 0/1 character per node) and their
    probabilities."""
    nodes = untreated.nodes
    before, states = run(untreated, nodes, max_time=max_time, time_tick=time_tick,
                         sample_count=sample_count, seed=seed)
    joint: dict[tuple[int, ...], float] = {}
    for key, p in states.items():
        state = {n: treated.fixed.get(n, int(c)) for n, c in zip(nodes, key)}
        k = tuple(state[n] for n in nodes)
        joint[k] = joint.get(k, 0.0) + p
    total = sum(joint.values())
    start = [(p / total, dict(zip(nodes, k))) for k, p in sorted(joint.items()) if p > 0]
    after, final = run(treated, nodes, joint_initial=start, max_time=max_time,
                       time_tick=time_tick, sample_count=sample_count, seed=seed)
    return ({n: float(before[n].iloc[-1]) for n in nodes},
            {n: float(after[n].iloc[-1]) for n in nodes}, final)


def stochastic_scores(untreated: Model, treated: Model, start: str = "untreated", *,
                      seed: int = 0, sample_count: int = DEFAULT_SAMPLES,
                      max_time: float = DEFAULT_MAX_TIME) -> tuple[dict, dict]:
    """Untreated and treated scores of every node (the scores of a response): final
    probabilities, averaged over the level nodes of a multi-level node.

    start="untreated": the treated run starts from the untreated final states (`carry_over`);
    start="global": both start uniformly.
    """
    probabilities: Sequence[Mapping[str, float]]
    if start == "untreated":
        probabilities = carry_over(untreated, treated, max_time=max_time,
                                   sample_count=sample_count, seed=seed)
    else:
        runs = []
        for fixed in (untreated, treated):
            table, _ = run(fixed, fixed.nodes, max_time=max_time, sample_count=sample_count,
                           seed=seed)
            runs.append({n: float(table[n].iloc[-1]) for n in fixed.nodes})
        probabilities = runs
    # a multi-level node's score: the mean probability of its level nodes (level / max level)
    before, after = ({n: level_mean(p.__getitem__, untreated.levels, n) for n in p}
                     for p in probabilities)
    return before, after
