"""Deprecated path: this module moved to `boolmtor.reporting.report`."""

from boolmtor._moved import forward

forward(__name__, "boolmtor.reporting.report")
