"""boolmtor: Boolean network models of mTOR signalling and of the drugs that target it."""

import os as _os
import sys as _sys
import types as _types
from typing import TYPE_CHECKING as _TYPE_CHECKING

from .errors import (BoolmtorError, DuplicateNodeError, LimitExceededError, ManifestError,
                     ModelWarning, RulesError, RulesSyntaxError, TimeoutExceeded,
                     UndefinedNodeError, UnknownAlterationError, UnknownNameError)

# Old module paths (boolmtor.report, ...) keep importing, with a DeprecationWarning: _moved/
__path__.append(_os.path.join(__path__[0], "_moved"))

# The public names, each imported from its module when first used (PEP 562): `import boolmtor`
# stays fast and loads none of sympy, pandas, matplotlib, libsbml, pyboolnet or AEON.
_EXPORTS = {
    ".agreement": ("agreement",),
    ".attractors": ("attractors",),
    ".combinations": ("combinations", "compare_drugs"),
    ".confidence": ("Confidence",),
    ".control": ("Control", "ControlSet", "control"),
    ".ensemble": ("ensemble", "variants"),
    ".exchange": ("read", "write"),
    ".explorer": ("explore",),
    ".interventions": ("Intervention",),
    ".lint": ("Lint", "lint"),
    ".loops": ("FeedbackLoop", "feedback_loops"),
    ".manifest": ("Alteration", "Background", "Condition", "Drug", "Environment", "Expectation",
                  "Manifest"),
    ".markers": ("Evidence", "Marker", "predict_markers"),
    ".model": ("Model", "Perturbation", "load_model"),
    ".predict": ("Choice", "Prediction", "predict", "predict_many"),
    ".reporting.report": ("report",),
    ".response": ("Response", "response"),
    ".results": ("Attractor",),
    ".scores": ("scores",),
    ".screen": ("screen",),
    ".stochastic": ("Simulation", "simulate"),
    ".validate": ("Validation", "validate"),
}

if _TYPE_CHECKING:  # the same names, for type checkers, IDEs and the API docs (test_import)
    from . import plot
    from ._cache import clear_caches
    from .agreement import agreement
    from .attractors import attractors
    from .combinations import combinations, compare_drugs
    from .confidence import Confidence
    from .control import Control, ControlSet, control
    from .ensemble import ensemble, variants
    from .exchange import read, write
    from .explorer import explore
    from .interventions import Intervention
    from .lint import Lint, lint
    from .loops import FeedbackLoop, feedback_loops
    from .manifest import (Alteration, Background, Condition, Drug, Environment, Expectation,
                           Manifest)
    from .markers import Evidence, Marker, predict_markers
    from .model import Model, Perturbation, load_model
    from .predict import Choice, Prediction, predict, predict_many
    from .reporting.report import report
    from .response import Response, response
    from .results import Attractor
    from .scores import scores
    from .screen import screen
    from .stochastic import Simulation, simulate
    from .validate import Validation, validate

    __version__: str

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = [
    "Alteration", "Attractor", "Background", "BoolmtorError", "Choice", "Condition",
    "Confidence", "Control", "ControlSet", "Drug", "DuplicateNodeError", "Environment",
    "Evidence", "Expectation", "FeedbackLoop", "Intervention", "LimitExceededError", "Lint",
    "Manifest", "ManifestError", "Marker", "Model", "ModelWarning", "Perturbation", "Prediction",
    "Response", "RulesError", "RulesSyntaxError", "Simulation", "TimeoutExceeded",
    "UndefinedNodeError", "UnknownAlterationError", "UnknownNameError", "Validation",
    "agreement", "attractors", "clear_caches", "combinations", "compare_drugs", "control",
    "ensemble", "explore", "feedback_loops", "lint", "load_model", "plot", "predict", "predict_many",
    "predict_markers", "read", "report", "response", "scores", "screen", "simulate", "validate",
    "variants", "write", "__version__",
]


def __getattr__(name: str):
    import importlib

    if name in _MODULE_OF:
        value = getattr(importlib.import_module(_MODULE_OF[name], __name__), name)
    elif name == "plot":  # `bm.plot` imports matplotlib only when first used
        value = importlib.import_module(".plot", __name__)
    elif name == "clear_caches":
        value = importlib.import_module("._cache", __name__).clear_caches
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("boolmtor")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0+unknown"
    else:
        raise AttributeError(f"module 'boolmtor' has no attribute {name!r}")
    globals()[name] = value
    return value


class _Package(_types.ModuleType):
    """This package's module type: importing a submodule sets it as an attribute of the package,
    which must not hide the public function of the same name (`bm.attractors`, `bm.report`)."""

    def __setattr__(self, name: str, value) -> None:
        if not (name in _MODULE_OF and isinstance(value, _types.ModuleType)):
            super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
