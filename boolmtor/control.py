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

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ._engines import aeon
from .errors import BoolmtorError, UnknownNameError
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


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class ControlSet:
    """One minimal intervention set and how it fares.

    `elements` are drug names (using="drugs") or "NODE KO" / "NODE OE"; `phenotypes` the
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
        return {"elements": list(self.elements), "size": self.size,
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

        rows = [{"set": s.label, "size": s.size, "robustness": s.robustness, "share": s.share,
                 "works_in": "; ".join(s.works_in), "most_permissive": s.most_permissive,
                 "stochastic": s.stochastic, "variants": s.variants,
                 "phenotype": _phenotype_text(s.phenotypes)} for s in self.sets]
        return pd.DataFrame(rows, columns=["set", "size", "robustness", "share", "works_in",
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
        several = len(self.tumours) > 1
        if self.sets:
            rows.append(f"  {'set':<{width}}  size  robustness  {'share  ' * several}"
                        "phenotype reached")
        for s in self.sets:
            share = f"{s.share:5.2f}  " if several else ""
            rows.append(f"  {s.label:<{width}}  {s.size:4d}  {s.robustness:10.2f}  {share}"
                        f"{_phenotype_text(s.phenotypes)}")
        return "\n".join(rows)


# ---------------------------------------------------------------------------- one tumour
class _Tumour:
    """One tumour (environment + backgrounds): decides whether fixed nodes meet the goal.

    A decision takes the cheapest exact step that settles it: percolation of the fixed nodes;
    the attractors of the percolated (reduced) network, cached like a screen's; and only when
    some but not all of those meet the goal (start="untreated"), the attractors reachable from
    the untreated attractors.
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
        self.verdicts: dict[frozenset, bool] = {}
        self.stats = {"percolation": 0, "reduced": 0, "reachability": 0}

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
            return aeon.solve_reduced(bnet)
        from .screen import _solve_other
        return _solve_other(self.update, bnet)

    def _decide(self, fixed: Mapping[str, int]) -> bool:
        space = self.reducer.percolate(dict(fixed))
        if self.update != "fixed-points" and all(n in space for n in self.goal):
            self.stats["percolation"] += 1  # every attractor lies in the percolated space
            return meets(self.goal, space)
        self.stats["reduced"] += 1
        found = self._solve(space)
        good = [meets(self.goal, {**space, **f}) for f, _, _ in found]
        if all(good) or not any(good) or self.start == "global":
            return bool(good) and all(good)
        self.stats["reachability"] += 1
        return all(meets(self.goal, a.fixed) for a in self._reached(self.model.fix(fixed)))

    def reached(self, p: Perturbation) -> tuple[Attractor, ...]:
        """The attractors the tumour ends in under `p` (from the untreated ones, or anywhere)."""
        return self._reached(self.treated(p))

    def _reached(self, treated: Model) -> tuple[Attractor, ...]:
        if self.start == "untreated":
            from .weights import reachable
            return reachable(self.untreated, treated)
        space = self.reducer.percolate(dict(treated.fixed))
        return tuple(aeon.lift(self._solve(space), space, treated, self.update))


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


def _minimal_sets(tumour, elements, max_size: int) -> list[tuple[int, ...]]:  # or _AllTumours
    """Indices of every minimal working set, by increasing size; a superset of a working set is
    never tested, nor a set that contradicts itself."""
    effects = [tumour.effect(p) for _, p in elements]
    found: list[frozenset[int]] = []
    for size in range(max_size + 1):
        for combo in itertools.combinations(range(len(elements)), size):
            chosen = frozenset(combo)
            if any(w <= chosen for w in found):
                continue
            fixed = tumour.combined(effects[i] for i in combo)
            if fixed is not None and tumour.works(fixed):
                found.append(chosen)
        if found and not found[0]:  # the untreated tumour already meets the goal
            break
    return [tuple(sorted(s)) for s in found]


def _aeon_sets(tumour: _Tumour, elements, max_size: int, chosen_nodes: list[str]
               ) -> list[tuple[int, ...]]:
    """Minimal node-intervention sets by AEON's symbolic permanent phenotype control
    (start="global": every attractor of the perturbed network)."""
    import biodivine_aeon as ba

    untreated = tumour.untreated
    if tumour.works(untreated.fixed):
        return [()]
    graph = ba.AsynchronousPerturbationGraph(
        ba.BooleanNetwork.from_bnet(untreated.to_bnet(), repair_graph=True), chosen_nodes)
    phenotype = graph.mk_subspace_vertices({n: bool(v) for n, v in tumour.goal.items()})
    result = ba.Control.phenotype_permanent(graph, phenotype, size_limit=max_size)
    index = {(p.knockout or p.overexpress)[0] + ("=1" if p.overexpress else "=0"): i
             for i, (_, p) in enumerate(elements)}
    sets = {frozenset(index[f"{n}={int(v)}"] for n, v in p.perturbed_named_dict().items())
            for p in result.perturbations()}
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
@aeon.with_timeout
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
    goal = _check_goal(model, goal, tumours[0])
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

    per_tumour = []
    for t in tumours:
        if chosen == "aeon":
            chosen_nodes = [e[1].knockout[0] for e in elements if e[1].knockout]
            per_tumour.append(_aeon_sets(t, elements, max_size, chosen_nodes))
        else:
            per_tumour.append(_minimal_sets(t, elements, max_size))
    candidates = set().union(*map(set, per_tumour))
    if len(tumours) > 1:
        everywhere = _AllTumours(tumours)
        candidates |= set(_minimal_sets(everywhere, elements, max_size))

    sets = []
    for combo in candidates:
        p = sum((elements[i][1] for i in combo), Perturbation())
        works_in, phenotypes = [], []
        for t in tumours:
            fixed = t.fixed(p)
            if fixed is not None and t.works(fixed):
                works_in.append(t.label)
                for a in t.reached(p):
                    if a.phenotype not in phenotypes:
                        phenotypes.append(a.phenotype)
        checks = _robust(model, tumours[0], p, goal) if robust else {}
        sets.append(ControlSet(tuple(elements[i][0] for i in combo), p, tuple(phenotypes),
                                 tuple(works_in), len(works_in) / len(tumours), **checks))
    sets.sort(key=lambda s: (s.size, -s.robustness, s.elements))
    stats = {k: sum(t.stats[k] for t in tumours) for k in tumours[0].stats}
    return Control(goal, using, _environment_label(environment),
                   tuple(t.label for t in tumours), start, update, max_size, chosen,
                   tuple(sets), _note(sets, max_size), stats)


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


def _note(sets: list[ControlSet], max_size: int) -> str:
    if not sets:
        return (f"No set of at most {max_size} interventions meets the goal; raise max_size "
                "or allow other interventions.")
    if sets[0].size == 0:
        return "The untreated tumour already meets the goal: no intervention is needed."
    return ""


