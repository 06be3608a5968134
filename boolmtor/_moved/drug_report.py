"""Deprecated path: this module moved to `boolmtor.reporting.drug_report`."""

from boolmtor._moved import forward

forward(__name__, "boolmtor.reporting.drug_report")
