"""boolmtor: Boolean network models of mTOR signalling and of the drugs that target it."""

from importlib.metadata import PackageNotFoundError, version as _version

from .agreement import agreement
from .attractors import attractors
from .control import Control, ControlSet, control
from .ensemble import ensemble, variants
from .errors import (BoolmtorError, DuplicateNodeError, LimitExceededError, ManifestError,
                     ModelWarning, RulesError, RulesSyntaxError, TimeoutExceeded,
                     UndefinedNodeError, UnknownAlterationError, UnknownNameError)
from .exchange import read, write
from .explorer import explore
from .lint import Lint, lint
from .loops import FeedbackLoop, feedback_loops
from .manifest import Alteration, Background, Condition, Drug, Environment, Expectation, Manifest
from .markers import Evidence, Marker, predict_markers
from .model import Model, Perturbation, load_model
from .predict import Choice, Prediction, predict, predict_many
from .report import report
from .combinations import combinations, compare_drugs
from .confidence import Confidence
from .interventions import Intervention
from .response import Response, response
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
    "Alteration", "Attractor", "Background", "BoolmtorError", "Choice", "Condition",
    "Confidence", "Control", "ControlSet", "Drug", "DuplicateNodeError", "Environment",
    "Evidence", "Expectation", "FeedbackLoop", "Intervention", "LimitExceededError", "Lint",
    "Manifest", "ManifestError", "Marker", "Model", "ModelWarning", "Perturbation", "Prediction", "Response",
    "RulesError", "RulesSyntaxError", "Simulation", "TimeoutExceeded", "UndefinedNodeError",
    "UnknownAlterationError", "UnknownNameError", "Validation", "agreement", "attractors",
    "combinations", "compare_drugs", "control", "ensemble", "explore", "feedback_loops", "lint",
    "load_model", "plot", "predict", "predict_many",
    "predict_markers",
    "read", "report", "response", "scores", "screen", "simulate", "validate", "variants",
    "write", "__version__",
]


def __getattr__(name: str):
    # `bm.plot` imports matplotlib only when first used
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'boolmtor' has no attribute {name!r}")
