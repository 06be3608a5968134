"""boolmtor: Boolean network models of mTOR signalling and of the drugs that target it."""

from importlib.metadata import PackageNotFoundError, version as _version

from .attractors import attractors
from .errors import (BoolmtorError, DuplicateNodeError, LimitExceededError, ManifestError,
                     RulesError, RulesSyntaxError, UndefinedNodeError, UnknownNameError)
from .manifest import Background, Condition, Drug, Environment, Expectation, Manifest
from .model import Model, Perturbation, load_model
from .results import Attractor

try:
    __version__ = _version("boolmtor")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "Attractor", "Background", "BoolmtorError", "Condition", "Drug", "DuplicateNodeError",
    "Environment", "Expectation", "LimitExceededError", "Manifest", "ManifestError", "Model",
    "Perturbation", "RulesError", "RulesSyntaxError", "UndefinedNodeError", "UnknownNameError",
    "attractors", "load_model", "__version__",
]
