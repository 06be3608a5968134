"""`Confidence`: does a call (response, marker, synergy) hold under other update schemes and
over the model's `# alt:` rule variants? See docs/semantics.md, "Confidence of a call".

Built on `agreement.available_updates` (which schemes are installed) and `ensemble.variants`
(every combination of alternative rules); `bm.response`, `bm.predict_markers` and
`bm.combinations` ask for it with `confidence=True`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from .agreement import available_updates
from .ensemble import variants
from .model import Model
from .types import FrozenMap

CALL_THRESHOLD = 0.1
"""A value at least this far from 0 makes a call; nearer to 0 it is the neutral call."""

Call = tuple[str, "float | None"]
"""A call word and the value it was read from."""


def sign_call(value: float | None, words: tuple[str, str, str]) -> str:
    """words[0] if value >= CALL_THRESHOLD, words[2] if <= -CALL_THRESHOLD, else words[1]."""
    if value is None:
        return "undefined"
    if value >= CALL_THRESHOLD - 1e-12:
        return words[0]
    return words[2] if value <= -CALL_THRESHOLD + 1e-12 else words[1]


def response_call(value: float | None) -> str:
    """The call read from an efficacy: "effective", "no effect" or "adverse"."""
    return sign_call(value, ("effective", "no effect", "adverse"))


def synergy_call(value: float | None) -> str:
    """The call read from an excess (over Bliss, else over the best single agent)."""
    return sign_call(value, ("synergy", "additive", "antagonism"))


@dataclass(frozen=True)
class Confidence:
    """How robust one call is.

    `call` is the call of the model as written under the requested scheme; `schemes` maps
    each update scheme tried to its call and `values` to the number it came from;
    `schemes_agree` says every scheme makes the same call. `variant_share` is the share of
    the `n_variants` rule variants (the model itself included) whose call equals `call`;
    None, with `reason`, when the model has no `# alt:` rules.
    """

    call: str
    schemes: Mapping[str, str]
    values: Mapping[str, float | None]
    schemes_agree: bool
    variant_share: float | None
    n_variants: int
    reason: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "schemes", FrozenMap(dict(self.schemes)))
        object.__setattr__(self, "values", FrozenMap(dict(self.values)))

    @property
    def flips(self) -> bool:
        """True when some scheme or some rule variant makes another call."""
        return not self.schemes_agree or (self.variant_share is not None
                                          and self.variant_share < 1.0)

    def to_dict(self) -> dict:
        return {"call": self.call, "schemes": dict(self.schemes), "values": dict(self.values),
                "schemes_agree": self.schemes_agree, "variant_share": self.variant_share,
                "n_variants": self.n_variants, "reason": self.reason, "flips": self.flips}

    def __str__(self) -> str:
        per = ", ".join(f"{u} {c}" for u, c in self.schemes.items())
        share = (f"holds in {self.variant_share:.0%} of {self.n_variants} rule variants"
                 if self.variant_share is not None else self.reason)
        flag = "FLIPS" if self.flips else "robust"
        return f"{flag}: {self.call} ({per}; {share})"


Compute = Callable[[Model, str, str], Mapping[Hashable, Call]]
"""(model, update, start) -> {key: (call, value)} for every call of one analysis."""


def assess(model: Model, compute: Compute, main: Mapping[Hashable, Call], update: str,
           start: str) -> dict[Hashable, Confidence]:
    """The Confidence of each call in `main` (computed on `model` with `update`, `start`).

    Other schemes: those of `available_updates` among asynchronous, most-permissive (with
    start="global": no weights to carry over) and stochastic; rule variants: `variants(model)`
    under `update` and `start`.
    """
    runs: dict[str, Mapping[Hashable, Call]] = {update: main}
    for u in available_updates():
        if u not in runs and u in ("asynchronous", "most-permissive", "stochastic"):
            runs[u] = compute(model, u, "global" if u == "most-permissive" else start)
    alternatives = bool(model.alternatives)
    shared: dict[Hashable, int] = dict.fromkeys(main, 0)
    n = 0
    if alternatives:
        for choice, variant in variants(model):
            n += 1
            calls = main if not any(choice.values()) else compute(variant, update, start)
            for key, (call, _) in main.items():
                shared[key] += calls[key][0] == call
    out = {}
    for key, (call, _) in main.items():
        schemes = {u: calls[key][0] for u, calls in runs.items()}
        out[key] = Confidence(
            call, schemes, {u: calls[key][1] for u, calls in runs.items()},
            len(set(schemes.values())) == 1, shared[key] / n if n else None, n,
            None if n else "the model has no '# alt:' rule variants")
    return out
