"""Where the asynchronous random walk ends: absorption probabilities into attractors.

The walk: from a state, pick uniformly one of the nodes whose value would change and flip it;
stop in an attractor. For a start distribution (uniform over a symbolic set, optionally with
some nodes then forced to a value) this module gives the probability of ending in each of a
list of attractors, exactly where it can and else as a seeded Monte-Carlo estimate:

1. every state of the region is split, symbolically (AEON BDDs), into the *strong basin* of
   each attractor (states that can reach that attractor only) and the *overlap* (states that
   can reach several); the start mass in each strong basin is an exact count;
2. if the start has mass in the overlap and the states reachable from there inside the overlap
   are few (`MAX_CHAIN`), the absorption probabilities of that finite Markov chain are solved
   exactly (sparse LU);
3. otherwise start states are sampled uniformly from the overlap and walked (vectorised numpy)
   until they enter a strong basin; the result carries a 95% (Wilson) half-width.

States are numpy uint64 integers: bit j is AEON network variable j.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from typing import Any

import biodivine_aeon as ba
import numpy as np

from .. import expr as E
from ..errors import LimitExceededError

MAX_CHAIN = 2 ** 15
"""Most overlap states for which the Markov chain is solved exactly."""

MAX_BITS = 63
"""States are packed into 64-bit integers; larger models get symbolic (exact) answers only."""

MAX_STEPS = 1_000_000
"""A Monte-Carlo walk that has not reached a strong basin after this many steps is an error."""

Z95 = 1.959963984540054


# ---------------------------------------------------------------------------- BDDs in numpy
class BddTable:
    """A BDD as numpy arrays, to test many packed states for membership at once."""

    def __init__(self, bdd: ba.Bdd, bit_of_var: np.ndarray):
        rows = [r.split(",") for r in bdd.data_string().strip("|").split("|")]
        table = np.array(rows, dtype=np.int64)
        self.var, self.low, self.high = table[:, 0], table[:, 1], table[:, 2]
        self.terminal = len(bit_of_var)
        # bit position of each node's decision variable (terminals: unused, 0)
        var = np.where(self.var >= self.terminal, 0, self.var)
        self.bit = bit_of_var[var].astype(np.uint64)
        self.root = len(table) - 1
        self.bit_of_var = bit_of_var

    def contains(self, states: np.ndarray) -> np.ndarray:
        ptr = np.full(states.shape, self.root, dtype=np.int64)
        for _ in range(self.terminal + 1):
            inner = self.var[ptr] < self.terminal
            if not inner.any():
                break
            p = ptr[inner]
            bit = (states[inner] >> self.bit[p]) & np.uint64(1)
            ptr[inner] = np.where(bit == 1, self.high[p], self.low[p])
        return ptr == 1

    def sample(self, count: int, rng: np.random.Generator) -> np.ndarray:
        """`count` states drawn uniformly from the (non-empty) set."""
        n = self.terminal
        sizes = [0] * len(self.var)  # satisfying assignments of vars var(u)..n-1
        sizes[1] = 1
        level = [int(v) for v in self.var]
        for u in range(2, len(self.var)):
            lo, hi = int(self.low[u]), int(self.high[u])
            sizes[u] = (sizes[lo] << (level[lo] - level[u] - 1)) + \
                       (sizes[hi] << (level[hi] - level[u] - 1))
        p_high = np.zeros(len(self.var))
        for u in range(2, len(self.var)):
            hi = int(self.high[u])
            p_high[u] = (sizes[hi] << (level[hi] - level[u] - 1)) / sizes[u]
        bits = rng.integers(0, 2, size=(count, n), dtype=np.uint64)
        states = np.zeros(count, dtype=np.uint64)
        for j in range(n):
            states |= bits[:, j] << np.uint64(self.bit_of_var[j])
        ptr = np.full(count, self.root, dtype=np.int64)
        for _ in range(n + 1):
            inner = self.var[ptr] < n
            if not inner.any():
                break
            p = ptr[inner]
            up = rng.random(len(p)) < p_high[p]
            mask = np.uint64(1) << self.bit[p]
            s = states[inner] & ~mask
            states[inner] = np.where(up, s | mask, s)
            ptr[inner] = np.where(up, self.high[p], self.low[p])
        return states


def enumerate_states(bdd: ba.Bdd, bit_of_var: np.ndarray) -> np.ndarray:
    """Every state of a (small) set, sorted."""
    parts = []
    n = len(bit_of_var)
    for clause in bdd.clause_iterator():
        fixed = {operator.index(k): v for k, v in clause.to_dict().items()}
        base = sum(1 << int(bit_of_var[k]) for k, v in fixed.items() if v)
        free = [int(bit_of_var[k]) for k in range(n) if k not in fixed]
        combos = np.arange(1 << len(free), dtype=np.uint64)
        states = np.full(len(combos), base, dtype=np.uint64)
        for i, b in enumerate(free):
            states |= ((combos >> np.uint64(i)) & np.uint64(1)) << np.uint64(b)
        parts.append(states)
    if not parts:
        return np.zeros(0, dtype=np.uint64)
    return np.unique(np.concatenate(parts))


# ---------------------------------------------------------------------------- explicit dynamics
def _vector_eval(e: E.Expr, bits: dict[str, np.ndarray], size: int) -> np.ndarray:
    if isinstance(e, E.Var):
        return bits[e.name]
    if isinstance(e, E.Const):
        return np.full(size, e.value, dtype=bool)
    if isinstance(e, E.Not):
        return ~_vector_eval(e.arg, bits, size)
    parts = [_vector_eval(a, bits, size) for a in e.args]
    return np.logical_and.reduce(parts) if isinstance(e, E.And) else np.logical_or.reduce(parts)


class Dynamics:
    """The asynchronous update of a model on packed states, vectorised with numpy."""

    MAX_TABLE = 16

    def __init__(self, model, names: list[str]):
        self.names = names
        self.bit = {n: j for j, n in enumerate(names)}
        self.n = len(names)
        self.rules: list[tuple[str, Any, Any]] = []  # ("table", shifts, table), ("expr", rule, None)
        for node in names:
            rule = model.rule(node)
            regs = sorted(E.variables(rule), key=self.bit.__getitem__)
            if len(regs) <= self.MAX_TABLE:
                combos = np.arange(1 << len(regs), dtype=np.int64)
                bits = {r: ((combos >> i) & 1).astype(bool) for i, r in enumerate(regs)}
                table = np.broadcast_to(_vector_eval(rule, bits, len(combos)), len(combos))
                shifts = np.array([self.bit[r] for r in regs], dtype=np.uint64)
                self.rules.append(("table", shifts, np.ascontiguousarray(table)))
            else:  # pragma: no cover - nodes with more than 16 regulators are rare
                self.rules.append(("expr", rule, None))

    def targets(self, states: np.ndarray) -> np.ndarray:
        """(N, n) bool: the value each node's rule gives in each state."""
        out = np.empty((len(states), self.n), dtype=bool)
        one = np.uint64(1)
        for j, (kind, a, table) in enumerate(self.rules):
            if kind == "table":
                index = np.zeros(len(states), dtype=np.uint64)
                for i, shift in enumerate(a):
                    index |= ((states >> shift) & one) << np.uint64(i)
                out[:, j] = table[index.astype(np.int64)]
            else:  # pragma: no cover
                bits = {n: ((states >> np.uint64(k)) & one).astype(bool)
                        for n, k in self.bit.items()}
                out[:, j] = _vector_eval(a, bits, len(states))
        return out

    def changes(self, states: np.ndarray) -> np.ndarray:
        """(N, n) bool: which nodes would change their value in each state."""
        cur = ((states[:, None] >> np.arange(self.n, dtype=np.uint64)) & np.uint64(1)) == 1
        return cur != self.targets(states)


# ---------------------------------------------------------------------------- the computation
@dataclass
class Start:
    """A start distribution: uniform over the states of `bdd`, then `force` (bit -> 0/1)."""

    bdd: ba.Bdd
    force: dict[int, int] = field(default_factory=dict)


@dataclass
class Outcome:
    """Probabilities of ending in each attractor, their 95% half-widths, and the method."""

    probabilities: np.ndarray
    errors: np.ndarray
    method: str  # "single", "symbolic", "markov-chain", "monte-carlo"


class Absorption:
    """The strong basins and overlap of some attractors inside a forward-closed region."""

    def __init__(self, graph: ba.AsynchronousGraph, dynamics: Dynamics, region: ba.Bdd,
                 attractors: list[ba.Bdd]):
        self.g, self.dyn, self.region, self.attractors = graph, dynamics, region, attractors
        ctx = graph.symbolic_context()
        self.ctx = ctx
        self.bdd_vars = list(ctx.network_bdd_variables())
        self.bit_of_var = np.zeros(ctx.bdd_variable_set().variable_count(), dtype=np.int64)
        for j, v in enumerate(self.bdd_vars):
            self.bit_of_var[operator.index(v)] = j
        self._strong: list[ba.Bdd] | None = None
        self._overlap: ba.Bdd | None = None

    def _split(self) -> tuple[list[ba.Bdd], ba.Bdd]:
        """The strong basins (states that reach one attractor only) and the overlap (cached)."""
        if self._strong is not None and self._overlap is not None:
            return self._strong, self._overlap
        basins = []
        for a in self.attractors:
            reach = ba.Reachability.reach_bwd(self.g, ba.ColoredVertexSet(self.ctx, a))
            basins.append(reach.to_bdd().l_and(self.region))
        strong = []
        for i, b in enumerate(basins):
            s = b
            for j, other in enumerate(basins):
                if j != i:
                    s = s.l_and_not(other)
            strong.append(s)
        overlap = self.region
        for s in strong:
            overlap = overlap.l_and_not(s)
        self._strong, self._overlap = strong, overlap
        return strong, overlap

    def _cofactor(self, bdd: ba.Bdd, force: dict[int, int]) -> ba.Bdd:
        """The states that land in `bdd` once the forced bits are set."""
        if not force:
            return bdd
        return bdd.r_restrict({self.bdd_vars[b]: bool(v) for b, v in force.items()})

    def outcome(self, start: Start, seed: int, samples: int) -> Outcome:
        m = len(self.attractors)
        zeros = np.zeros(m)
        if m == 1:
            return Outcome(np.ones(1), zeros, "single")
        strong, overlap = self._split()
        total = start.bdd.cardinality()
        mass = np.array([start.bdd.l_and(self._cofactor(s, start.force)).cardinality()
                         for s in strong], dtype=object)
        in_overlap = start.bdd.l_and(self._cofactor(overlap, start.force))
        rest = in_overlap.cardinality()
        exact = np.array([float(x / total) for x in mass])  # exact ints, one rounding
        if rest == 0:
            return Outcome(exact, zeros, "symbolic")
        share = rest / total
        if self.dyn.n > MAX_BITS:
            raise LimitExceededError(
                f"weights: {self.dyn.n} nodes are more than {MAX_BITS}, and the attractors' "
                "basins overlap; fix more nodes (an environment) to shrink the problem")
        chain = self._chain_states(in_overlap, start.force)
        if chain is not None:
            starts, counts, states = chain
            p = self._solve(states)
            index = np.searchsorted(states, starts)
            probs = (counts[:, None] * p[index]).sum(axis=0) / counts.sum()
            return Outcome(exact + share * probs, zeros, "markov-chain")
        rng = np.random.default_rng(seed)
        table = BddTable(in_overlap, self.bit_of_var)
        states = self._force(table.sample(samples, rng), start.force)
        hits = np.bincount(self._walk(states, rng), minlength=m)
        p = hits / samples
        half = np.array([_wilson_half_width(h, samples) for h in hits])
        return Outcome(exact + share * p, share * half, "monte-carlo")

    # -- helpers
    def _force(self, states: np.ndarray, force: dict[int, int]) -> np.ndarray:
        for b, v in force.items():
            mask = np.uint64(1) << np.uint64(b)
            states = (states | mask) if v else (states & ~mask)
        return states

    def _chain_states(self, in_overlap: ba.Bdd, force: dict[int, int]):
        """Start states (with multiplicity) and the overlap states reachable from them."""
        if in_overlap.cardinality() > MAX_CHAIN:
            return None
        raw = self._force(enumerate_states(in_overlap, self.bit_of_var), force)
        starts, counts = np.unique(raw, return_counts=True)
        projected = in_overlap
        if force:
            projected = in_overlap.r_exists([self.bdd_vars[b] for b in force]).l_and(
                self.ctx.bdd_variable_set().mk_conjunctive_clause(
                    {self.bdd_vars[b]: bool(v) for b, v in force.items()}))
        reach = ba.Reachability.reach_fwd(self.g, ba.ColoredVertexSet(self.ctx, projected))
        closure = reach.to_bdd().l_and(self._split()[1])
        if closure.cardinality() > MAX_CHAIN:
            return None
        return starts, counts.astype(float), enumerate_states(closure, self.bit_of_var)

    def _solve(self, states: np.ndarray) -> np.ndarray:
        """Exact absorption probabilities (len(states), m) of the chain on `states`."""
        from scipy.sparse import csc_matrix, identity
        from scipy.sparse.linalg import splu

        k, m = len(states), len(self.attractors)
        change = self.dyn.changes(states)
        degree = change.sum(axis=1)
        rows, cols = np.nonzero(change)
        succ = states[rows] ^ (np.uint64(1) << cols.astype(np.uint64))
        prob = 1.0 / degree[rows]
        pos = np.searchsorted(states, succ)
        inside = (pos < k) & (states[np.minimum(pos, k - 1)] == succ)
        q = csc_matrix((prob[inside], (rows[inside], pos[inside])), shape=(k, k))
        rhs = np.zeros((k, m))
        out_rows, out_succ, out_prob = rows[~inside], succ[~inside], prob[~inside]
        for i, label in enumerate(self._label(out_succ)):
            rhs[out_rows[i], label] += out_prob[i]
        lu = splu((identity(k, format="csc") - q).tocsc())
        return lu.solve(rhs)

    def _label(self, states: np.ndarray) -> np.ndarray:
        """Which strong basin each state is in (-1: the overlap)."""
        label = np.full(len(states), -1, dtype=np.int64)
        for i, s in enumerate(self._split()[0]):
            table = BddTable(s, self.bit_of_var)
            open_ = label < 0
            label[open_] = np.where(table.contains(states[open_]), i, -1)
        return label

    def _walk(self, states: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Walk each state until it enters a strong basin; return the basin indices."""
        tables = [BddTable(s, self.bit_of_var) for s in self._split()[0]]
        label = np.full(len(states), -1, dtype=np.int64)
        states = states.copy()
        active = np.arange(len(states))
        for _ in range(MAX_STEPS):
            cur = states[active]
            lab = np.full(len(cur), -1, dtype=np.int64)
            for i, t in enumerate(tables):
                open_ = lab < 0
                lab[open_] = np.where(t.contains(cur[open_]), i, -1)
            done = lab >= 0
            label[active[done]] = lab[done]
            active, cur = active[~done], cur[~done]
            if not len(active):
                return label
            change = self.dyn.changes(cur)
            degree = change.sum(axis=1)
            pick = (rng.random(len(cur)) * degree).astype(np.int64)
            col = np.argmax(np.cumsum(change, axis=1) > pick[:, None], axis=1)
            states[active] = cur ^ (np.uint64(1) << col.astype(np.uint64))
        raise LimitExceededError(f"weights: {len(active)} random walks did not reach an "
                                 f"attractor's strong basin within {MAX_STEPS} steps")


def _wilson_half_width(hits: int, n: int, z: float = Z95) -> float:
    """The larger distance from hits/n to the ends of the Wilson 95% interval."""
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(abs(centre + half - p), abs(p - (centre - half)))
