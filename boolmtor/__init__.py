"""boolmtor: Boolean network models of mTOR signalling and of the drugs that target it."""

from importlib.metadata import PackageNotFoundError, version as _version

from .attractors import attractors
from .errors import (BoolmtorError, DuplicateNodeError, LimitExceededError, ManifestError,
                     RulesError, RulesSyntaxError, UndefinedNodeError, UnknownNameError)
from .manifest import Background, Condition, Drug, Environment, Expectation, Manifest
from .markers import Evidence, Marker, predict_markers
from .model import Model, Perturbation, load_model
from .report import report
from .response import Response, combinations, compare_drugs, response
from .results import Attractor
from .scores import scores
from .stochastic import Simulation, simulate
from .exchange import read, write
from .validate import Validation, validate
from .agreement import agreement
from .ensemble import ensemble, variants
from .errors import TimeoutExceeded
from .screen import screen

try:
    __version__ = _version("boolmtor")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Attractor", "Background", "BoolmtorError", "Condition", "Drug", "DuplicateNodeError",
    "Environment", "Evidence", "Expectation", "LimitExceededError", "Manifest", "ManifestError",
    "Marker", "Model", "Perturbation", "Response", "RulesError", "RulesSyntaxError",
    "Simulation", "UndefinedNodeError", "UnknownNameError", "attractors", "combinations",
    "compare_drugs",
    "load_model", "plot", "predict_markers", "read", "report", "response", "simulate",
    "write", "__version__",
]
__all__ += ["TimeoutExceeded", "agreement", "ensemble", "screen", "variants"]


def __getattr__(name: str):
    # `bm.plot` imports matplotlib only when first used
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'boolmtor' has no attribute {name!r}")
