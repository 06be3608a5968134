"""`control`: every minimal set of drugs, or of node knockouts and overexpressions, that puts
every attractor a tumour can reach into a target phenotype.

See docs/semantics.md, "Control".

Examples
--------
>>> import boolmtor as bm
>>> m = bm.Model.from_text("A, A\\nB, A & !C\\nC, !B\\nOUT, B")
>>> r = bm.control(m, {"OUT": 0}, environment={"A": 1}, using="nodes", max_size=1)
>>> [s.label for s in r]
['B KO', 'C OE']
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ._engines import aeon, asynchronous
from .errors import BoolmtorError, TimeoutExceeded, UnknownNameError
from .model import Model, Perturbation, _names
from .response import _environment_label
from .results import Attractor
from .types import Activity, FrozenMap, UPDATE_SCHEMES

USING = ("drugs", "nodes")
STARTS = ("untreated", "global")
METHODS = ("auto", "aeon", "enumerate")
WILD_TYPE = "wild type"
STOCHASTIC_SAMPLES = 2_000
"""MaBoSS trajectories per set in `robust=True` checks (standard error at most 0.011)."""


def meets(goal: Mapping[str, int], values: Mapping[str, Activity]) -> bool:
    """Whether node values (an attractor's constant nodes, a subspace) satisfy the goal."""
    return all(values.get(node) == value for node, value in goal.items())


def goal_class(bnet: str, goal: Mapping[str, int]) -> str:
    """Whether "all", "none" or some ("mixed") asynchronous attractors of a network hold the
    goal constantly, by two symbolic reachability computations instead of the attractors.

    The states that cannot reach a state outside the goal form the largest trap set inside
    it: an attractor holds the goal iff it lies in that set. So no attractor does iff the set
    is empty, and every attractor does iff every state can reach the set.
    """
    import biodivine_aeon as ba

    g = ba.AsynchronousGraph(aeon.network_from_text(bnet))
    every = g.mk_unit_colored_vertices()
    outside = every.minus(g.mk_subspace({n: bool(v) for n, v in goal.items()}))
    inside = every.minus(ba.Reachability.reach_bwd(g, outside))
    if inside.is_empty():
        return "none"
    return "all" if every.minus(ba.Reachability.reach_bwd(g, inside)).is_empty() else "mixed"


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ControlSet:
    """One minimal intervention set and how it fares.

    `elements` are drug names (using="drugs") or "NODE KO" / "NODE OE", in alphabetical
    order, and `classes` the drug class of each (using="drugs"; else empty); `phenotypes` the
    distinct readout values of the attractors it leads to (in the tumours where it works);
    `works_in` the tumours (background labels) where it meets the goal and `share` their share
    of those listed. With robust=True: `most_permissive` (meets the goal under most-permissive
    update), `stochastic` (MaBoSS probability of the goal at the end of the run) and `variants`
    (share of the `# alt:` rule variants where it works); None when not checked.
    """

    elements: tuple[str, ...]
    perturbation: Perturbation
    phenotypes: tuple[Mapping[str, Activity], ...]
    works_in: tuple[str, ...]
    share: float
    most_permissive: bool | None = None
    stochastic: float | None = None
    variants: float | None = None
    classes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.elements)

    @property
    def label(self) -> str:
        return " + ".join(self.elements) or "no intervention"

    @property
    def robustness(self) -> float:
        """Mean of the checks made: share of tumours, of variants, most-permissive (0/1) and
        the stochastic probability."""
        checks = [self.share, self.variants, self.most_permissive, self.stochastic]
        known = [float(c) for c in checks if c is not None]
        return sum(known) / len(known)

    def to_dict(self) -> dict:
        return {"elements": list(self.elements), "classes": list(self.classes),
                "size": self.size,
                "perturbation": self.perturbation.to_dict(),
                "phenotypes": [dict(p) for p in self.phenotypes],
                "works_in": list(self.works_in), "share": self.share,
                "most_permissive": self.most_permissive, "stochastic": self.stochastic,
                "variants": self.variants, "robustness": self.robustness}


def _phenotype_text(phenotypes) -> str:
    return " | ".join(" ".join(f"{k}={v}" for k, v in p.items()) for p in phenotypes) or "-"


@dataclass(frozen=True)
class Control:
    """The minimal intervention sets of one control question, ranked by size then robustness.

    `note` is a sentence when no set was found within `max_size`, or when the untreated tumour
    already meets the goal (then the only minimal set is the empty one).
    """

    goal: Mapping[str, int]
    using: str
    environment: str | None
    tumours: tuple[str, ...]
    start: str
    update: str
    max_size: int
    method: str
    sets: tuple[ControlSet, ...]
    note: str = ""
    stats: Mapping[str, int] = field(default_factory=lambda: FrozenMap({}))

    def __post_init__(self):
        object.__setattr__(self, "goal", FrozenMap(dict(self.goal)))
        object.__setattr__(self, "stats", FrozenMap(dict(self.stats)))

    def __iter__(self):
        return iter(self.sets)

    def __len__(self) -> int:
        return len(self.sets)

    @property
    def in_all(self) -> tuple[ControlSet, ...]:
        """The sets that meet the goal in every listed tumour."""
        return tuple(s for s in self.sets if s.share == 1.0)

    def table(self):
        """The sets as a pandas DataFrame, one row per set, in rank order."""
        import pandas as pd

        rows = [{"set": s.label, "classes": " + ".join(s.classes), "size": s.size,
                 "robustness": s.robustness, "share": s.share,
                 "works_in": "; ".join(s.works_in), "most_permissive": s.most_permissive,
                 "stochastic": s.stochastic, "variants": s.variants,
                 "phenotype": _phenotype_text(s.phenotypes)} for s in self.sets]
        return pd.DataFrame(rows, columns=["set", "classes", "size", "robustness", "share",
                                           "works_in",
                                           "most_permissive", "stochastic", "variants",
                                           "phenotype"])

    def to_dict(self) -> dict:
        return {"goal": dict(self.goal), "using": self.using, "environment": self.environment,
                "tumours": list(self.tumours), "start": self.start, "update": self.update,
                "max_size": self.max_size, "method": self.method, "note": self.note,
                "stats": dict(self.stats), "sets": [s.to_dict() for s in self.sets]}

    def __str__(self) -> str:
        goal = ", ".join(f"{k}={v}" for k, v in self.goal.items())
        head = (f"Control of {goal} with {self.using} (at most {self.max_size}) in "
                f"{' | '.join(self.tumours)}, {self.environment or 'inputs free'} "
                f"({self.update} update, start={self.start}): {len(self.sets)} minimal set"
                f"{'s' * (len(self.sets) != 1)}")
        rows = [head]
        if self.note:
            rows.append(f"  {self.note}")
        width = max([3, *(len(s.label) for s in self.sets)])
        kinds = {s: " + ".join(s.classes) for s in self.sets}
        kind_width = max([0, *map(len, kinds.values())])
        kind_head = f"{'drug classes':<{kind_width}}  " if kind_width else ""
        several = len(self.tumours) > 1
        if self.sets:
            rows.append(f"  {'set':<{width}}  {kind_head}size  robustness  "
                        f"{'share  ' * several}phenotype reached")
        for s in self.sets:
            share = f"{s.share:5.2f}  " if several else ""
            kind = f"{kinds[s]:<{kind_width}}  " if kind_width else ""
            rows.append(f"  {s.label:<{width}}  {kind}{s.size:4d}  {s.robustness:10.2f}  "
                        f"{share}{_phenotype_text(s.phenotypes)}")
        return "\n".join(rows)


# ---------------------------------------------------------------------------- one tumour
class _Tumour:
    """One tumour (environment + backgrounds): decides whether fixed nodes meet the goal.

    A decision takes the cheapest exact step that settles it: percolation of the fixed nodes;
    under asynchronous update, two symbolic reachability questions on the part of the
    percolated network the goal depends on (cached by that part); and only when some but not
    all attractors meet the goal (start="untreated"), the attractors reachable from the
    untreated attractors. docs/semantics.md, "Control", says why each step is exact.
    """

    def __init__(self, model: Model, environment, backgrounds: tuple[str, ...],
                 goal: Mapping[str, int], start: str, update: str):
        from .screen import _reducer
        self.model, self.environment, self.backgrounds = model, environment, backgrounds
        self.goal, self.start, self.update = goal, start, update
        self.untreated = model.perturb(Perturbation(backgrounds=backgrounds),
                                       environment=environment)
        self.label = " + ".join(backgrounds) or WILD_TYPE
        self.reducer = _reducer(model.to_bnet())
        self.regulators = {n: tuple(model.graph.predecessors(n)) for n in model.nodes}
        self.verdicts: dict[frozenset, bool] = {}
        self.classes: dict[tuple, str] = {}
        self.stats = {"percolation": 0, "reduced": 0, "cached": 0, "reachability": 0}

    def fixed(self, p: Perturbation) -> dict[str, int] | None:
        """The nodes fixed under `p`, or None when `p` contradicts itself (two drugs forcing a
        node to different values, a knockout and an overexpression of one node)."""
        try:
            values = self.model.resolve(self.environment,
                                        Perturbation(backgrounds=self.backgrounds) + p)
        except BoolmtorError:
            return None
        return {**self.model.fixed, **values}

    def effect(self, p: Perturbation) -> dict[str, int]:
        """The nodes one element forces on its own (nothing for a drug whose binding site the
        background blocks)."""
        blocked = self.untreated.blocked_sites
        if any(self.model.drug(d).site in blocked for d in p.drugs):
            return {}
        return self.model.resolve(None, p)

    def combined(self, effects: Iterable[Mapping[str, int]]) -> dict[str, int] | None:
        """The nodes fixed by elements of one kind, each given by what it fixes on its own
        (`effect`), over the untreated tumour: their union, or None when two of them force a node to different values."""
        out = dict(self.untreated.fixed)
        changed: dict[str, int] = {}
        for effect in effects:
            for node, value in effect.items():
                if changed.setdefault(node, value) != value:
                    return None
        out.update(changed)
        return out

    def treated(self, p: Perturbation) -> Model:
        return self.model.perturb(Perturbation(backgrounds=self.backgrounds) + p,
                                  environment=self.environment)

    def works(self, fixed: Mapping[str, int]) -> bool:
        key = frozenset(fixed.items())
        if key not in self.verdicts:
            self.verdicts[key] = self._decide(fixed)
        return self.verdicts[key]

    def _solve(self, space: Mapping[str, int]) -> tuple:
        """The attractors of the reduced network `space` leaves free (cached by its text)."""
        bnet = self.reducer.reduced_bnet(dict(space))
        if self.update == "asynchronous":
            return asynchronous.solve_reduced(bnet)
        from .screen import _solve_other
        return _solve_other(self.update, bnet)

    def _part(self, space: Mapping[str, int], nodes: Iterable[str]):
        """The free nodes `nodes` depend on in the percolated network (themselves included,
        a set that holds the free regulators of its nodes) and the fixed values they read."""
        todo = [n for n in nodes if n not in space]
        keep, read = set(todo), set()
        while todo:
            for r in self.regulators[todo.pop()]:
                if r in space:
                    read.add(r)
                elif r not in keep:
                    keep.add(r)
                    todo.append(r)
        return frozenset(keep), frozenset((r, space[r]) for r in read)

    def _class(self, space: Mapping[str, int]) -> str:
        """Whether "all", "none" or only some ("mixed") attractors of the percolated network
        hold the goal, decided on the part of it the goal depends on (cached by that part)."""
        key = self._part(space, self.goal)
        if key in self.classes:
            self.stats["cached"] += 1
            return self.classes[key]
        self.stats["reduced"] += 1
        self.classes[key] = goal_class(self.reducer.reduced_bnet(dict(space), key[0]),
                                       self.goal)
        return self.classes[key]

    def _decide(self, fixed: Mapping[str, int]) -> bool:
        space = self.reducer.percolate(dict(fixed))
        if self.update != "fixed-points" and (all(n in space for n in self.goal) or any(
            space.get(n, v) != v for n, v in self.goal.items())):
            self.stats["percolation"] += 1  # every attractor lies in the percolated space
            return meets(self.goal, space)
        if self.update == "asynchronous":
            found = self._class(space)
            if found != "mixed" or self.start == "global":
                return found == "all"
            self.stats["reachability"] += 1
            return self._reaches_goal(fixed)
        self.stats["reduced"] += 1
        solved = self._solve(space)
        good = [meets(self.goal, {**space, **f}) for f, *_ in solved]
        if all(good) or not any(good) or self.start == "global":
            return bool(good) and all(good)
        self.stats["reachability"] += 1
        return all(meets(self.goal, a.fixed) for a in self._reached(self.model.fix(fixed)))

    def _reaches_goal(self, fixed: Mapping[str, int]) -> bool:
        """Whether every attractor reachable from the untreated attractors, with `fixed`
        forced, holds the goal: every state reachable from there can reach the states that
        never leave the goal (the test of `goal_class`, on the reachable states only)."""
        import biodivine_aeon as ba

        from .weights import _condition

        g = aeon.graph(self.model.fix(fixed))
        ctx = g.symbolic_context()
        states = ctx.bdd_variable_set().mk_false()
        for _, bdd in _condition(self.untreated).everywhere:
            states = states.l_or(bdd)
        var: dict[str, ba.BddVariable] = {}
        for n in fixed:
            found = ctx.find_network_bdd_variable(n)
            assert found is not None  # every fixed node is a network variable
            var[n] = found
        states = states.r_exists(list(var.values())).l_and(
            ctx.bdd_variable_set().mk_conjunctive_clause({var[n]: bool(v)
                                                          for n, v in fixed.items()}))
        reached = ba.Reachability.reach_fwd(g, ba.ColoredVertexSet(ctx, states))
        g = g.restrict(reached)  # no path leaves it: backward steps need no other state
        outside = reached.minus(g.mk_subspace({n: bool(v) for n, v in self.goal.items()}))
        inside = reached.minus(ba.Reachability.reach_bwd(g, outside))
        return reached.minus(ba.Reachability.reach_bwd(g, inside)).is_empty()

    def phenotypes(self, p: Perturbation) -> list[Mapping[str, Activity]]:
        """The distinct readout phenotypes of the attractors the tumour ends in under `p`.

        They are those of the part of the percolated network the readouts depend on (its
        attractors are the projections of the whole network's); when that part has one
        attractor, every reached attractor projects onto it and no reachability is needed.
        """
        treated = self.treated(p)
        space = self.reducer.percolate(dict(treated.fixed))
        readouts = [x for r in self.model.readouts for x in self.model.levels.get(r, (r,))]
        found: tuple = ()
        if self.update == "asynchronous":
            keep, _ = self._part(space, readouts)
            found = asynchronous.solve_reduced(self.reducer.reduced_bnet(space, keep))
        attractors = (asynchronous.lift(found, space, treated)
                      if len(found) == 1 or (found and self.start == "global")
                      else self._reached(treated))
        out: list[Mapping[str, Activity]] = []
        for a in attractors:
            if a.phenotype not in out:
                out.append(a.phenotype)
        return out

    def _reached(self, treated: Model) -> tuple[Attractor, ...]:
        if self.start == "untreated":
            from .weights import reachable
            return reachable(self.untreated, treated)
        space = self.reducer.percolate(dict(treated.fixed))
        return tuple(asynchronous.lift(self._solve(space), space, treated, self.update))


# ---------------------------------------------------------------------------- elements
def _elements(model: Model, using: str, nodes, tumours: list[_Tumour]
              ) -> list[tuple[str, Perturbation]]:
    """(label, perturbation) of every drug, or every knockout and overexpression."""
    if using == "drugs":
        if nodes is not None:
            raise BoolmtorError("nodes= applies to using='nodes' only")
        if not model.drugs:
            raise BoolmtorError("using='drugs' needs drugs in the manifest (model.toml); "
                                "use using='nodes'")
        return [(d, Perturbation(drugs=[d])) for d in model.drugs]
    goal = tumours[0].goal
    in_goal = {b for b, ls in model.levels.items() if set(ls) & set(goal)} | set(goal)
    chosen = ([n for n in model.nodes if n not in model.inputs and n not in in_goal
               and n not in model.higher_levels]  # a base alteration sets all its levels
              if nodes is None else [model._node(n) for n in _names(nodes)])
    env = tumours[0].untreated.applied_environment
    out = []
    for n in chosen:
        if n in env:
            raise BoolmtorError(f"{n} is set by the environment; it cannot be intervened on")
        out += [(f"{n} KO", Perturbation(knockout=[n])), (f"{n} OE", Perturbation(overexpress=[n]))]
    return out


def upstream(model: Model, goal: Iterable[str]) -> frozenset[str]:
    """The goal nodes and every node with a path to one of them in the interaction graph."""
    import networkx as nx

    return frozenset(goal).union(*(nx.ancestors(model.graph, n) for n in goal))


def _useful(model: Model, elements, goal: Mapping[str, int]) -> list[int]:
    """Indices of the elements that fix a node upstream of the goal. A set with any other
    element works iff the set without it does, so it is never minimal (docs/semantics.md,
    "Control")."""
    near = upstream(model, goal)
    return [i for i, (_, p) in enumerate(elements) if set(model.resolve(None, p)) & near]


def _minimal_sets(tumour, elements, max_size: int, useful: list[int]
                  ) -> list[tuple[int, ...]]:
    """Indices (among `useful`) of every minimal working set, by increasing size; a superset
    of a working set is never tested, nor a set that contradicts itself."""
    effects = [tumour.effect(p) for _, p in elements]
    found: set[frozenset[int]] = set()
    for size in range(max_size + 1):
        for combo in itertools.combinations(useful, size):
            if any(frozenset(sub) in found for k in range(size)
                   for sub in itertools.combinations(combo, k)):
                continue
            fixed = tumour.combined(effects[i] for i in combo)
            if fixed is not None and tumour.works(fixed):
                found.add(frozenset(combo))
        if frozenset() in found:  # the untreated tumour already meets the goal
            break
    return sorted((tuple(sorted(s)) for s in found), key=lambda s: (len(s), s))


def phenotype_control(bnet: str, nodes: list[str], goal: Mapping[str, int], max_size: int
                      ) -> list[dict[str, int]]:
    """AEON's permanent phenotype control of a network: the perturbations (node -> value) of
    at most `max_size` of `nodes` after which every attractor lies in the goal."""
    import biodivine_aeon as ba

    graph = ba.AsynchronousPerturbationGraph(
        ba.BooleanNetwork.from_bnet(bnet, repair_graph=True), nodes)
    phenotype = graph.mk_subspace_vertices({n: bool(v) for n, v in goal.items()})
    result = ba.Control.phenotype_permanent(graph, phenotype, size_limit=max_size)
    return [{n: int(v) for n, v in p.perturbed_named_dict().items()}
            for p in result.perturbations()]


def _aeon_sets(tumour: _Tumour, elements, max_size: int, chosen_nodes: list[str]
               ) -> list[tuple[int, ...]]:
    """Minimal node-intervention sets by AEON's symbolic permanent phenotype control
    (start="global": every attractor of the perturbed network), run in a child process that
    a timeout can kill (AEON's control does not poll Python signals)."""
    from ._children import in_child

    untreated = tumour.untreated
    if tumour.works(untreated.fixed):
        return [()]
    found = in_child(phenotype_control, untreated.to_bnet(), chosen_nodes, dict(tumour.goal),
                     max_size)
    index = {(p.knockout or p.overexpress)[0] + ("=1" if p.overexpress else "=0"): i
             for i, (_, p) in enumerate(elements)}
    sets = {frozenset(index[f"{n}={v}"] for n, v in p.items()) for p in found}
    # keep the minimal ones; an element that repeats the untreated value is never minimal
    ordered = sorted(sets, key=len)
    minimal: list[frozenset[int]] = []
    for s in ordered:
        if not any(m <= s for m in minimal):
            minimal.append(s)
    return [tuple(sorted(s)) for s in minimal]


# ---------------------------------------------------------------------------- checks
def _check_goal(model: Model, goal, tumour: _Tumour) -> dict[str, int]:
    if not isinstance(goal, Mapping) or not goal:
        raise BoolmtorError(f"goal must be a non-empty dict of node values, e.g. "
                            f"{{'PROLIFERATION': 0}} (got {goal!r})")
    out: dict[str, int] = {}
    for node, value in goal.items():
        model._node(node)
        top = model.max_level(node)
        if isinstance(value, bool) or value not in range(top + 1):
            raise BoolmtorError(f"goal value of {node} must be one of its levels 0..{top} "
                                f"(got {value!r})")
        env = tumour.untreated.applied_environment
        if node in env and env[node] != value:
            raise BoolmtorError(f"goal {node}={value} is impossible: the environment sets "
                                f"{node}={env[node]} and inputs are not intervened on")
        # a graded node: level 0 is its base node off; level k >= 1 is "at least k", its
        # k-th level node on
        levels = model.levels.get(node, (node,))
        out.update({levels[0]: 0} if value == 0 else {levels[value - 1]: 1})
    return out


def _tumour_lists(background, backgrounds) -> list[tuple[str, ...]]:
    if backgrounds is None:
        return [_names(background)]
    if background is not None:
        raise BoolmtorError("give background= (one tumour) or backgrounds= (several), not both")
    lists = [_names(b) for b in (backgrounds if not isinstance(backgrounds, str)
                                 else [backgrounds])]
    if not lists:
        raise BoolmtorError("backgrounds= must list at least one tumour")
    return lists


def _robust(model, tumour: _Tumour, p: Perturbation, goal) -> dict:
    """Most-permissive, stochastic and rule-variant checks of one set in one tumour."""
    from .ensemble import variants
    from .stochastic import carried

    mp = _Tumour(model, tumour.environment, tumour.backgrounds, goal, "global",
                 "most-permissive")
    treated = tumour.treated(p)
    start = tumour.start
    if start == "untreated":
        _, _, states = carried(tumour.untreated, treated, sample_count=STOCHASTIC_SAMPLES)
    else:
        from .stochastic import run
        _, states = run(treated, model.nodes, sample_count=STOCHASTIC_SAMPLES)
    idx = {n: i for i, n in enumerate(model.nodes)}
    prob = sum(q for s, q in states.items()
               if meets(goal, {n: int(s[idx[n]]) for n in goal}))
    shares = []
    for _, variant in variants(model):
        t = _Tumour(variant, tumour.environment, tumour.backgrounds, goal, start, tumour.update)
        fixed = t.fixed(p)
        shares.append(fixed is not None and t.works(fixed))
    return {"most_permissive": mp.works(treated.fixed), "stochastic": float(prob),
            "variants": sum(shares) / len(shares)}


# ---------------------------------------------------------------------------- public
def _bounded(func):
    """`func` with `timeout=` (aeon.with_timeout), its error giving the hints of control."""
    inner = aeon.with_timeout(func)

    @functools.wraps(inner)
    def wrapper(*args, timeout: float | None = None, **kwargs):
        try:
            return inner(*args, timeout=timeout, **kwargs)
        except TimeoutExceeded:
            raise TimeoutExceeded(
                f"control stopped at its timeout of {timeout:g} s; lower max_size, allow fewer "
                "nodes (nodes=, --node) or raise the timeout") from None
    wrapper.__doc__ = (func.__doc__ or "").rstrip() + (
        "\n    timeout : seconds (keyword); past it a one-line `TimeoutExceeded` error, also\n"
        "        while AEON's symbolic control runs (in a child process, then killed).\n    ")
    return wrapper


@_bounded
def control(model: Model, goal: Mapping[str, int], *,
            environment: str | Mapping[str, int] | None = "growth",
            background: str | Iterable[str] | None = None, using: str = "drugs",
            nodes: Iterable[str] | None = None, max_size: int = 3, start: str = "untreated",
            update: str = "asynchronous", backgrounds: Iterable | None = None,
            robust: bool = False, method: str = "auto") -> Control:
    """Every minimal intervention set of at most `max_size` elements that makes every attractor
    the tumour reaches meet `goal`.

    Parameters
    ----------
    goal : node values every reached attractor must hold constantly (for a graded node a
        level: 0, or k meaning "at least level k"), e.g.
        {"PROLIFERATION": 0} or {"APOPTOSIS": 1}.
    environment : an environment name (default "growth"), a dict of input values, or None.
    background : the tumour: None (wild type), a background name or a list of names.
    using : "drugs" (the manifest's drugs, each acting on all its targets unless the
        background blocks its binding site) or "nodes" (knockouts and overexpressions of
        the non-input nodes other than the goal's own; `nodes=` names them instead).
    max_size : the largest set tried (at least 1).
    start : "untreated" (default): the treated tumour starts from the untreated attractors;
        "global": every attractor of the treated network counts.
    update : "asynchronous" (default, exact), or with start="global" "synchronous",
        "most-permissive" or "fixed-points".
    backgrounds : several tumours (each a name or a list): sets minimal in any of them or
        minimal among those that work in all, each with the share of tumours it works in.
    robust : also check each set under most-permissive and stochastic (MaBoSS) update and over
        the `# alt:` rule variants (in the first tumour).
    method : "auto" (AEON's symbolic control for nodes under asynchronous update and
        start="global" on a model without graded nodes, else
        enumeration), "aeon" or "enumerate".
    """
    if using not in USING:
        raise BoolmtorError(f"using must be in {{{', '.join(USING)}}} (got {using!r})")
    if start not in STARTS:
        raise BoolmtorError(f"start must be one of {', '.join(STARTS)} (got {start!r})")
    if update not in UPDATE_SCHEMES:
        raise BoolmtorError(f"update must be one of {', '.join(UPDATE_SCHEMES)} "
                            f"(got {update!r})")
    if update != "asynchronous" and start != "global":
        raise BoolmtorError(f"start='untreated' needs update='asynchronous' (got {update!r}); "
                            "use start='global'")
    if method not in METHODS:
        raise BoolmtorError(f"method must be one of {', '.join(METHODS)} (got {method!r})")
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
        raise BoolmtorError(f"max_size must be an integer >= 1 (got {max_size!r})")
    for names in (lists := _tumour_lists(background, backgrounds)):
        for b in names:
            if b not in model.backgrounds:
                raise UnknownNameError("background", b, model.backgrounds)
    tumours = [_Tumour(model, environment, names, {}, start, update) for names in lists]
    level_goal = _check_goal(model, goal, tumours[0])
    shown_goal = {model._node(n): v for n, v in goal.items()}
    goal = level_goal
    for t in tumours:
        t.goal = goal
    elements = _elements(model, using, nodes, tumours)
    # AEON perturbs one variable at a time; a graded node's knockout sets all its levels
    aeon_ok = (using == "nodes" and update == "asynchronous" and start == "global"
               and not model.levels)
    if method == "aeon" and not aeon_ok:
        raise BoolmtorError("method='aeon' needs using='nodes', update='asynchronous', "
                            "start='global' and a model without graded nodes")
    chosen = "aeon" if method == "aeon" or (method == "auto" and aeon_ok) else "enumerate"
    useful = _useful(model, elements, goal)

    per_tumour = []
    for t in tumours:
        if chosen == "aeon":
            chosen_nodes = [elements[i][1].knockout[0] for i in useful
                            if elements[i][1].knockout]
            per_tumour.append(_aeon_sets(t, elements, max_size, chosen_nodes))
        else:
            per_tumour.append(_minimal_sets(t, elements, max_size, useful))
    candidates = set().union(*map(set, per_tumour))
    if len(tumours) > 1:
        everywhere = _AllTumours(tumours)
        candidates |= set(_minimal_sets(everywhere, elements, max_size, useful))

    sets = []
    for combo in candidates:
        p = sum((elements[i][1] for i in combo), Perturbation())
        works_in, phenotypes = [], []
        for t in tumours:
            fixed = t.fixed(p)
            if fixed is not None and t.works(fixed):
                works_in.append(t.label)
                phenotypes += [x for x in t.phenotypes(p) if x not in phenotypes]
        checks = _robust(model, tumours[0], p, goal) if robust else {}
        labels = sorted(elements[i][0] for i in combo)
        classes = tuple(model.drug(d).drug_class for d in labels) if using == "drugs" else ()
        sets.append(ControlSet(tuple(labels), p, tuple(phenotypes), tuple(works_in),
                               len(works_in) / len(tumours), classes=classes, **checks))
    sets.sort(key=lambda s: (s.size, -s.robustness, s.elements))
    stats = {k: sum(t.stats[k] for t in tumours) for k in tumours[0].stats}
    stats.update(elements=len(useful), skipped_elements=len(elements) - len(useful))
    return Control(shown_goal, using, _environment_label(environment),
                   tuple(t.label for t in tumours), start, update, max_size, chosen,
                   tuple(sets), _note(sets, max_size, using), stats)


class _AllTumours:
    """Several tumours as one: a set works when it works in every one of them."""

    def __init__(self, tumours: list[_Tumour]):
        self.tumours = tumours

    def effect(self, p: Perturbation):
        return [t.effect(p) for t in self.tumours]

    def combined(self, effects):
        effects = list(effects)
        out = [t.combined(e[i] for e in effects) for i, t in enumerate(self.tumours)]
        return None if any(o is None for o in out) else out

    def works(self, fixed: list[dict]) -> bool:
        return all(t.works(f) for t, f in zip(self.tumours, fixed))


def _note(sets: list[ControlSet], max_size: int, using: str) -> str:
    if not sets:
        what = ("drug" if using == "drugs" else "node intervention") + "s" * (max_size > 1)
        return (f"No set of at most {max_size} {what} meets the goal in every attractor the "
                "tumour reaches; raise max_size or allow other interventions.")
    if sets[0].size == 0:
        return "The untreated tumour already meets the goal: no intervention is needed."
    return ""


