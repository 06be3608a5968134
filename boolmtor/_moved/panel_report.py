"""Deprecated path: this module moved to `boolmtor.reporting.panel_report`."""

from boolmtor._moved import forward

forward(__name__, "boolmtor.reporting.panel_report")
