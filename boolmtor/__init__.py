"""boolmtor: Boolean network models of mTOR signalling and of the drugs that target it."""

from importlib.metadata import PackageNotFoundError, version as _version

from .agreement import agreement
from .attractors import attractors
from .ensemble import ensemble, variants
from .errors import (BoolmtorError, DuplicateNodeError, LimitExceededError, ManifestError,
                     ModelWarning, RulesError, RulesSyntaxError, TimeoutExceeded,
                     UndefinedNodeError, UnknownNameError)
from .exchange import read, write
from .loops import FeedbackLoop, feedback_loops
from .manifest import Background, Condition, Drug, Environment, Expectation, Manifest
from .markers import Evidence, Marker, predict_markers
from .model import Model, Perturbation, load_model
from .report import report
from .response import Response, combinations, compare_drugs, response
from .results import Attractor
from .scores import scores
from .screen import screen
from .stochastic import Simulation, simulate
from .validate import Validation, validate

try:
    __version__ = _version("boolmtor")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Attractor", "Background", "BoolmtorError", "Condition", "Drug", "DuplicateNodeError",
    "Environment", "Evidence", "Expectation", "FeedbackLoop", "LimitExceededError", "Manifest",
    "ManifestError", "Marker", "ModelWarning", "Model", "Perturbation", "Response", "RulesError",
    "RulesSyntaxError", "Simulation", "TimeoutExceeded", "UndefinedNodeError",
    "UnknownNameError", "Validation", "agreement", "attractors", "combinations",
    "compare_drugs", "ensemble", "feedback_loops", "load_model", "plot", "predict_markers",
    "read", "report", "response", "scores", "screen", "simulate", "validate", "variants",
    "write", "__version__",
]


def __getattr__(name: str):
    # `bm.plot` imports matplotlib only when first used
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'boolmtor' has no attribute {name!r}")
