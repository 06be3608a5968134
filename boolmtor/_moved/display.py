"""Deprecated path: this module moved to `boolmtor.reporting.display`."""

from boolmtor._moved import forward

forward(__name__, "boolmtor.reporting.display")
