"""Predictions for a tumour's own alterations: its drugs and drug pairs, ranked.

`bm.predict(model, "PTEN loss, KRAS G12D")` maps gene-level alterations to genetic backgrounds
through the manifest's `[alterations]` table, applies them all together, and ranks one drug
per class (or the drugs given) and every pair of them by their response against the untreated
tumour (docs/semantics.md, "Predictions for a tumour's alterations"). Ties are stated as ties.

Examples
--------
>>> import boolmtor as bm
>>> p = bm.predict(bm.load_model(), "PTEN loss, TP53 R175H", environment="growth", pairs=False)
>>> p.backgrounds, dict(p.not_modelled)
(('PTEN_loss',), {'TP53 mutation': 'the model has no p53 node or DNA-damage response'})
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ._timeout import with_timeout
from .errors import BoolmtorError, UnknownAlterationError
from .manifest import Alteration, fold
from .model import Model, _names
from .combinations import combinations
from .response import (_check_start, _environment_label, _environments, representatives,
                       response)
from .results import TIE
from .types import FrozenMap
from .weights import DEFAULT_SAMPLES, DEFAULT_SEED

MEASURE = "efficacy"
"""The response column `predict` ranks by (larger = stronger effect against the tumour)."""

_PAIR_ID_COLUMNS = ("environment", "background", "drug_a", "drug_b", "class_a", "class_b",
                    "efficacy_a", "efficacy_b", "best_single", "exact")


# ---------------------------------------------------------------------------- the measure
# The two functions below are the only places that read a response: a new response column
# (Response.gr, .cytostatic, .cytotoxic, .kind, confidence, combinations' excess_over_bliss)
# is added here and flows into Choice.measures, Prediction.table() and to_dict().
def _single(model: Model, drug: str, backgrounds: tuple[str, ...], environment,
            run: Mapping) -> tuple[dict, bool, dict]:
    """One drug in one environment: (its response columns, exact, untreated readout scores)."""
    r = response(model, drug, background=backgrounds, environment=environment,
                 **run)
    columns = {MEASURE: r.efficacy, **{f"{n}_delta": r.change(n) for n in r.objective}}
    return columns, r.exact, {n: r.untreated[n] for n in r.readouts}


def _pairs(model: Model, drugs: tuple[str, ...], backgrounds: tuple[str, ...], environments,
           run: Mapping) -> list[tuple[tuple[str, str], str | None, dict, bool]]:
    """Every pair of `drugs` in each environment: ((a, b), environment, columns, exact)."""
    table = combinations(model, drugs, backgrounds, list(environments), **run)
    out = []
    for row in table.to_dict("records"):
        columns = {MEASURE: row["efficacy_pair"],
                   **{k: v for k, v in row.items()
                      if k not in _PAIR_ID_COLUMNS and k != "efficacy_pair"}}
        out.append(((row["drug_a"], row["drug_b"]), row["environment"], columns,
                    bool(row["exact"])))
    return out


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Choice:
    """A treatment (one drug or a pair) ranked for a tumour.

    `score` is the mean of the ranking measure (`MEASURE`, efficacy) over the environments;
    `measures[environment]` holds every response column there (efficacy, readout deltas and,
    for pairs, `excess_over_best_single`). `rank` is dense: treatments whose scores tie share
    a rank.
    """

    drugs: tuple[str, ...]
    classes: tuple[str, ...]
    rank: int
    score: float
    measures: Mapping[str, Mapping[str, float]]
    exact: bool = True

    def __post_init__(self):
        object.__setattr__(self, "measures", FrozenMap(
            {env: FrozenMap(dict(cols)) for env, cols in self.measures.items()}))

    @property
    def name(self) -> str:
        return " + ".join(self.drugs)

    @property
    def kind(self) -> str:
        return "single" if len(self.drugs) == 1 else "pair"

    def mean(self, column: str) -> float:
        """The mean of one response column over the environments."""
        return sum(m[column] for m in self.measures.values()) / len(self.measures)

    def to_dict(self) -> dict:
        return {"drugs": list(self.drugs), "classes": list(self.classes), "rank": self.rank,
                "score": self.score, "exact": self.exact,
                "measures": {env: dict(cols) for env, cols in self.measures.items()}}


@dataclass(frozen=True)
class Prediction:
    """Ranked single drugs and pairs for a tumour with the given alterations.

    `matched` maps each alteration as given to its entry in the alteration table;
    `backgrounds` are the genetic backgrounds applied together; `not_modelled` maps the
    alterations the model cannot represent to the reason. `untreated[environment]` holds the
    untreated tumour's readout scores. `statements` says in words which treatments tie.
    """

    alterations: tuple[str, ...]
    matched: Mapping[str, str]
    backgrounds: tuple[str, ...]
    not_modelled: Mapping[str, str]
    environments: tuple[str, ...]
    untreated: Mapping[str, Mapping[str, float]]
    singles: tuple[Choice, ...]
    pairs: tuple[Choice, ...] = ()
    measure: str = MEASURE
    sample: str = ""

    def __post_init__(self):
        for name in ("matched", "not_modelled"):
            object.__setattr__(self, name, FrozenMap(dict(getattr(self, name))))
        object.__setattr__(self, "untreated", FrozenMap(
            {env: FrozenMap(dict(v)) for env, v in self.untreated.items()}))

    @property
    def best_singles(self) -> tuple[Choice, ...]:
        """Every single drug of rank 1 (several when they tie)."""
        return tuple(c for c in self.singles if c.rank == 1)

    @property
    def best_pairs(self) -> tuple[Choice, ...]:
        """Every pair of rank 1 (several when they tie)."""
        return tuple(c for c in self.pairs if c.rank == 1)

    @property
    def statements(self) -> tuple[str, ...]:
        """What the ranking says, ties stated as ties (no tie-broken winner)."""
        out = []
        label = self.sample or "this tumour"
        if not self.backgrounds:
            out.append("no alteration is modelled: the tumour is the wild type in this model")
        singles_tie = _all_tie(self.singles)
        pairs_tie = _all_tie(self.pairs)
        if singles_tie and pairs_tie and len(self.singles) > 1 and self.pairs:
            out.append(f"no class or pair differs in this model for {label} (every drug "
                       f"{self.measure} {self.singles[0].score:+.3f}, every pair "
                       f"{self.pairs[0].score:+.3f})")
        else:
            out.append(_best("drug", self.singles, label, self.measure))
            if self.pairs:
                out.append(_best("pair", self.pairs, label, self.measure))
        if self.pairs and "excess_over_best_single" in self.pairs[0].measures[
                self.environments[0]]:
            if all(c.mean("excess_over_best_single") <= TIE for c in self.pairs):
                out.append("no pair does more than the better of its two drugs")
        for name, reason in self.not_modelled.items():
            out.append(f"not modelled: {name} ({reason})")
        return tuple(out)

    def table(self):
        """One row per treatment (singles, then pairs): kind, rank, treatment, classes, the
        mean measure, then every response column per environment (`<column>_<environment>`)."""
        import pandas as pd

        rows = []
        for c in (*self.singles, *self.pairs):
            row = {"sample": self.sample, "kind": c.kind, "rank": c.rank, "treatment": c.name,
                   "classes": " + ".join(c.classes), self.measure: c.score, "exact": c.exact}
            for env, cols in c.measures.items():
                row.update({f"{k}_{env}": v for k, v in cols.items()})
            rows.append(row)
        table = pd.DataFrame(rows)
        return table if self.sample else table.drop(columns="sample")

    def to_dict(self) -> dict:
        return {"sample": self.sample, "alterations": list(self.alterations),
                "matched": dict(self.matched), "backgrounds": list(self.backgrounds),
                "not_modelled": dict(self.not_modelled),
                "environments": list(self.environments), "measure": self.measure,
                "untreated": {e: dict(v) for e, v in self.untreated.items()},
                "singles": [c.to_dict() for c in self.singles],
                "pairs": [c.to_dict() for c in self.pairs],
                "statements": list(self.statements)}

    def __str__(self) -> str:
        envs = self.environments
        head = (f"Prediction for {self.sample + ': ' if self.sample else ''}"
                f"{', '.join(self.alterations)} (backgrounds: "
                f"{' + '.join(self.backgrounds) or 'none (wild type)'}; "
                f"{self.measure} vs the untreated tumour, mean over {', '.join(envs)})")
        lines = [head]
        for env, scores in self.untreated.items():
            lines.append(f"  untreated in {env}: " + "  ".join(f"{r} {v:.2f}"
                                                               for r, v in scores.items()))
        for title, choices in (("single drugs", self.singles), ("pairs", self.pairs)):
            if not choices:
                continue
            width = max(len(c.name) for c in choices)
            cwidth = max(len(" + ".join(c.classes)) for c in choices)
            lines.append(f"{title}:")
            lines.append(f"  rank  {'treatment':<{width}}  {'class':<{cwidth}}  "
                         f"{self.measure:>8}  " + "  ".join(f"{e:>{max(7, len(e))}}"
                                                           for e in envs))
            for c in choices:
                per_env = "  ".join(f"{c.measures[e][self.measure]:>+{max(7, len(e))}.3f}"
                                    for e in envs)
                flag = "" if c.exact else "  (estimated)"
                lines.append(f"  {c.rank:>4}  {c.name:<{width}}  "
                             f"{' + '.join(c.classes):<{cwidth}}  {c.score:>+8.3f}  "
                             f"{per_env}{flag}")
        lines += [f"- {s}" for s in self.statements]
        return "\n".join(lines)


def _all_tie(choices: Sequence[Choice]) -> bool:
    return bool(choices) and all(abs(c.score - choices[0].score) <= TIE for c in choices)


def _best(what: str, choices: Sequence[Choice], label: str, measure: str) -> str:
    top = [c for c in choices if c.rank == 1]
    plural = "pairs" if what == "pair" else "drugs"
    if len(choices) > 1 and len(top) == len(choices):
        return (f"no {'pair' if what == 'pair' else 'drug class'} differs in this model for "
                f"{label} (every {what}: {measure} {top[0].score:+.3f})")
    if len(top) > 1:
        return (f"{len(top)} {plural} tie at the top ({measure} {top[0].score:+.3f}): "
                f"{', '.join(c.name for c in top)}")
    return f"best {what}: {top[0].name} ({measure} {top[0].score:+.3f})"


def _ranked(items: Sequence[tuple[tuple[str, ...], tuple[str, ...], dict, bool]]
            ) -> tuple[Choice, ...]:
    """Choices from (drugs, classes, {environment: columns}, exact), best first, dense ranks."""
    scored = []
    for drugs, classes, measures, exact in items:
        score = sum(m[MEASURE] for m in measures.values()) / len(measures)
        scored.append((drugs, classes, measures, exact, score))
    scored.sort(key=lambda t: (-t[4], t[0]))
    out, rank, previous = [], 0, None
    for drugs, classes, measures, exact, score in scored:
        if previous is None or score < previous - TIE:
            rank += 1
            previous = score
        out.append(Choice(drugs, classes, rank, score, measures, exact))
    return tuple(out)


# ---------------------------------------------------------------------------- matching
def split_alterations(alterations: str | Iterable[str]) -> tuple[str, ...]:
    """Alteration names from one comma-separated string or a list of them (blanks dropped)."""
    if isinstance(alterations, str):
        alterations = [alterations]
    if not isinstance(alterations, Iterable) or not all(isinstance(a, str)
                                                         for a in alterations):
        raise BoolmtorError(f"alterations must be a string or a list of strings "
                            f"(got {alterations!r})")
    parts = [p.strip() for a in alterations for p in a.replace(";", ",").split(",")]
    return tuple(p for p in parts if p)


def _index(model: Model) -> dict[str, Alteration]:
    """Folded name, alias or background name -> the alteration it names."""
    index = {}
    for bg in model.backgrounds.values():  # a background name works as an alteration too
        index[fold(bg.name)] = Alteration(bg.name, "", (bg.name,), ref=bg.ref)
    for alt in model.alterations.values():
        for label in (alt.name, *alt.aliases):
            index[fold(label)] = alt
    return index


def _unknown(model: Model, name: str) -> UnknownAlterationError:
    """The one-line error for an alteration not in the table, naming the closest ones."""
    alts = list(model.alterations.values())
    genes = {a.gene.casefold(): a.gene for a in alts}
    token = name.split()[0].casefold() if name.split() else ""
    labels = [label for a in alts for label in (a.name, *a.aliases)]
    if token in genes:
        gene = genes[token]
        own = [label for a in alts if a.gene == gene for label in (a.name, *a.aliases)]
        close = difflib.get_close_matches(fold(name), [fold(x) for x in own], n=3, cutoff=0.3)
        hint = [x for c in close for x in own if fold(x) == c]
        return UnknownAlterationError(
            name, f"unknown alteration {name!r} of {gene}"
            + (f" (closest: {', '.join(map(repr, hint))})" if hint else "")
            + f"; known for {gene}: {', '.join(own)}", labels)
    close = difflib.get_close_matches(fold(name), [fold(x) for x in labels], n=3, cutoff=0.5)
    hint = list(dict.fromkeys(x for c in close for x in labels if fold(x) == c))
    gene_hint = difflib.get_close_matches(token, list(genes), n=2, cutoff=0.5)
    parts = [f"unknown alteration {name!r}"]
    if hint:
        parts.append(f" (closest: {', '.join(map(repr, hint))})")
    elif gene_hint:
        parts.append(f" (gene {name.split()[0]!r} is not in the table; closest genes: "
                     f"{', '.join(genes[g] for g in gene_hint)})")
    parts.append(f"; genes in the table: {', '.join(sorted(genes.values()))}")
    return UnknownAlterationError(name, "".join(parts), labels)


def match_alterations(model: Model, alterations: str | Iterable[str]
                      ) -> tuple[dict[str, str], tuple[str, ...], dict[str, str]]:
    """Resolve alteration names: ({given: table name}, backgrounds, {table name: reason}).

    Matching ignores case, spacing, '_' and '-'; a background name of the manifest is
    accepted as is. An unknown name raises `UnknownAlterationError` naming the closest ones.
    """
    names = split_alterations(alterations)
    if not names:
        raise BoolmtorError("give at least one alteration (e.g. 'PTEN loss, KRAS G12D')")
    index = _index(model)
    matched, backgrounds, not_modelled = {}, [], {}
    for name in names:
        alt = index.get(fold(name))
        if alt is None:
            raise _unknown(model, name)
        matched[name] = alt.name
        missing = [b for b in alt.backgrounds if b not in model.backgrounds]
        if not alt.modelled:
            not_modelled[alt.name] = alt.reason
        elif missing:
            not_modelled[alt.name] = f"not modelled in this model: {alt.if_missing}"
        else:
            backgrounds += [b for b in alt.backgrounds if b not in backgrounds]
    return matched, tuple(backgrounds), not_modelled


# ---------------------------------------------------------------------------- predict
def _drug_list(model: Model, drugs) -> tuple[str, ...]:
    found = representatives(model) if drugs is None else tuple(
        dict.fromkeys(model.drug(d).name for d in _names(drugs)))
    if not found:
        raise BoolmtorError("predict needs at least one drug (the manifest has none)")
    return found


def _prepare(model: Model, drugs, environment) -> tuple[tuple[str, ...], tuple]:
    """Drug names and environments, every name checked before any computing."""
    drug_names = _drug_list(model, drugs)
    envs = _environments(model, environment)
    for env in envs:
        model.environment(env)
    return drug_names, envs


def _rank(model: Model, backgrounds: tuple[str, ...], drugs: tuple[str, ...], envs: tuple,
          pairs: bool, run: Mapping):
    """(untreated scores per environment, ranked singles, ranked pairs) for some backgrounds."""
    labels = [_environment_label(e) or "inputs free" for e in envs]
    untreated: dict[str, dict] = {}
    single_items = []
    for d in drugs:
        measures, exact = {}, True
        for env, label in zip(envs, labels):
            measures[label], ok, before = _single(model, d, backgrounds, env, run)
            untreated.setdefault(label, before)
            exact &= ok
        single_items.append(((d,), (model.drug(d).drug_class,), measures, exact))
    pair_items = []
    if pairs and len(drugs) >= 2:
        found: dict[tuple[str, str], tuple[dict, bool]] = {}
        for (a, b), env, cols, exact in _pairs(model, drugs, backgrounds, envs, run):
            label = env or "inputs free"
            measures, ok = found.setdefault((a, b), ({}, True))
            measures[label] = cols
            found[(a, b)] = (measures, ok and exact)
        pair_items = [((a, b), (model.drug(a).drug_class, model.drug(b).drug_class),
                       measures, exact) for (a, b), (measures, exact) in found.items()]
    return untreated, _ranked(single_items), _ranked(pair_items)


@with_timeout
def predict(model: Model, alterations: str | Iterable[str], *, environment=None,
            drugs: Sequence[str] | None = None, pairs: bool = True, start: str = "untreated",
            seed: int = DEFAULT_SEED, samples: int = DEFAULT_SAMPLES,
            sample: str = "") -> Prediction:
    """Single drugs and pairs ranked for a tumour with `alterations`.

    Parameters
    ----------
    alterations : gene-level alterations of the manifest's `[alterations]` table ("PTEN loss",
        "PIK3CA H1047R", ...; aliases and background names accepted), as a list or one
        comma-separated string; all are applied together. Alterations the model cannot
        represent are listed in `Prediction.not_modelled`; an unknown name is an error.
    environment : an environment name, a list of them, or a dict of input values; default the
        manifest's tumour environments. The score is the mean over them.
    drugs : drug names; default one per drug class (the first the manifest lists).
    pairs : also rank every pair of the drugs (`bm.combinations`).
    start, seed, samples : as in `bm.response`.
    sample : a label for the tumour (e.g. a cell line) shown in the result.
    """
    _check_start(start)
    matched, backgrounds, not_modelled = match_alterations(model, alterations)
    drug_names, envs = _prepare(model, drugs, environment)
    run = dict(start=start, seed=seed, samples=samples)
    untreated, singles, ranked_pairs = _rank(model, backgrounds, drug_names, envs, pairs, run)
    labels = tuple(_environment_label(e) or "inputs free" for e in envs)
    return Prediction(split_alterations(alterations), matched, backgrounds, not_modelled,
                      labels, untreated, singles, ranked_pairs, MEASURE, sample)


def predict_many(model: Model, samples: Mapping[str, str | Iterable[str]], **kwargs
                 ) -> dict[str, Prediction]:
    """`predict` for several tumours (sample name -> alterations); every name is checked
    before any computing, and tumours with the same backgrounds are computed once."""
    _check_start(kwargs.get("start", "untreated"))
    _prepare(model, kwargs.get("drugs"), kwargs.get("environment"))
    resolved = {}
    for name, alts in samples.items():
        try:
            resolved[name] = match_alterations(model, alts)
        except BoolmtorError as exc:
            if not name:
                raise
            raise type(exc)(*_prefixed(exc, f"sample {name!r}: ")) from None
    done: dict[tuple[str, ...], Prediction] = {}
    out = {}
    for name, alts in samples.items():
        backgrounds = resolved[name][1]
        if backgrounds not in done:
            done[backgrounds] = predict(model, alts, sample=name, **kwargs)
            out[name] = done[backgrounds]
        else:
            first = done[backgrounds]
            matched, _, not_modelled = resolved[name]
            out[name] = Prediction(split_alterations(alts), matched, backgrounds, not_modelled,
                                   first.environments, first.untreated, first.singles,
                                   first.pairs, first.measure, name)
    return out


def _prefixed(exc: BoolmtorError, prefix: str) -> tuple:
    """Constructor arguments re-raising `exc` with its message prefixed."""
    if isinstance(exc, UnknownAlterationError):
        return (exc.name, prefix + exc.message, exc.known)
    return (prefix + str(exc),)


__all__ = ["Choice", "Prediction", "match_alterations", "predict", "predict_many",
           "split_alterations"]
