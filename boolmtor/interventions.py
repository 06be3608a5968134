"""`Intervention`: what `response` and `combinations` apply besides a manifest drug.

One typed form for the four kinds a user may try on a tumour: a drug of the manifest, a
knockout, an overexpression, or an ad-hoc drug whose targets are given inline. Plain strings
still mean manifest drugs; "KO:NODE" and "OE:NODE" are knockouts and overexpressions; a
`bm.Perturbation` holding one knockout, overexpression or drug, and a dict
``{"name": ..., "targets": {node: value}}``, are accepted too (docs/semantics.md,
"Interventions").

Examples
--------
>>> Intervention.knockout("AKT").label
'KO:AKT'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from .errors import BoolmtorError
from .manifest import Drug
from .model import Model, Perturbation
from .types import FrozenMap

Kind = Literal["drug", "knockout", "overexpress", "custom"]
"""A manifest drug, a node fixed to 0, a node fixed to 1, or an ad-hoc drug."""

KINDS: tuple[str, ...] = ("drug", "knockout", "overexpress", "custom")

_PREFIXES: dict[str, Kind] = {"KO:": "knockout", "OE:": "overexpress"}
_CLASSES = {"knockout": "knockout", "overexpress": "overexpression", "custom": "custom"}


@dataclass(frozen=True)
class Intervention:
    """One thing applied to a tumour: `kind` and `name` (drug name or node), and the nodes an
    ad-hoc (`custom`) drug forces."""

    kind: Kind
    name: str
    targets: Mapping[str, int] = field(default_factory=lambda: FrozenMap({}))

    def __post_init__(self):
        if self.kind not in KINDS:
            raise BoolmtorError(f"kind must be in {KINDS} (got {self.kind!r})")
        if not isinstance(self.name, str) or not self.name.strip():
            raise BoolmtorError(f"an intervention needs a name (got {self.name!r})")
        if (self.kind == "custom") != bool(self.targets):
            raise BoolmtorError(f"targets are given for custom drugs, and only for them "
                                f"({self.kind} {self.name!r})")
        object.__setattr__(self, "targets", FrozenMap(sorted(dict(self.targets).items())))

    @classmethod
    def drug(cls, name: str) -> "Intervention":
        """A drug of the manifest (aliases accepted)."""
        return cls("drug", name)

    @classmethod
    def knockout(cls, node: str) -> "Intervention":
        """`node` fixed to 0 (overrides drugs and backgrounds)."""
        return cls("knockout", node)

    @classmethod
    def overexpress(cls, node: str) -> "Intervention":
        """`node` fixed to 1 (overrides drugs and backgrounds)."""
        return cls("overexpress", node)

    @classmethod
    def custom(cls, name: str, targets: Mapping[str, int]) -> "Intervention":
        """An ad-hoc drug `name` forcing `targets` ({node: 0 or 1}), with a drug's precedence."""
        return cls("custom", name, targets)

    @property
    def label(self) -> str:
        """How tables and results name it: the drug's name, "KO:NODE" or "OE:NODE"."""
        prefix = {"knockout": "KO:", "overexpress": "OE:"}.get(self.kind, "")
        return prefix + self.name

    def drug_class(self, model: Model) -> str:
        """The manifest drug's class, else "knockout", "overexpression" or "custom"."""
        return model.drug(self.name).drug_class if self.kind == "drug" else _CLASSES[self.kind]

    def perturbation(self) -> Perturbation:
        """The `Perturbation` that applies it (a custom drug must be on the model: `prepare`)."""
        if self.kind == "knockout":
            return Perturbation(knockout=[self.name])
        if self.kind == "overexpress":
            return Perturbation(overexpress=[self.name])
        return Perturbation(drugs=[self.name])

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "label": self.label,
                "targets": dict(self.targets)}

    def __str__(self) -> str:
        return self.label


def _from_perturbation(p: Perturbation) -> Intervention:
    items = ([Intervention.knockout(n) for n in p.knockout]
             + [Intervention.overexpress(n) for n in p.overexpress]
             + [Intervention.drug(n) for n in p.drugs])
    if len(items) != 1 or p.backgrounds:
        raise BoolmtorError(f"a Perturbation used as an intervention must hold exactly one "
                            f"knockout, overexpression or drug (got {p}); give backgrounds "
                            f"with background=")
    return items[0]


def as_intervention(model: Model, spec) -> Intervention:
    """`spec` (a name, "KO:NODE", "OE:NODE", a Perturbation, a dict or an Intervention),
    checked against `model` and with names resolved (drug aliases, node case)."""
    if isinstance(spec, str):
        head = spec[:3].upper()
        spec = (Intervention(_PREFIXES[head], spec[3:].strip()) if head in _PREFIXES
                else Intervention.drug(spec))
    elif isinstance(spec, Perturbation):
        spec = _from_perturbation(spec)
    elif isinstance(spec, Mapping):
        if set(spec) != {"name", "targets"} or not isinstance(spec["targets"], Mapping):
            raise BoolmtorError(f"an ad-hoc drug is a dict {{'name': ..., 'targets': "
                                f"{{node: 0 or 1}}}} (got {dict(spec)!r})")
        spec = Intervention.custom(spec["name"], spec["targets"])
    elif not isinstance(spec, Intervention):
        raise BoolmtorError(f"an intervention must be a drug name, 'KO:NODE', 'OE:NODE', a "
                            f"bm.Perturbation, a dict or a bm.Intervention (got {spec!r})")
    if spec.kind == "drug":
        return Intervention.drug(model.drug(spec.name).name)
    if spec.kind == "custom":
        clash = [d.name for d in model.drugs.values()
                 if spec.name.lower() in (d.name.lower(), *(a.lower() for a in d.aliases))]
        if clash:
            raise BoolmtorError(f"ad-hoc drug {spec.name!r} has the name of the manifest drug "
                                f"{clash[0]!r}; choose another name")
        targets = {}
        for node, value in spec.targets.items():
            if value not in (0, 1) or isinstance(value, (bool, float)):
                raise BoolmtorError(f"target {node} of {spec.name!r} must be 0 or 1 "
                                    f"(got {value!r})")
            targets[model._node(node)] = int(value)
        return Intervention.custom(spec.name, targets)
    return Intervention(spec.kind, model._node(spec.name))


def prepare(model: Model, specs: Iterable) -> tuple[Model, tuple[Intervention, ...]]:
    """The interventions of `specs`, and `model` with their ad-hoc drugs added to its manifest
    (so they act with a drug's precedence and clash checks)."""
    found = tuple(as_intervention(model, s) for s in specs)
    custom = {i.name: Drug(i.name, "custom", i.targets) for i in found if i.kind == "custom"}
    if custom:
        drugs = {**model.manifest.drugs, **custom}
        model = replace(model, manifest=replace(model.manifest, drugs=FrozenMap(drugs)))
    return model, found
