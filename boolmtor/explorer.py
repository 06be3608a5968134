"""`explore`: one self-contained, offline HTML page to explore a model's conditions by clicking.

Every condition the page offers is computed beforehand by the package's own analyses
(`bm.attractors(weights=True)` without a drug, `bm.response` with one or two drugs,
`bm.predict_markers` for the marker table) and embedded as compact JSON, with the vendored
Cytoscape.js + dagre (boolmtor/assets/vendor/VENDOR.md) drawing the interaction graph. The
conditions come in tiers (`TIERS`), taken in order while they fit in `max_conditions`
computations; the page greys out what was not precomputed and names the command that computes
it. See docs/explorer.md.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import BoolmtorError, LimitExceededError
from .model import Model, Perturbation

MAX_BYTES = 5_000_000
"""Largest page written: past it `explore` raises (lower `max_conditions`)."""

DEFAULT_MAX_CONDITIONS = 600
"""Distinct computations by default (the curated model's first two tiers: see benchmarks/)."""

TIERS = ("single", "alterations", "other environments", "background pairs", "drug pairs",
         "alterations under drugs", "alteration pairs")
"""The condition groups, in the order they are precomputed while the budget lasts."""

_DIGITS = 4  # decimals kept for weights, activities and response figures


@dataclass(frozen=True)
class Condition:
    """One condition the page offers: environment, backgrounds, alterations and drugs."""

    environment: str | None
    backgrounds: tuple[str, ...] = ()
    knockout: tuple[str, ...] = ()
    overexpress: tuple[str, ...] = ()
    drugs: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The page's lookup key (the same string is built in explorer.js)."""
        alts = sorted([f"KO:{n}" for n in self.knockout] + [f"OE:{n}" for n in self.overexpress])
        return "|".join([self.environment or "", "+".join(sorted(self.backgrounds)),
                         "+".join(alts), "+".join(sorted(self.drugs))])

    @property
    def untreated(self) -> "Condition":
        return Condition(self.environment, self.backgrounds, self.knockout, self.overexpress)

    def perturbation(self, drugs: bool = True) -> Perturbation:
        return Perturbation(knockout=self.knockout, overexpress=self.overexpress,
                            backgrounds=self.backgrounds, drugs=self.drugs if drugs else ())


@dataclass(frozen=True)
class Plan:
    """The tiers chosen for a page: their conditions, and the tiers left out for the budget."""

    conditions: tuple[Condition, ...]
    included: tuple[tuple[str, int], ...]  # (tier, conditions)
    left_out: tuple[str, ...]  # tiers that did not fit
    computations: int
    max_conditions: int
    units: dict = field(default_factory=dict, compare=False, repr=False)  # unit -> condition
    unit_of: dict = field(default_factory=dict, compare=False, repr=False)  # condition -> unit


# ---------------------------------------------------------------------------- planning
def alterable(model: Model) -> tuple[str, ...]:
    """Nodes offered for knockout/overexpression: non-inputs, a graded node by its base name."""
    from .screen import alterations
    return tuple(dict.fromkeys(n for _, n in alterations(model, None, ("knockout",))))


def environments(model: Model) -> tuple[str | None, ...]:
    """Every named environment of the manifest (tumour environments first), else inputs free."""
    tumour = model.manifest.tumour_environments
    return tuple(dict.fromkeys([*tumour, *model.environments])) or (None,)


def _tiers(model: Model, envs) -> dict[str, Iterable[Condition]]:
    """Each tier's conditions, lazily (the later tiers are large)."""
    bgs, drugs, nodes = tuple(model.backgrounds), tuple(model.drugs), alterable(model)
    alts = [("KO", n) for n in nodes] + [("OE", n) for n in nodes]
    bg1 = [()] + [(b,) for b in bgs]
    d1 = [()] + [(d,) for d in drugs]
    main = tuple(e for e in envs if e in model.manifest.tumour_environments) or envs[:1]
    rest = tuple(e for e in envs if e not in main)

    def cond(env, b=(), a=(), d=()):
        return Condition(env, tuple(b), tuple(n for k, n in a if k == "KO"),
                         tuple(n for k, n in a if k == "OE"), tuple(d))

    pairs = lambda xs: itertools.combinations(xs, 2)  # noqa: E731
    return {
        # the tumour environments whole, the others untreated
        "single": itertools.chain((cond(e, b, (), d) for e in main for b in bg1 for d in d1),
                                  (cond(e, b) for e in rest for b in bg1)),
        "alterations": (cond(e, (), (a,)) for e in main for a in alts),
        "other environments": itertools.chain(
            (cond(e, b, (), d) for e in rest for b in bg1 for d in d1[1:]),
            (cond(e, (), (a,)) for e in rest for a in alts)),
        "background pairs": (cond(e, b, (), d) for e in main for b in pairs(bgs) for d in d1),
        "drug pairs": (cond(e, b, (), d) for e in main for b in bg1 for d in pairs(drugs)),
        "alterations under drugs": (cond(e, (), (a,), d) for e in main for a in alts
                                    for d in d1[1:]),
        "alteration pairs": (cond(e, (), p) for e in main for p in pairs(alts)
                             if p[0][1] != p[1][1]),
    }


def _unit(model: Model, c: Condition) -> tuple | None:
    """What a condition's result depends on: the fixed nodes without and with its drugs
    (None: the condition is contradictory, e.g. two drugs forcing a node both ways)."""
    try:
        before = frozenset(model.resolve(c.environment, c.perturbation(False)).items())
        after = frozenset(model.resolve(c.environment, c.perturbation()).items())
    except BoolmtorError:
        return None
    return (before, after if c.drugs else None)


def plan(model: Model, max_conditions: int = DEFAULT_MAX_CONDITIONS,
         tiers: Sequence[str] = TIERS) -> Plan:
    """The conditions of the page: whole tiers, in order, while their distinct computations
    (conditions with equal fixed nodes are computed once) fit in `max_conditions`."""
    if isinstance(max_conditions, bool) or not isinstance(max_conditions, int) \
            or max_conditions < 1:
        raise BoolmtorError(f"max_conditions must be a positive integer (got {max_conditions!r})")
    for t in tiers:
        if t not in TIERS:
            raise BoolmtorError(f"tier must be one of {', '.join(TIERS)} (got {t!r})")
    units: dict[tuple, Condition] = {}
    unit_of: dict[Condition, tuple] = {}
    included, left_out = [], []
    for name, conds in _tiers(model, environments(model)).items():
        if name not in tiers:
            left_out.append(name)
            continue
        room = max_conditions - len(units)
        mine: dict[Condition, tuple] = {}
        new: set = set()
        for c in conds:
            u = _unit(model, c)
            if u is None:
                continue
            mine[c] = u
            # a drug's untreated condition is computed with it
            new.update(x for x in (u, (u[0], None)) if x not in units)
            if len(new) > room:  # stop early: the tier does not fit
                break
        if len(new) > room:
            left_out.append(name)
            continue
        if not mine:
            continue
        for c, u in mine.items():
            units.setdefault(u, c)
            units.setdefault((u[0], None), c.untreated)
            unit_of.setdefault(c.untreated, (u[0], None))  # shown beside the treated one
        unit_of.update(mine)
        included.append((name, len(mine)))
    return Plan(tuple(unit_of), tuple(included), tuple(left_out), len(units), max_conditions,
                units, unit_of)


# ---------------------------------------------------------------------------- computing
_MODEL: Model | None = None


def _init(model: Model) -> None:
    global _MODEL
    from .screen import _worker_init
    _worker_init()
    _MODEL = model


def _attractor_rows(atts) -> list[tuple]:
    return [(dict(a.fixed), {n: round(v, _DIGITS) for n, v in a.activities.items()}, a.size,
             a.weight, a.weight_error) for a in atts]


def _r(value):
    return None if value is None else round(float(value), _DIGITS)


def solve(model: Model, c: Condition) -> dict:
    """The page's data for one condition: weighted attractors, and the response if drugs."""
    from .attractors import attractors
    from .response import response

    if not c.drugs:
        atts = attractors(model, environment=c.environment, perturbation=c.perturbation(),
                          weights=True)
        return {"a": _attractor_rows(atts)}
    base = model.perturb(Perturbation(knockout=c.knockout, overexpress=c.overexpress))
    r = response(base, list(c.drugs), background=list(c.backgrounds), environment=c.environment)
    return {"a": _attractor_rows(r.treated_attractors),
            "r": {"efficacy": _r(r.efficacy), "gr": _r(r.gr), "growing": r.growing,
                  "cytostatic": _r(r.cytostatic), "cytotoxic": _r(r.cytotoxic),
                  "kind": r.kind, "description": r.description, "exact": r.exact,
                  "untreated": {n: _r(r.untreated[n]) for n in r.readouts},
                  "treated": {n: _r(r.treated[n]) for n in r.readouts}}}


def _solve_in_worker(c: Condition) -> dict:
    assert _MODEL is not None  # set by the pool's initializer
    return solve(_MODEL, c)


def _markers_in_worker(drug: str) -> list[dict]:
    from .markers import predict_markers
    return [{"background": m.alteration, "effect": m.effect, "score": _r(m.score),
             "cytostatic": _r(m.cytostatic), "cytotoxic": _r(m.cytotoxic), "note": m.note,
             "independent_in": list(m.independent_in)}
            for m in predict_markers(_MODEL, drug)]


def _run(model: Model, func, items: list, workers: int | None, progress) -> list:
    """`func(item)` for each item, in a process pool of `workers` (None: in this process)."""
    global _MODEL
    if not workers or workers == 1 or len(items) < 2:
        _MODEL = model
        out = []
        for item in items:
            out.append(func(item))
            progress(1)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .screen import _stop_pool
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(model,))
    try:
        out = []
        for value in pool.map(func, items, chunksize=max(1, len(items) // (8 * workers))):
            out.append(value)
            progress(1)
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown()
    return out


# ---------------------------------------------------------------------------- page data
def _graph(model: Model) -> tuple[list[dict], list[list]]:
    """Nodes (a graded node once, by its base name) and signed edges between them."""
    base = {lv: b for b, lvs in model.levels.items() for lv in lvs}
    readouts, inputs = set(model.readouts), set(model.inputs)
    nodes = []
    for n in model.nodes:
        if n in model.higher_levels:
            continue
        origin = model.origins.get(n)
        levels = list(model.levels.get(n, (n,)))
        nodes.append({
            "id": n, "levels": levels,
            "kind": "input" if n in inputs else "readout" if n in readouts else "node",
            "rules": {lv: model.rules[lv] for lv in levels},
            "refs": list(dict.fromkeys(r for lv in levels if lv in model.origins
                                       for r in model.origins[lv].refs)),
            "choices": list(dict.fromkeys(c for lv in levels if lv in model.origins
                                          for c in model.origins[lv].choices)),
            "where": (f"{Path(origin.path).name}:{origin.line}"
                      if origin is not None and origin.path and not origin.implicit else None),
        })
    edges: dict[tuple[str, str, int], None] = {}  # an ordered set of signed arrows
    for u, v, data in model.graph.edges(data=True):
        a, b = base.get(u, u), base.get(v, v)
        if a != b or (u == v and u not in inputs):  # an input's `X, X` is no arrow
            edges.setdefault((a, b, data.get("sign", 1)), None)
    return nodes, [list(e) for e in edges]


def _manifest(model: Model) -> dict:
    from .response import representatives
    return {
        "environments": [{"name": e, "inputs": dict(model.environment(e)) if e else {},
                          "ref": getattr(model.environments.get(e), "ref", "") if e else ""}
                         for e in environments(model)],
        "tumour_environments": list(model.manifest.tumour_environments),
        "backgrounds": [{"name": b.name, "alterations": dict(b.alterations), "ref": b.ref}
                        for b in model.backgrounds.values()],
        "drugs": [{"name": d.name, "class": d.drug_class, "targets": dict(d.targets),
                   "ref": d.ref} for d in model.drugs.values()],
        "representatives": list(representatives(model)),
    }


def _source_arg(model: Model) -> str:
    """How the CLI names this model (empty for the packaged curated model)."""
    from .model import packaged_rules
    if not model.source:
        return "MODEL"
    try:
        if Path(model.source).resolve() == packaged_rules().resolve():
            return ""
    except OSError:
        pass
    return model.source


def build_data(model: Model, plan_: Plan, results: dict, markers: dict,
               seconds: float) -> dict:
    """The JSON the page embeds: the model, the conditions and a table of attractors."""
    order = list(model.nodes)
    table: dict[str, int] = {}
    rows: list = []

    def att_ref(row) -> list:
        fixed, acts, size, weight, error = row
        pattern = "".join(str(fixed[n]) if n in fixed else "*" for n in order)
        key = json.dumps([pattern, acts, size], sort_keys=True)
        if key not in table:
            table[key] = len(rows)
            rows.append([pattern, acts, size])
        out = [table[key], None if weight is None else round(weight, 6)]
        if error:
            out.append(round(error, 6))
        return out

    conds = {}
    for c in plan_.conditions:
        res = results[plan_.unit_of[c]]
        conds[c.key] = {"a": [att_ref(r) for r in res["a"]]}
        if "r" in res:
            conds[c.key]["r"] = res["r"]
    nodes, edges = _graph(model)
    arg = _source_arg(model)
    return {
        "model": {"name": model.name or "model", "version": model.version,
                  "source": model.source, "arg": arg},
        "order": order, "readouts": list(model.readouts), "inputs": list(model.inputs),
        "levels": {b: list(ls) for b, ls in model.levels.items()},
        "nodes": nodes, "edges": edges, "alterable": list(alterable(model)),
        "manifest": _manifest(model), "attractors": rows, "conditions": conds,
        "markers": markers,
        "budget": {"max_conditions": plan_.max_conditions, "computations": plan_.computations,
                   "included": [list(t) for t in plan_.included],
                   "left_out": list(plan_.left_out),
                   "max_bytes": MAX_BYTES, "seconds": round(seconds, 1)},
    }


# ---------------------------------------------------------------------------- page
def _asset(name: str) -> str:
    return resources.files("boolmtor").joinpath("assets").joinpath(name).read_text(
        encoding="utf-8")


def render(data: dict) -> str:
    """The HTML page: template, styles, vendored scripts and the data, all inline."""
    payload = json.dumps(data, separators=(",", ":"), allow_nan=False)
    payload = payload.replace("</", "<\\/")  # never closes the script element early
    page = _asset("explorer.html")
    parts = {
        "TITLE": _html_escape(f"boolmtor explorer: {data['model']['name']}"),
        "CSS": _asset("explorer.css"),
        "VENDOR": "\n".join(f"<script>{_asset('vendor/' + f)}</script>" for f in
                            ("cytoscape.min.js", "dagre.min.js", "cytoscape-dagre.js")),
        "DATA": payload,
        "APP": _asset("explorer.js"),
    }
    # one pass: inserted text is never searched for placeholders again
    page = re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m[1]], page)
    return page


def _html_escape(text: str) -> str:
    import html
    return html.escape(text)


def explore(model: Model, path: str | Path, *, max_conditions: int = DEFAULT_MAX_CONDITIONS,
            tiers: Sequence[str] = TIERS, workers: int | None = None,
            markers: bool = True, progress: bool | None = None) -> Path:
    """Write a self-contained HTML page (no server, no network) to explore `model`.

    Parameters
    ----------
    path : the .html file to write (atomically).
    max_conditions : most distinct computations; tiers of conditions (`TIERS`) are taken in
        order while they fit, the others are greyed out in the page with the command that
        computes them.
    tiers : which tiers to consider (default all).
    workers : processes computing the conditions (default: one per core, at most 2).
    markers : also compute the marker table (`bm.predict_markers` for one drug per class).
    progress : show a progress bar (default: only when stderr is a terminal).

    Returns the path written. Raises `LimitExceededError` when the page would pass
    `MAX_BYTES`.
    """
    import os
    import sys

    from tqdm.auto import tqdm

    from ._io import atomic_write
    from .response import representatives

    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise BoolmtorError(f"{path}: the explorer file must end in .html (got "
                            f"{path.suffix or 'no suffix'!r})")
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    start = time.monotonic()
    p = plan(model, max_conditions, tiers)
    units = list(p.units.items())
    reps = list(representatives(model)) if markers and model.backgrounds else []
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(units) + len(reps), disable=not show, unit="condition",
               desc="explorer")
    try:
        values = _run(model, _solve_in_worker, [c for _, c in units], workers, bar.update)
        found = _run(model, _markers_in_worker, reps, workers, bar.update)
    finally:
        bar.close()
    results = {u: v for (u, _), v in zip(units, values)}
    marker_table: dict[str, list] = {}
    for drug, rows in zip(reps, found):
        for row in rows:
            marker_table.setdefault(row.pop("background"), []).append({"drug": drug, **row})
    data = build_data(model, p, results, marker_table, time.monotonic() - start)
    page = render(data)
    size = len(page.encode())
    if size > MAX_BYTES:
        raise LimitExceededError(f"the explorer page would be {size:,} bytes, more than "
                                 f"{MAX_BYTES:,}; lower max_conditions (got {max_conditions})")
    atomic_write(path, page)
    return path


def load_data(path: str | Path) -> dict:
    """The data embedded in an explorer page (for tests and the report's findings)."""
    text = Path(path).read_text(encoding="utf-8")
    tag = '<script id="data" type="application/json">'
    start = text.index(tag) + len(tag)
    end = text.index("</script>", start)
    return json.loads(text[start:end].replace("<\\/", "</"))

