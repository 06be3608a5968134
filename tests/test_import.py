"""`import boolmtor` is fast and quiet: heavy libraries load when first used, no side effects.

The import time itself is measured in benchmarks/README.md (`python -X importtime`); these
tests check the behaviour behind it, each in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import boolmtor as bm

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sympy", "pandas", "matplotlib", "libsbml", "pyboolnet", "biodivine_aeon", "networkx",
         "numpy", "scipy", "cmaboss", "mpbn")


def loaded_after(code: str) -> set[str]:
    """The heavy top-level modules a fresh interpreter holds after running `code`."""
    probe = (f"{code}\nimport json, sys\n"
             f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_import_loads_no_heavy_library():
    """`import boolmtor` loads none of sympy, pandas, matplotlib, libsbml, pyboolnet, AEON."""
    assert loaded_after("import boolmtor") == set()


def test_version_and_help_load_no_heavy_library():
    """`boolmtor --version` and `--help` parse their arguments before importing any analysis."""
    for flag in ("--version", "--help"):
        code = ("import contextlib, io\nfrom boolmtor.cli import main\n"
                "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
                f"    main([{flag!r}])")
        assert loaded_after(code) == set(), flag


def test_loading_a_model_loads_no_algebra_tables_or_plots():
    """`bm.load_model()` parses rules without sympy, pandas, matplotlib or libsbml."""
    loaded = loaded_after("import boolmtor as bm\nbm.load_model()")
    assert not loaded & {"sympy", "pandas", "matplotlib", "libsbml"}, loaded


def test_every_public_name_resolves():
    """Each name of `__all__` is importable from the package, and listed by dir()."""
    for name in bm.__all__:
        assert getattr(bm, name) is not None, name
    assert set(bm.__all__) <= set(dir(bm))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        bm.nope  # noqa: B018


def test_public_functions_are_not_hidden_by_their_modules():
    """Importing `boolmtor.attractors` (the module) leaves `bm.attractors` the function."""
    import boolmtor.attractors
    import boolmtor.response  # noqa: F401

    assert callable(bm.attractors) and callable(bm.response)
    assert bm.attractors is sys.modules["boolmtor.attractors"].attractors


def test_old_report_paths_import_with_a_deprecation_warning():
    """`boolmtor.report` and friends moved to `boolmtor.reporting`; the old paths still work."""
    code = ("import warnings\nwarnings.simplefilter('error', DeprecationWarning)\n"
            "import boolmtor as bm\n"
            "try:\n    from boolmtor.drug_report import best_pairs\n"
            "except DeprecationWarning as w:\n    print('warned:', w)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert "warned: boolmtor.drug_report moved to boolmtor.reporting.drug_report" in out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from boolmtor.report import Report, script_main  # noqa: F401
        import boolmtor.panel_report as old
    import boolmtor.reporting.panel_report as new
    import boolmtor.reporting.report as moved

    assert old is new and Report is moved.Report
    assert callable(bm.report) and bm.report is moved.report


def test_import_and_writes_leave_the_umask_alone():
    """Neither import nor writing a file sets the process umask (a race with other threads);
    the file gets the permissions a plain `open` gives."""
    code = ("import os\ncalls = []\nreal = os.umask\n"
            "os.umask = lambda m: calls.append(m) or real(m)\n"
            "import boolmtor as bm\nfrom boolmtor._io import atomic_write\n"
            "import tempfile, pathlib\nd = pathlib.Path(tempfile.mkdtemp())\n"
            "atomic_write(d / 'x.txt', 'x')\nopen(d / 'y.txt', 'w').close()\n"
            "print(calls, *(oct((d / n).stat().st_mode & 0o777) for n in ('x.txt', 'y.txt')))")
    calls, mode, plain = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=ROOT).stdout.split()
    assert calls == "[]" and mode == plain


def test_aeon_log_level_set_by_the_user_is_kept():
    """A user's `biodivine_aeon.LOG_LEVEL` survives importing and using boolmtor and its CLI."""
    code = ("import biodivine_aeon as ba\nba.LOG_LEVEL = ba.LOG_VERBOSE\n"
            "import contextlib, io\nimport boolmtor as bm\nfrom boolmtor.cli import main\n"
            "bm.attractors(bm.Model.from_text('A, !B\\nB, !A'), 'fixed-points')\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    main(['attractors', '--update', 'fixed-points'])\n"
            "print(ba.LOG_LEVEL == ba.LOG_VERBOSE)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip().endswith("True")


def test_lazy_exports_and_all_agree():
    """Every lazily exported name is in `__all__`, and every name of `__all__` is exported."""
    lazy = set(bm._MODULE_OF)
    listed = set(bm.__all__) - {"clear_caches", "plot", "__version__"}
    eager = {name for name in listed if name in vars(bm) and isinstance(vars(bm)[name], type)
             and issubclass(vars(bm)[name], (bm.BoolmtorError, Warning))}
    assert lazy == listed - eager


def test_type_checking_imports_list_the_lazy_exports():
    """The `if TYPE_CHECKING:` imports of `__init__` (what type checkers and the API docs see)
    name the same modules and names as the lazy table."""
    import ast

    tree = ast.parse((ROOT / "boolmtor" / "__init__.py").read_text())
    (block,) = [n for n in tree.body
                if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)]
    seen = {"." * n.level + (n.module or ""): tuple(a.name for a in n.names)
            for n in block.body if isinstance(n, ast.ImportFrom)}
    assert seen.pop(".") == ("plot",) and seen.pop("._cache") == ("clear_caches",)
    assert seen == bm._EXPORTS
