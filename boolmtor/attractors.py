"""`attractors`: the long-term behaviours of a model under a chosen update scheme."""

from __future__ import annotations

from collections.abc import Mapping

from .errors import BoolmtorError
from .model import Model, Perturbation
from .results import Attractor, Attractors, canonical  # noqa: F401  (canonical: re-exported)
from .types import check_update


INITIAL_UPDATES = ("asynchronous", "most-permissive")
"""Update schemes under which `initial=` selects the reachable attractors."""


def _check_initial(model: Model, initial: Mapping[str, int]) -> dict[str, int]:
    state = {}
    for node, value in initial.items():
        model._node(node)
        if value not in (0, 1):
            raise BoolmtorError(f"initial value of {node} must be 0 or 1 (got {value!r})")
        state[node] = int(value)
    return state


def attractors(model: Model, update: str = "asynchronous",
               environment: str | Mapping[str, int] | None = None,
               perturbation: Perturbation | None = None,
               initial: Mapping[str, int] | None = None,
               max_states: int | None = None, *, weights: bool = False,
               seed: int = 0, samples: int = 10_000,
               timeout: float | None = None, engine: str = "aeon") -> tuple[Attractor, ...]:
    """The attractors of `model` under `update`, in canonical order.

    Parameters
    ----------
    update : "asynchronous" (exact, biodivine-aeon), "synchronous" (exact enumeration after
        percolation, limited by `max_states`), "most-permissive" (minimal trap spaces) or
        "fixed-points".
    environment : None (inputs free: the attractors of every input combination), a dict of
        input values, or the name of an environment of the model's manifest.
    perturbation : knockouts, overexpressions, drugs and backgrounds to apply.
    initial : a state or partial state (unnamed nodes free); only the attractors reachable from
        it (from any state matching it) are returned: asynchronous (exact reachability) or
        most-permissive (reachable minimal trap spaces, by mpbn).
    weights : fill each attractor's `weight` (asynchronous only): the probability that the
        asynchronous random walk from a uniformly random state (of the condition's state space,
        or of `initial`) ends there; `weight_error` is 0.0 when exact, else the 95% half-width
        of a Monte-Carlo estimate made with `seed` and `samples` walks (docs/semantics.md).
    timeout : seconds; past it a `TimeoutExceeded` error is raised (in any thread).
    engine : for "most-permissive" and "fixed-points": "aeon" (symbolic, default) or
        "pyboolnet" (ASP over prime implicants, which can blow up on wide rules).

    Examples
    --------
    >>> import boolmtor as bm
    >>> m = bm.Model.from_text("A, !B\\nB, !A")
    >>> [a.fixed for a in bm.attractors(m, update="fixed-points")]
    [{'A': 0, 'B': 1}, {'A': 1, 'B': 0}]
    """
    check_update(update)
    from ._engines.trapspaces import check_engine
    check_engine(engine)
    if timeout is not None:
        from ._timeout import within
        return within(timeout, attractors, model, update, environment, perturbation, initial,
                      max_states, weights=weights, seed=seed, samples=samples, engine=engine)
    fixed = model.perturb(perturbation, environment=environment)
    if weights:
        if update != "asynchronous":
            raise BoolmtorError(f"weights=True is supported for update='asynchronous' only "
                                f"(got {update!r})")
        from .weights import weighted_attractors
        start = None if initial is None else _check_initial(model, initial)
        return weighted_attractors(fixed, start, seed=seed, samples=samples)
    if initial is not None:
        start = _check_initial(model, initial)
        if update not in INITIAL_UPDATES:
            schemes = " or ".join(map(repr, INITIAL_UPDATES))
            raise BoolmtorError(f"initial= is supported for update={schemes} only "
                                f"(got {update!r})")
        start.update(fixed.fixed)  # fixed nodes take their forced value at once
        if update == "asynchronous":
            from ._engines import asynchronous
            found = asynchronous.attractors(fixed, start)
        else:
            from ._engines import trapspaces
            found = trapspaces.reachable_minimal_trap_spaces(fixed, start)
    elif update == "asynchronous":
        from ._engines import asynchronous
        found = asynchronous.attractors(fixed)
    elif update == "synchronous":
        from ._engines import synchronous
        found = synchronous.attractors(fixed, max_states or synchronous.DEFAULT_MAX_STATES)
    elif update == "most-permissive":
        from ._engines import trapspaces
        found = trapspaces.minimal_trap_spaces(fixed, engine)
    else:
        from ._engines import trapspaces
        found = trapspaces.fixed_points(fixed, engine)
    return canonical(found, model.nodes)
