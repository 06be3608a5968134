"""Old import paths of modules that moved; this folder sits on `boolmtor.__path__`.

`boolmtor.report`, `boolmtor.drug_report`, `boolmtor.panel_report` and `boolmtor.display` moved
to `boolmtor.reporting` (rendering apart from analysis). Each file here keeps its old path
importing: it warns once (DeprecationWarning) and hands over the moved module itself, so
every name, private ones included, and monkeypatching behave as before.
"""

from __future__ import annotations

import importlib
import sys
import warnings


def forward(old: str, new: str) -> None:
    """Make module `old` an alias of module `new`, with a DeprecationWarning."""
    warnings.warn(f"{old} moved to {new}; import it from there (the old path will be removed)",
                  DeprecationWarning, stacklevel=3)
    sys.modules[old] = importlib.import_module(new)
