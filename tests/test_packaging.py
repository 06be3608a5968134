"""The curated rules ship inside the wheel, so `bm.load_model()` works after `pip install`."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("boolmtor-*.whl"))


def test_wheel_holds_every_rules_file(wheel):
    """Every rules, manifest and panel file of rules/mtor/ is package data under boolmtor/rules/mtor/ in the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = [p for p in (ROOT / "rules" / "mtor").iterdir()
              if p.suffix in (".bnet", ".toml", ".tsv")]
    assert wanted and any(p.name == "cell_lines.tsv" for p in wanted)
    for p in wanted:
        assert f"boolmtor/rules/mtor/{p.name}" in names


def test_load_model_from_unpacked_wheel(wheel, tmp_path):
    """A plain install (the wheel unpacked on sys.path, no checkout) loads the curated model."""
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = ("import boolmtor as bm, pathlib; from boolmtor.samples import load_panel, "
            "panel_path; m = bm.load_model(); "
            "print(len(m.nodes), pathlib.Path(m.source).is_relative_to(pathlib.Path.cwd()), "
            "len(load_panel()), panel_path().is_relative_to(pathlib.Path.cwd()))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(tmp_path), "PATH": ""})
    count, inside, lines, panel_inside = out.stdout.split()
    assert int(count) >= 37 and inside == "True"
    assert int(lines) >= 12 and panel_inside == "True"  # the cell-line panel ships too


def test_run_time_imports_are_declared_and_core_dependencies_used():
    """Every third-party module the package imports comes from a distribution pyproject.toml
    declares (a dependency or an extra), and every core dependency is imported by the package
    (test-only engines such as mpbn belong to the test extra)."""
    import ast
    import re
    from importlib.metadata import packages_distributions

    import tomllib

    def dist(requirement: str) -> str:
        return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    def named(requirements) -> set[str]:  # "dask[distributed]" declares distributed too
        return {dist(n) for r in requirements
                for n in [r, *re.findall(r"\[([^\]]+)\]", r)[:1]]}

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = named(project["dependencies"])
    extras = named(r for reqs in project["optional-dependencies"].values() for r in reqs)
    imported = set()
    for path in (ROOT / "boolmtor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third = imported - set(sys.stdlib_module_names) - {"boolmtor", "__future__"}
    owners = packages_distributions()
    used = set()
    for module in third:
        provided = {dist(d) for d in owners.get(module, [module])}
        assert provided & (core | extras), f"{module} (from {provided}) is not declared"
        used |= provided
    assert core <= used, f"declared but never imported: {sorted(core - used)}"
