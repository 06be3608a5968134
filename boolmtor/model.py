"""The immutable `Model`: rules parsed into expression trees, the manifest, and derived views."""

from __future__ import annotations

import copy
import hashlib
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .types import FrozenMap

if TYPE_CHECKING:  # networkx and sympy are imported when first used
    import networkx as nx
    import sympy

from . import expr as E
from .errors import (BoolmtorError, DuplicateNodeError, ManifestError, ModelWarning,
                     RulesSyntaxError, UndefinedNodeError, UnknownNameError, closest)
from .manifest import (DEFAULT_ENVIRONMENT, Condition, Drug, Manifest, level_names,
                       read_manifest)
from .parser import Rule, gc_paused, decode, parse_rules


def _names(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass(frozen=True)
class Perturbation:
    """Names of nodes to knock out or overexpress, drugs and genetic backgrounds to apply.

    Names are resolved against a model (and its manifest) when applied. Order of precedence,
    weakest first: environment, backgrounds, drugs, explicit knockout/overexpression. A
    multi-level node's base name alters all its level nodes; a level node's name (`AKT_2`)
    alters that level node only.
    """

    knockout: tuple[str, ...] = ()
    overexpress: tuple[str, ...] = ()
    drugs: tuple[str, ...] = ()
    backgrounds: tuple[str, ...] = ()

    def __init__(self, knockout: str | Iterable[str] | None = (),
                 overexpress: str | Iterable[str] | None = (),
                 drugs: str | Iterable[str] | None = (),
                 backgrounds: str | Iterable[str] | None = ()):
        # each a name or names, kept as a tuple (the dataclass keeps this __init__)
        for name, value in (("knockout", knockout), ("overexpress", overexpress),
                            ("drugs", drugs), ("backgrounds", backgrounds)):
            object.__setattr__(self, name, _names(value))

    def __add__(self, other: "Perturbation") -> "Perturbation":
        return Perturbation(*(getattr(self, f) + getattr(other, f)
                              for f in ("knockout", "overexpress", "drugs", "backgrounds")))

    def __bool__(self) -> bool:
        return bool(self.knockout or self.overexpress or self.drugs or self.backgrounds)

    def __str__(self) -> str:
        parts = [*self.backgrounds, *self.drugs, *(f"{n} KO" for n in self.knockout),
                 *(f"{n} OE" for n in self.overexpress)]
        return " + ".join(parts) or "none"

    def to_dict(self) -> dict:
        return {f: list(getattr(self, f)) for f in ("knockout", "overexpress", "drugs",
                                                      "backgrounds")}


def _check_value(node: str, value: object) -> int:
    if value not in (0, 1) or isinstance(value, float):
        raise BoolmtorError(f"value of {node} must be 0 or 1 (got {value!r})")
    return int(value)


@dataclass(frozen=True, eq=False)
class Model:
    """A Boolean network: one rule per node, plus the manifest's environments, drugs and more.

    Build it with `Model.from_file`, `Model.from_text` or `load_model`; it never changes:
    `perturb` and `fix` return new models.
    """

    _rules: Mapping[str, E.Expr]
    manifest: Manifest = field(default_factory=Manifest)
    name: str = ""
    source: str | None = None
    origins: Mapping[str, Rule] = field(default_factory=lambda: FrozenMap({}))
    fixed: Mapping[str, int] = field(default_factory=lambda: FrozenMap({}))
    applied: "Perturbation" = field(default_factory=lambda: Perturbation())
    applied_environment: Mapping[str, int] = field(default_factory=lambda: FrozenMap({}))
    base: Mapping[str, E.Expr] | None = None  # the unperturbed rules; None when unperturbed

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_text(cls, text: str, path: str | None = None, *, manifest: Manifest | None = None,
                  name: str = "", strict: bool = False) -> "Model":
        """A model from rules text (`.bnet` or `A = B and not C` lines).

        A regulator that no rule defines is a free input, as in BoolNet, pyboolnet and AEON
        (a `ModelWarning` lists them); `strict=True` makes it an `UndefinedNodeError`.
        """
        rules = parse_rules(text, path)
        if not rules:
            raise RulesSyntaxError("no rules found; expected lines like 'A, B & !C'", path, 1, 1)
        return cls._from_rules(rules, manifest or Manifest(), name, path, strict)

    @classmethod
    def from_file(cls, path: str | Path, *, strict: bool = False,
                  manifest: str | Path | Manifest | None = None) -> "Model":
        """A model from a `.bnet` file, an SBML-qual file (`.sbml`, `.xml`), or a rules folder
        holding `model.toml`; `strict` as for `from_text`.

        The manifest (docs/manifest.md) is `manifest` (a `.toml` path or a `Manifest`), else
        the file of the same name with suffix `.toml` beside a rules file (`x.toml` for
        `x.bnet`), else none.
        """
        p = Path(path)
        if p.is_dir():
            return cls.from_folder(p, strict=strict, manifest=manifest)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise BoolmtorError(f"{p}: cannot read rules file ({exc.strerror})") from None
        if manifest is None and p.with_suffix(".toml").is_file():
            manifest = p.with_suffix(".toml")
        found = _read(manifest)
        if found.rules and list(found.rules) != [p.name]:
            raise ManifestError(f"[model] rules lists {', '.join(found.rules)}, but the manifest "
                                f"is used with the single file {p.name}; leave 'rules' out, or "
                                "load the folder", found.path)
        if p.suffix.lower() in (".sbml", ".xml"):
            model = cls.from_sbml(decode(data, str(p)), str(p), strict=strict)
        else:
            model = cls.from_text(decode(data, str(p)), str(p), name=p.stem, strict=strict)
        return model.with_manifest(found) if manifest is not None else model

    @classmethod
    def from_sbml(cls, text: str, path: str | None = None, *, strict: bool = False) -> "Model":
        """A model from SBML-qual XML text; errors name `path` and the line."""
        from .exchange.sbml import read_sbml
        rules, name = read_sbml(text, path)
        return cls._from_rules(rules, Manifest(), name or (Path(path).stem if path else ""),
                               path, strict)

    @classmethod
    def from_primes(cls, primes: Mapping, name: str = "") -> "Model":
        """A model from pyboolnet prime implicants (the inverse of `Model.primes`)."""
        from .exchange.foreign import primes_text
        return cls.from_text(primes_text(primes), name=name)

    @classmethod
    def from_minibn(cls, network, name: str = "") -> "Model":
        """A model from a colomoto `minibn.BooleanNetwork` (the inverse of `to_minibn`)."""
        from .exchange.foreign import minibn_text
        return cls.from_text(minibn_text(network), name=name)

    def to_minibn(self):
        """The rules as a colomoto `minibn.BooleanNetwork`."""
        from .exchange.foreign import to_minibn
        return to_minibn(self)

    @classmethod
    def from_folder(cls, folder: str | Path, *, strict: bool = False,
                    manifest: str | Path | Manifest | None = None) -> "Model":
        """A model from a folder: its `model.toml` (or `manifest`, a path or a `Manifest`) and
        the `.bnet` files that lists (else all); `strict` as for `from_text`."""
        folder = Path(folder)
        toml = folder / "model.toml"
        if manifest is None and toml.is_file():
            manifest = toml
        manifest = _read(manifest)
        files = [folder / f for f in manifest.rules] or sorted(folder.glob("*.bnet"))
        if not files:
            raise BoolmtorError(f"{folder}: no .bnet rules files in this folder")
        rules: list[Rule] = []
        for f in files:
            if not f.is_file():
                raise ManifestError(f"rules file {f.name!r} listed in [model] rules does not "
                                    "exist", manifest.path or str(toml))
            rules += parse_rules(decode(f.read_bytes(), str(f)), str(f))
        if not rules:
            raise RulesSyntaxError("no rules found; expected lines like 'A, B & !C'",
                                   str(files[0]), 1, 1)
        return cls._from_rules(rules, manifest, manifest.name or folder.name, str(folder),
                               strict)

    @classmethod
    @gc_paused  # a 10^5-rule model builds in 0.6 s instead of 3.5 s
    def _from_rules(cls, rules: list[Rule], manifest: Manifest, name: str,
                    source: str | None, strict: bool = False) -> "Model":
        origins: dict[str, Rule] = {}
        for rule in rules:
            if rule.node in origins:
                first = origins[rule.node]
                raise DuplicateNodeError(
                    f"node {rule.node} is defined twice (first at {first.path or '<text>'}:"
                    f"{first.line})", rule.path, rule.line, rule.col)
            origins[rule.node] = rule
        free = _free_inputs(rules, origins, strict)
        rules = rules + free
        origins.update((r.node, r) for r in free)
        model = cls(FrozenMap({r.node: r.expr for r in rules}), manifest, name, source,
                    FrozenMap(origins))
        model._check_manifest()
        return model

    def with_manifest(self, manifest: str | Path | Manifest) -> Model:
        """This model with another manifest (a `.toml` path or a `Manifest`; docs/manifest.md),
        checked against the rules; only for a model with no perturbation applied."""
        if self.applied or self.applied_environment:
            raise BoolmtorError("with_manifest needs an unperturbed model (this one has "
                                f"{self.applied}, environment {dict(self.applied_environment)})")
        found = _read(manifest)
        model = replace(self, manifest=found, name=found.name or self.name)
        model._check_manifest()
        return model

    @property
    def free_inputs(self) -> tuple[str, ...]:
        """Inputs that no rule defines: regulators only named in other rules, read as `X, X`."""
        return tuple(n for n, r in self.origins.items() if r.implicit)

    def _check_manifest(self) -> None:
        m = self.manifest
        where = m.path or (self.source and str(Path(self.source) / "model.toml"))

        def need(nodes: Iterable[str], what: str, pool: Iterable[str] | None = None) -> None:
            kind = "a node" if pool is None else "an input"
            pool = tuple(self.nodes if pool is None else pool)
            for n in nodes:
                if n not in pool:
                    hint = closest(n, pool)
                    tip = f"; did you mean {hint!r}?" if hint else ""
                    if not hint and n in self._rules:  # a node, but not an input
                        tip = f" (inputs: {', '.join(pool) or 'none'})"
                    raise ManifestError(f"{what} names {n!r}, which is not {kind}{tip}", where)

        for base, k in m.levels.items():
            for n in level_names(base, k):
                if n not in self._rules:
                    raise ManifestError(f"[levels] {base} = {k} declares level node {n}, which "
                                        "no rule defines", where, m.lines.get(base))
        need(m.readouts, "[model] readouts")
        for n in m.efficacy:
            if n not in self.readouts:
                raise ManifestError(f"[model] efficacy names {n!r}, which is not a readout "
                                    f"(readouts: {', '.join(self.readouts)})", where)
        for n in m.readouts:
            if n in self.higher_levels:
                base = next(b for b, ls in self.levels.items() if n in ls)
                raise ManifestError(f"[model] readouts names {n}, a level node of {base}; name "
                                    f"the base node {base}", where)
        need(m.rates, "[rates]")
        for module, nodes in m.modules.items():
            need(nodes, f"[modules] {module}")
        for env in m.environments.values():
            need(env.inputs, f"[environments.{env.name}]", self.inputs)
        for drug in m.drugs.values():
            need(drug.targets, f"[drugs.{drug.name}] targets")
        for bg in m.backgrounds.values():
            need(bg.alterations, f"[backgrounds.{bg.name}] alterations")
        for env_name in m.tumour_environments:
            if env_name not in m.environments:
                raise ManifestError(f"[model] tumour_environments names unknown environment "
                                    f"{env_name!r}", where)
        for ex in m.expectations:
            for cond in filter(None, (ex.condition, ex.compare_to)):
                try:
                    self.resolve(cond.environment, Perturbation(drugs=cond.drugs,
                                                                backgrounds=cond.backgrounds))
                except UnknownNameError as exc:
                    raise ManifestError(f"expectation {ex.id!r}: {exc}", where) from None
            need(ex.expect, f"expectation {ex.id!r}")
            for n, v in ex.expect.items():
                if isinstance(v, int) and v > self.max_level(n):
                    raise ManifestError(f"expectation {ex.id!r}: {n} = {v}, but {n} has levels "
                                        f"0..{self.max_level(n)}", where)
        for alt in m.alterations.values():
            missing = [b for b in alt.backgrounds if b not in m.backgrounds]
            if missing and not alt.if_missing:
                hint = closest(missing[0], m.backgrounds)
                tip = f"; did you mean {hint!r}?" if hint else ""
                raise ManifestError(f'[alterations."{alt.name}"] names background '
                                    f"{missing[0]!r}, which [backgrounds] does not define{tip} "
                                    "(give 'if_missing' to tolerate it)", where)
        for mx in m.marker_expectations:
            try:
                for drug_name in mx.drugs:  # each drug is judged on its own
                    self.resolve(None, Perturbation(drugs=[drug_name],
                                                    backgrounds=[mx.background]))
            except UnknownNameError as exc:
                raise ManifestError(f"marker expectation {mx.id!r}: {exc}", where) from None

    # ------------------------------------------------------------------ views
    @property
    def nodes(self) -> tuple[str, ...]:
        """Node names in the order the rules define them."""
        return tuple(self._rules)

    @cached_property
    def inputs(self) -> tuple[str, ...]:
        """Nodes whose rule is their own value or a constant (of the unperturbed model)."""
        rules = self.base or self._rules
        return tuple(n for n, e in rules.items() if e == E.Var(n) or isinstance(e, E.Const))

    @property
    def blocked_sites(self) -> frozenset[str]:
        """Drug binding sites blocked by the genetic backgrounds applied so far."""
        return frozenset(s for b in self.applied.backgrounds
                         for s in self.backgrounds[b].blocks_sites)

    @property
    def readouts(self) -> tuple[str, ...]:
        """Phenotype nodes: the manifest's, else the nodes no other node reads (base nodes of
        multi-level nodes only)."""
        if self.manifest.readouts:
            return self.manifest.readouts
        base = {x: b for b, ls in self.levels.items() for x in ls}  # level node -> base
        read = {base.get(v, v) for n, e in self._rules.items() for v in E.variables(e)
                if base.get(v, v) != base.get(n, n)}
        return tuple(n for n in self.nodes if n not in read and n not in self.inputs
                     and n not in self.higher_levels)

    @cached_property
    def levels(self) -> Mapping[str, tuple[str, ...]]:
        """Multi-level nodes (manifest `[levels]`): base name -> its level nodes (X, X_2, ...)."""
        return FrozenMap({b: level_names(b, k) for b, k in self.manifest.levels.items()})

    @cached_property
    def higher_levels(self) -> frozenset[str]:
        """The level nodes X_2, ..., X_k of every multi-level node (not nodes of their own)."""
        return frozenset(n for ls in self.levels.values() for n in ls[1:])

    def max_level(self, node: str) -> int:
        """The highest level of `node`: k for a node with levels 0..k, 1 for a Boolean node."""
        return len(self.levels.get(self._node(node), (node,)))

    def _spread(self, values: Mapping[str, int]) -> dict[str, int]:
        """Node values with a multi-level base node's value given to all its level nodes."""
        out: dict[str, int] = {}
        for node, v in values.items():
            out.update(dict.fromkeys(self.levels.get(node, (node,)), v))
        return out

    @property
    def rules(self) -> Mapping[str, str]:
        """Each node's rule as normalized BoolNet text."""
        return FrozenMap({n: E.to_bnet(e) for n, e in self._rules.items()})

    def rule(self, node: str) -> E.Expr:
        """The expression tree of `node`'s rule."""
        return self._rules[self._node(node)]

    def expr(self, node: str) -> sympy.logic.boolalg.Boolean:
        """`node`'s rule as a sympy Boolean expression."""
        return E.to_sympy(self.rule(node))

    @property
    def environments(self):
        return self.manifest.environments

    @property
    def default_environment(self) -> str | None:
        """The environment used where none is named (`environment="default"`): the manifest's
        first tumour environment, else its first environment, else None (inputs free)."""
        names = self.manifest.tumour_environments or tuple(self.environments)
        return names[0] if names else None

    @property
    def drugs(self):
        return self.manifest.drugs

    @property
    def backgrounds(self):
        return self.manifest.backgrounds

    @property
    def expectations(self):
        return self.manifest.expectations

    @property
    def alterations(self):
        """Gene-level alterations of the manifest (`[alterations."PTEN loss"]`) by name."""
        return self.manifest.alterations

    @cached_property
    def _primes(self) -> dict:
        from ._pyboolnet import primes_of

        primes = primes_of(self._rules)
        if primes is None:  # pyboolnet logs its tool's failure and returns None
            widest = max(self.nodes, key=lambda n: len(E.variables(self._rules[n])))
            raise BoolmtorError(
                f"pyboolnet could not compute the prime implicants of this model (BNetToPrime "
                f"failed); its widest rule, {widest}, reads "
                f"{len(E.variables(self._rules[widest]))} nodes")
        return primes

    @property
    def primes(self) -> dict:
        """pyboolnet prime implicants (a fresh copy: pyboolnet functions may edit them)."""
        return copy.deepcopy(self._primes)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """Signed interaction graph: edge `sign` +1 / -1, or 0 with `signs` {+1, -1} if both."""
        import networkx as nx

        from ._pyboolnet import primes2igraph

        ig = primes2igraph(self._primes)
        g = nx.DiGraph()
        g.add_nodes_from(self.nodes)
        for u, v, data in ig.edges(data=True):
            signs = frozenset(data["sign"])
            g.add_edge(u, v, signs=signs, sign=next(iter(signs)) if len(signs) == 1 else 0)
        return nx.freeze(g)  # cached and shared: a caller's edit must not change the model

    @cached_property
    def version(self) -> str:
        """Short hash of the rules: the model's version in reports."""
        return hashlib.sha256(self.to_bnet().encode()).hexdigest()[:12]

    def to_bnet(self) -> str:
        """The rules as BoolNet text, one `node, rule` line per node."""
        width = max(len(n) for n in self.nodes)
        return "".join(f"{n:<{width}}, {E.to_bnet(e)}\n" for n, e in self._rules.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        # the same network whatever the order its rules (and derived readouts) were written in
        return (dict(self._rules) == dict(other._rules)
                and frozenset(self.readouts) == frozenset(other.readouts))

    def __hash__(self) -> int:
        return hash(frozenset(self._rules.items()))  # consistent with __eq__: order-free

    def __repr__(self) -> str:
        fixed = f", fixed={dict(self.fixed)}" if self.fixed else ""
        return f"<Model {self.name or 'unnamed'}: {len(self.nodes)} nodes{fixed}>"

    def _repr_html_(self) -> str:
        """A table of the rules, as Jupyter shows the model."""
        from .reporting.display import model_html
        return model_html(self)

    # ------------------------------------------------------------------ perturbation
    def _node(self, name: str) -> str:
        if name not in self._rules:
            raise UnknownNameError("node", name, self.nodes)
        return name

    def drug(self, name: str) -> Drug:
        """The manifest drug called `name` (case-insensitive; aliases accepted)."""
        wanted = name.lower()
        for drug in self.drugs.values():
            if wanted == drug.name.lower() or wanted in (a.lower() for a in drug.aliases):
                return drug
        raise UnknownNameError("drug", name, self.drugs, _no_manifest(self, "drugs"))

    def environment(self, env: str | Mapping[str, int] | None) -> dict[str, int]:
        """Input values of an environment given by name, as a dict, or None (inputs free);
        the name "default" stands for `default_environment`."""
        if env == DEFAULT_ENVIRONMENT:
            env = self.default_environment
        if env is None:
            return {}
        if not isinstance(env, (str, Mapping)):
            raise BoolmtorError(f"environment must be None, a name or a dict of input values "
                                f"(got {env!r})")
        if isinstance(env, str):
            if env not in self.environments:
                raise UnknownNameError("environment", env, self.environments,
                                       _no_manifest(self, "environments"))
            return self._spread(self.environments[env].inputs)
        out = {}
        inputs = {x for n in self.inputs for x in self.levels.get(n, (n,))}
        for node, value in env.items():
            if self._node(node) not in inputs:
                raise BoolmtorError(f"{node} is not an input of the model (inputs: "
                                    f"{', '.join(self.inputs)}); use knockout or overexpress")
            out[node] = _check_value(node, value)
        return self._spread(out)

    def resolve(self, environment: str | Mapping[str, int] | None = None,
                perturbation: Perturbation | None = None) -> dict[str, int]:
        """The nodes fixed by an environment plus a perturbation, precedence applied."""
        p = perturbation or Perturbation()
        values = self.environment(environment)
        blocked: set[str] = set()
        for name in p.backgrounds:
            if name not in self.backgrounds:
                raise UnknownNameError("background", name, self.backgrounds,
                                       _no_manifest(self, "backgrounds"))
            values.update(self._spread(self.backgrounds[name].alterations))
            blocked.update(self.backgrounds[name].blocks_sites)
        by_drugs: dict[str, tuple[int, str]] = {}
        for name in p.drugs:
            drug = self.drug(name)
            if drug.site and drug.site in blocked:
                continue
            for node, value in self._spread(drug.targets).items():
                if node in by_drugs and by_drugs[node][0] != value:
                    raise BoolmtorError(f"drugs {by_drugs[node][1]} and {drug.name} force "
                                        f"{node} to different values")
                by_drugs[node] = (value, drug.name)
        values.update({node: v for node, (v, _) in by_drugs.items()})
        off = self._spread({self._node(n): 0 for n in p.knockout})
        on = self._spread({self._node(n): 1 for n in p.overexpress})
        clash = set(off) & set(on)
        if clash:
            raise BoolmtorError(f"{sorted(clash)[0]} is both knocked out and overexpressed")
        values.update(off)
        values.update(on)
        return values

    @property
    def alternatives(self) -> Mapping[str, tuple[str, ...]]:
        """Uncertain rules: node -> its alternative rules (`# alt:` lines) as BoolNet text."""
        return FrozenMap({n: tuple(E.to_bnet(a) for a in r.alternatives)
                                 for n, r in self.origins.items()
                                 if r.alternatives and n not in self.fixed})

    def variant(self, choice: Mapping[str, int]) -> "Model":
        """The model with `node`'s rule replaced by its alternative number `choice[node]`
        (1 = the first `# alt:` line; 0 = the main rule); perturbations stay applied."""
        rules = dict(self.base or self._rules)
        for node, k in choice.items():
            alts = self.origins[self._node(node)].alternatives if node in self.origins else ()
            if isinstance(k, bool) or not isinstance(k, int) or not 0 <= k <= len(alts):
                raise BoolmtorError(f"{node} has {len(alts)} alternative rule(s); choice must "
                                    f"be in 0..{len(alts)} (got {k!r})")
            if k:
                rules[node] = alts[k - 1]
        return self._reapplied(rules, self.origins)

    def with_rule(self, node: str, rule: str) -> "Model":
        """A new model in which `node` follows `rule` (either syntax); the manifest is kept, and
        so are perturbations already applied (a knocked-out node stays knocked out).

        >>> import boolmtor as bm
        >>> m = bm.Model.from_text("A, B\\nB, A")
        >>> m.with_rule("B", "not A").rules["B"]
        '!A'
        """
        self._node(node)
        (parsed,) = parse_rules(f"{node}, {rule}", f"<rule for {node}>")
        for used, col in parsed.uses:
            if used not in self._rules:
                hint = closest(used, self._rules)
                tip = f"; did you mean {hint!r}?" if hint else ""
                raise UndefinedNodeError(f"rule for {node} names {used!r}, which no rule "
                                         f"defines{tip}", parsed.path, 1, col)
        return self._reapplied({**(self.base or self._rules), node: parsed.expr},
                               FrozenMap({**self.origins, node: parsed}))

    def _reapplied(self, rules: Mapping[str, E.Expr], origins: Mapping[str, Rule]) -> "Model":
        """`rules` as the new unperturbed rules, with this model's perturbations applied again."""
        bare = replace(self, _rules=FrozenMap(rules), origins=origins, fixed=FrozenMap(),
                       applied=Perturbation(), applied_environment=FrozenMap(), base=None)
        return bare.perturb(self.applied, environment=dict(self.applied_environment))

    def fix(self, values: Mapping[str, int]) -> "Model":
        """A new model whose given nodes keep the given values: knockout (0) / overexpression (1)."""
        for node, value in values.items():
            _check_value(self._node(node), value)
        return self.perturb(Perturbation(knockout=[n for n, v in values.items() if v == 0],
                                         overexpress=[n for n, v in values.items() if v == 1]))

    def perturb(self, perturbation: Perturbation | None = None, *,
                environment: str | Mapping[str, int] | None = None) -> "Model":
        """A new model with the perturbation (and environment, if given) applied.

        Perturbations compose: the result is what one perturbation holding everything applied
        so far would give, precedence included (environment < backgrounds < drugs <
        knockout/overexpress); a later environment, knockout or overexpression of a node
        replaces an earlier one.
        """
        p = perturbation or Perturbation()
        if not isinstance(p, Perturbation):
            raise BoolmtorError(f"perturbation must be a bm.Perturbation (got {p!r})")
        env = {**self.applied_environment, **self.environment(environment)}
        earlier = self.applied
        later_on = set(self._spread(dict.fromkeys(p.overexpress, 1)))
        later_off = set(self._spread(dict.fromkeys(p.knockout, 0)))
        applied = Perturbation(  # a node (or level node) altered again: the later one counts
            knockout=[n for n in earlier.knockout if not set(self._spread({n: 0})) & later_on],
            overexpress=[n for n in earlier.overexpress
                         if not set(self._spread({n: 1})) & later_off],
            drugs=earlier.drugs, backgrounds=earlier.backgrounds) + p
        applied = Perturbation(*(tuple(dict.fromkeys(getattr(applied, f))) for f in
                                 ("knockout", "overexpress", "drugs", "backgrounds")))
        values = self.resolve(env, applied)  # checks every name first
        base = self.base or self._rules
        rules = {**base, **{n: E.Const(bool(v)) for n, v in values.items()}}
        return replace(self, _rules=FrozenMap(rules), fixed=FrozenMap(values), applied=applied,
                       applied_environment=FrozenMap(env), base=base)

    def condition(self, condition: Condition) -> "Model":
        """The model under a manifest `Condition` (environment, backgrounds, drugs)."""
        return self.perturb(Perturbation(drugs=condition.drugs, backgrounds=condition.backgrounds),
                            environment=condition.environment)


def _read(manifest: str | Path | Manifest | None) -> Manifest:
    """A `Manifest` as given, read from a path, or the empty one for None."""
    if manifest is None:
        return Manifest()
    if isinstance(manifest, Manifest):
        return manifest
    if not isinstance(manifest, (str, Path)):
        raise BoolmtorError(f"manifest must be a path to a .toml file or a bm.Manifest (got "
                            f"{manifest!r})")
    return read_manifest(manifest)


def _no_manifest(model: Model, what: str) -> str:
    """What an unknown-name error says when the model's manifest defines no `what` at all."""
    if model.manifest.path:
        return f"the manifest {model.manifest.path} defines no {what} (docs/manifest.md)"
    return (f"this model has no manifest, so no {what}; write one (docs/manifest.md) as "
            "NAME.toml beside the rules file NAME.bnet, or pass manifest= (CLI: --manifest "
            "PATH)")


def _free_inputs(rules: list[Rule], origins: Mapping[str, Rule], strict: bool) -> list[Rule]:
    """A rule `X, X` for each regulator no rule defines (BoolNet's, pyboolnet's and AEON's
    reading), after a `ModelWarning` naming them; with `strict`, an `UndefinedNodeError`.

    A name only an alternative rule (`# alt:`) reads is always an error: an alternative must
    not add nodes to the model.
    """
    free: dict[str, tuple[Rule, int | None]] = {}
    for rule in rules:
        for used, col in rule.uses:
            if used in origins or used in free:
                continue
            if strict or used not in E.variables(rule.expr):
                hint = closest(used, origins)
                tip = f"; did you mean {hint!r}?" if hint else ""
                raise UndefinedNodeError(
                    f"rule for {rule.node} names {used!r}, which no rule defines{tip}",
                    rule.path, rule.line, col)
            free[used] = (rule, col)
    if not free:
        return []
    first, col = next(iter(free.values()))
    where = f"{first.path or '<text>'}:{first.line}"
    shown = ", ".join(list(free)[:20]) + (", ..." if len(free) > 20 else "")
    # typo hints for the first names only: difflib over every node name costs ~0.1 s per name
    # on a 1,000-node model, and a model with hundreds of free inputs is not a typo
    hints = [f"{n!r} (did you mean {h!r}?)" for n in list(free)[:10]
             if (h := closest(n, origins))]
    tip = f"; check for typos: {', '.join(hints[:5])}" if hints else ""
    warnings.warn(f"{where}: {len(free)} regulator{'s' * (len(free) != 1)} without a rule "
                  f"read as free input{'s' * (len(free) != 1)}: {shown}{tip} (strict=True "
                  "makes this an error)", ModelWarning, stacklevel=2)
    return [Rule(n, E.Var(n), r.path, r.line, c, implicit=True) for n, (r, c) in free.items()]


def packaged_rules() -> Path:
    """`boolmtor/rules` in an installed wheel, else `rules/` of a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if (installed / "mtor").is_dir() else here.parent / "rules"


def load_model(path: str | Path | None = None, *, strict: bool = False,
               manifest: str | Path | Manifest | None = None) -> Model:
    """The curated mTOR model (no argument), or the model in a `.bnet`/SBML file or rules
    folder; `strict=True`: a regulator without a rule is an error, not a free input;
    `manifest`: a `.toml` path or `Manifest` instead of the one beside the rules
    (docs/manifest.md)."""
    if path is None:
        return Model.from_folder(packaged_rules() / "mtor", strict=strict, manifest=manifest)
    return Model.from_file(path, strict=strict, manifest=manifest)
