"""The manifest `model.toml` beside a model's rules: environments, drugs, backgrounds, expectations."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .types import FrozenMap

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import BoolmtorError, ManifestError

EXPECTED_VALUES = ("on", "off", "active", "inactive", "up", "down")
"""What an expectation may say of a node (or an integer level); judged as in
docs/semantics.md."""

DEFAULT_ENVIRONMENT = "default"
"""The environment name that stands for the model's default environment
(`Model.default_environment`); no manifest environment may take it."""

MARKER_EFFECTS = ("sensitizing", "resistance", "neutral")
"""What a marker expectation may say a background does to a drug (as `Marker.effect`)."""


MODEL_KEYS = ("name", "title", "description", "rules", "readouts", "tumour_environments",
              "efficacy")
"""The keys of `[model]`; any other is an error (docs/manifest.md)."""

EXPECTATION_KEYS = ("id", "environment", "backgrounds", "drugs", "expect", "compare_to", "ref",
                    "disagreement")
"""The keys of an `[[expectations]]` table."""


def _frozen(mapping: Mapping) -> Mapping:
    return FrozenMap(dict(mapping))


@dataclass(frozen=True)
class Environment:
    """A named setting of input nodes (e.g. growth: GF=1, AA=1)."""

    name: str
    inputs: Mapping[str, int]
    description: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Drug:
    """A drug: the nodes it forces, its class and the binding site a mutation may block."""

    name: str
    drug_class: str
    targets: Mapping[str, int]
    site: str = ""
    aliases: tuple[str, ...] = ()
    ref: str = ""


@dataclass(frozen=True)
class Background:
    """A genetic background: nodes a mutation fixes, and drug binding sites it blocks."""

    name: str
    alterations: Mapping[str, int]
    blocks_sites: tuple[str, ...] = ()
    description: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Condition:
    """Where a prediction is made: an environment, genetic backgrounds and drugs."""

    environment: str | None = None
    backgrounds: tuple[str, ...] = ()
    drugs: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [self.environment or "inputs free", *self.backgrounds, *self.drugs]
        return " + ".join(parts)


@dataclass(frozen=True)
class Expectation:
    """A literature statement: in `condition`, nodes are expected on/off/active/up/down."""

    id: str
    condition: Condition
    expect: Mapping[str, str | int]
    ref: str
    compare_to: Condition | None = None
    disagreement: str = ""


@dataclass(frozen=True)
class MarkerExpectation:
    """A literature biomarker statement: `background` is `effect` to each of `drugs`."""

    id: str
    statement: str
    background: str
    drugs: tuple[str, ...]
    effect: str
    ref: str
    disagreement: str = ""


@dataclass(frozen=True)
class Alteration:
    """A gene-level alteration (e.g. "PTEN loss") and the genetic backgrounds that model it.

    `modelled` is False for alterations the model cannot represent (`reason` says why);
    `if_missing` is the note shown when this model lacks one of `backgrounds` (without it, a
    missing background is a manifest error).
    """

    name: str
    gene: str
    backgrounds: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    modelled: bool = True
    reason: str = ""
    if_missing: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Manifest:
    """Everything `model.toml` says besides the rules; empty for a bare `.bnet` file."""

    name: str = ""
    title: str = ""
    description: str = ""
    rules: tuple[str, ...] = ()
    readouts: tuple[str, ...] = ()
    tumour_environments: tuple[str, ...] = ()
    modules: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    environments: Mapping[str, Environment] = field(default_factory=lambda: _frozen({}))
    drugs: Mapping[str, Drug] = field(default_factory=lambda: _frozen({}))
    backgrounds: Mapping[str, Background] = field(default_factory=lambda: _frozen({}))
    expectations: tuple[Expectation, ...] = ()
    marker_expectations: tuple[MarkerExpectation, ...] = ()
    rates: Mapping[str, tuple[float, float]] = field(default_factory=lambda: _frozen({}))
    """(up, down) MaBoSS rates of the nodes `[rates]` names; every other node has 1.0, 1.0."""
    levels: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    """Multi-level nodes: base name -> maximum level k (level nodes X, X_2, ..., X_k)."""
    lines: Mapping[str, int] = field(default_factory=lambda: _frozen({}), compare=False)
    """Line in `model.toml` of each `[levels]` entry, for error messages."""
    alterations: Mapping[str, Alteration] = field(default_factory=lambda: _frozen({}))
    """Gene-level alterations (`[alterations."PTEN loss"]`) by name; see `bm.predict`."""
    path: str = field(default="", compare=False)
    """The file this manifest was read from ("" if none), for error messages."""
    efficacy: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    """`[model] efficacy`: readout -> +1 (a drug should raise it) or -1 (lower it); empty:
    the default objective of `response.objective`."""


class _Reader:
    """Reads the TOML tables with errors that name the file and, where found, the line."""

    def __init__(self, text: str, path: str):
        self.text, self.path = text, path

    def error(self, message: str, needle: str | None = None) -> ManifestError:
        line = None
        if needle:
            for number, raw in enumerate(self.text.splitlines(), start=1):
                if needle in raw:
                    line = number
                    break
        return ManifestError(message, self.path, line)

    def key_line(self, table: str, key: str) -> int | None:
        """The line of `key = ...` inside the TOML table `[table]` (None if not found)."""
        inside = False
        for number, raw in enumerate(self.text.splitlines(), start=1):
            line = raw.strip()
            if line.startswith("["):
                inside = line.split("#")[0].strip() == f"[{table}]"
            elif inside and re.match(rf'["\']?{re.escape(key)}["\']?\s*=', line):
                return number
        return None

    def table(self, data: Mapping, key: str, where: str) -> Mapping:
        value = data.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(f"{where}: '{key}' must be a table", key)
        return value

    def known(self, data: object, keys: tuple[str, ...], where: str, needle: str) -> Mapping:
        """`data` as a table holding only `keys` (a misspelt key must not be ignored)."""
        if not isinstance(data, Mapping):
            raise self.error(f"{where} must be a table", needle)
        unknown = sorted(set(data) - set(keys))
        if unknown:
            raise self.error(f"{where}: unknown key {unknown[0]!r}; expected "
                             f"{', '.join(keys)}", needle)
        return data

    def values(self, data: Mapping, key: str, where: str) -> Mapping[str, int]:
        raw = self.table(data, key, where)
        for node, value in raw.items():
            if value not in (0, 1) or isinstance(value, float):
                raise self.error(f"{where}: {node} must be 0 or 1 (got {value!r})", where)
        return _frozen({node: int(v) for node, v in raw.items()})

    def names(self, data: Mapping, key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(f"{where}: '{key}' must be a list of names", where)
        return tuple(value)

    def rates(self, data: Mapping) -> Mapping[str, tuple[float, float]]:
        out = {}
        for node, t in self.table(data, "rates", "manifest").items():
            where = f"[rates] {node}"
            if not isinstance(t, Mapping) or set(t) - {"up", "down"}:
                raise self.error(f"{where} must be a table {{ up = RATE, down = RATE }}", node)
            pair = (t.get("up", 1.0), t.get("down", 1.0))
            if not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                       and 0 <= x < float("inf") for x in pair):
                raise self.error(f"{where}: rates must be finite numbers >= 0 (got "
                                 f"up={pair[0]!r}, down={pair[1]!r})", node)
            out[node] = (float(pair[0]), float(pair[1]))
        return _frozen(out)

    def levels(self, data: Mapping) -> tuple[Mapping[str, int], Mapping[str, int]]:
        """The [levels] table (base -> maximum level) and the line of each entry."""
        raw = self.table(data, "levels", "manifest")
        lines = {node: self.key_line("levels", node) for node in raw}
        for node, k in raw.items():
            if isinstance(k, bool) or not isinstance(k, int) or k < 2:
                raise ManifestError(f"[levels] {node} must be an integer maximum level >= 2 "
                                    f"(got {k!r})", self.path, lines[node])
        for node in raw:
            for base, k in raw.items():
                if node in level_names(base, k)[1:]:
                    raise ManifestError(f"[levels] {node} is a level node of {base} = {k}; "
                                        f"declare only the base node {base}", self.path,
                                        lines[node])
        return _frozen(raw), _frozen(lines)

    def string(self, data: Mapping, key: str, where: str) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise self.error(f"{where}: '{key}' must be a string", where)
        return value

    def condition(self, data: Mapping, where: str, default: Condition | None = None) -> Condition:
        base = default or Condition()
        env = data.get("environment", base.environment)
        if env is not None and not isinstance(env, str):
            raise self.error(f"{where}: 'environment' must be a name", where)
        return Condition(
            env,
            self.names(data, "backgrounds", where) if "backgrounds" in data else base.backgrounds,
            self.names(data, "drugs", where) if "drugs" in data else base.drugs,
        )


def load_manifest(text: str, path: str) -> Manifest:
    """Parse `model.toml` text; structural checks only (names are checked against the rules later)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (None, None)
        message = re.sub(r"\s*\(at .*\)$", "", str(exc))
        raise ManifestError(f"invalid TOML: {message}", path, line, col) from None
    r = _Reader(text, path)
    head = r.known(r.table(data, "model", "[model]"), MODEL_KEYS, "[model]", "[model]")
    if DEFAULT_ENVIRONMENT in r.table(data, "environments", "manifest"):
        raise r.error(f"[environments.{DEFAULT_ENVIRONMENT}]: the name {DEFAULT_ENVIRONMENT!r} is "
                      "reserved (it stands for the model's default environment); rename it",
                      f"environments.{DEFAULT_ENVIRONMENT}")
    envs = {}
    for name, t in r.table(data, "environments", "manifest").items():
        where = f"[environments.{name}]"
        r.known(t, ("inputs", "description", "ref"), where, where)
        envs[name] = Environment(name, r.values(t, "inputs", where),
                                 r.string(t, "description", name), r.string(t, "ref", name))
    drugs = {}
    for name, t in r.table(data, "drugs", "manifest").items():
        where = f"[drugs.{name}]"
        r.known(t, ("class", "targets", "site", "aliases", "ref"), where, where)
        if not t.get("class"):
            raise r.error(f"{where}: missing 'class' (e.g. \"rapalog\")", where)
        drugs[name] = Drug(name, r.string(t, "class", where), r.values(t, "targets", where),
                           r.string(t, "site", where), r.names(t, "aliases", where),
                           r.string(t, "ref", where))
    backgrounds = {}
    for name, t in r.table(data, "backgrounds", "manifest").items():
        where = f"[backgrounds.{name}]"
        r.known(t, ("alterations", "blocks_sites", "description", "ref"), where, where)
        backgrounds[name] = Background(name, r.values(t, "alterations", where),
                                       r.names(t, "blocks_sites", name),
                                       r.string(t, "description", name), r.string(t, "ref", name))
    expectations = []
    seen: set[str] = set()
    for number, t in enumerate(data.get("expectations", []), start=1):
        if not isinstance(t, Mapping):
            raise r.error(f"expectation {number} must be a table [[expectations]]",
                          "expectations")
        ident = t.get("id") or f"expectation-{number}"
        where = f"expectation {ident!r}"
        r.known(t, EXPECTATION_KEYS, where, f'"{ident}"' if "id" in t else "[[expectations]]")
        if ident in seen:
            raise r.error(f"{where} is defined twice", f'"{ident}"')
        seen.add(ident)
        cond = r.condition(t, where)
        expect = dict(r.table(t, "expect", where))
        for node, value in expect.items():
            level = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            if value not in EXPECTED_VALUES and not level:
                raise r.error(f"{where}: {node} = {value!r}; expected one of "
                              f"{', '.join(EXPECTED_VALUES)} or a level (0, 1, 2, ...)",
                              f'"{ident}"')
        compare = t.get("compare_to")
        if compare is not None:
            r.known(compare, ("environment", "backgrounds", "drugs"), f"{where}: compare_to",
                    f'"{ident}"')
        compare_to = r.condition(compare, where, cond) if compare is not None else None
        if compare_to is None and any(v in ("up", "down") for v in expect.values()):
            raise r.error(f"{where}: 'up'/'down' need a 'compare_to' condition", f'"{ident}"')
        expectations.append(Expectation(ident, cond, _frozen(expect), r.string(t, "ref", where),
                                        compare_to, r.string(t, "disagreement", where)))
    levels, lines = r.levels(data)
    efficacy = r.table(head, "efficacy", "[model]")
    for node, sign in efficacy.items():
        if sign not in (1, -1) or isinstance(sign, (bool, float)):
            raise r.error(f"[model] efficacy: {node} must be 1 (a drug should raise it) or -1 "
                          f"(lower it) (got {sign!r})", "efficacy")
    return Manifest(
        path=path,
        efficacy=_frozen(efficacy),
        levels=levels,
        lines=lines,
        alterations=_alterations(r, data),
        marker_expectations=_marker_expectations(r, data),
        rates=r.rates(data),
        name=r.string(head, "name", "[model]"),
        title=r.string(head, "title", "[model]"),
        description=r.string(head, "description", "[model]"),
        rules=r.names(head, "rules", "[model]"),
        readouts=r.names(head, "readouts", "[model]"),
        tumour_environments=r.names(head, "tumour_environments", "[model]"),
        modules=_frozen({k: tuple(v) for k, v in r.table(data, "modules", "manifest").items()}),
        environments=_frozen(envs),
        drugs=_frozen(drugs),
        backgrounds=_frozen(backgrounds),
        expectations=tuple(expectations),
    )


def read_manifest(path: str | Path) -> Manifest:
    """The manifest in the TOML file at `path` (format: docs/manifest.md)."""
    from .parser import decode

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise BoolmtorError(f"{p}: cannot read manifest ({exc.strerror})") from None
    return load_manifest(decode(data, str(p)), str(p))


def level_names(base: str, k: int) -> tuple[str, ...]:
    """The level nodes of a node with levels 0..k: (X, X_2, ..., X_k)."""
    return (base, *(f"{base}_{j}" for j in range(2, k + 1)))


def _marker_expectations(r: _Reader, data: Mapping) -> tuple[MarkerExpectation, ...]:
    """The [[marker_expectations]] tables (names are checked against the model later)."""
    found, seen = [], set()
    raw = data.get("marker_expectations", [])
    if not isinstance(raw, list):
        raise r.error("'marker_expectations' must be an array of tables [[marker_expectations]]",
                      "marker_expectations")
    for number, t in enumerate(raw, start=1):
        if not isinstance(t, Mapping):
            raise r.error(f"marker expectation {number} must be a table", "marker_expectations")
        ident = t.get("id") or f"marker-expectation-{number}"
        where = f"marker expectation {ident!r}"
        r.known(t, ("id", "statement", "background", "drugs", "effect", "ref", "disagreement"),
                where, f'"{ident}"' if "id" in t else "marker_expectations")
        if ident in seen:
            raise r.error(f"{where} is defined twice", f'"{ident}"')
        seen.add(ident)
        needle = f'"{ident}"' if "id" in t else "marker_expectations"
        background = r.string(t, "background", where)
        drugs = r.names(t, "drugs", where)
        effect = r.string(t, "effect", where)
        if not background:
            raise r.error(f"{where}: missing 'background' (a [backgrounds] name)", needle)
        if not drugs:
            raise r.error(f"{where}: 'drugs' must name at least one drug", needle)
        if effect not in MARKER_EFFECTS:
            raise r.error(f"{where}: effect must be one of {', '.join(MARKER_EFFECTS)} "
                          f"(got {effect!r})", needle)
        found.append(MarkerExpectation(ident, r.string(t, "statement", where), background,
                                       drugs, effect, r.string(t, "ref", where),
                                       r.string(t, "disagreement", where)))
    return tuple(found)


def fold(name: str) -> str:
    """An alteration name as matched: case, spacing, '_' and '-' between words ignored."""
    return " ".join(re.split(r"[\s_]+", str(name).strip().casefold()))


def _alterations(r: _Reader, data: Mapping) -> Mapping[str, Alteration]:
    """The [alterations."NAME"] tables (background names are checked against the model later)."""
    found: dict[str, Alteration] = {}
    owner: dict[str, str] = {}  # folded name or alias -> the alteration it names
    for name, t in r.table(data, "alterations", "manifest").items():
        where = f'[alterations."{name}"]'
        needle = f'"{name}"' if f'"{name}"' in r.text else name
        if not isinstance(t, Mapping):
            raise r.error(f"{where} must be a table", needle)
        unknown = set(t) - {"gene", "aliases", "backgrounds", "modelled", "reason",
                            "if_missing", "ref"}
        if unknown:
            raise r.error(f"{where}: unknown key {sorted(unknown)[0]!r}; expected gene, aliases, "
                          "backgrounds, modelled, reason, if_missing, ref", needle)
        gene = r.string(t, "gene", where)
        if not gene:
            raise r.error(f"{where}: missing 'gene' (e.g. \"PTEN\")", needle)
        modelled = t.get("modelled", True)
        if not isinstance(modelled, bool):
            raise r.error(f"{where}: 'modelled' must be true or false (got {modelled!r})", needle)
        backgrounds = r.names(t, "backgrounds", where)
        reason = r.string(t, "reason", where)
        if modelled and not backgrounds:
            raise r.error(f"{where}: 'backgrounds' must name at least one background "
                          "(or set modelled = false with a reason)", needle)
        if not modelled and (backgrounds or not reason):
            raise r.error(f"{where}: an alteration with modelled = false takes a 'reason' "
                          "and no 'backgrounds'", needle)
        if not r.string(t, "ref", where):
            raise r.error(f"{where}: missing 'ref' (authors, year, journal, DOI or PMID)", needle)
        alt = Alteration(name, gene, backgrounds, r.names(t, "aliases", where), modelled, reason,
                         r.string(t, "if_missing", where), r.string(t, "ref", where))
        for label in (name, *alt.aliases):
            key = fold(label)
            if key in owner:
                raise r.error(f"{where}: {label!r} already names alteration "
                              f"{owner[key]!r}", needle)
            owner[key] = name
        found[name] = alt
    return _frozen(found)
