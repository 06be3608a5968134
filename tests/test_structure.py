"""The package's import graph has no cycles: data flows one way (rules -> Model -> analyses ->
results -> reports).

The graph is read from the source (ast), not from an import: an edge A -> B for each import of
module B by module A inside the package, at module level *and* inside functions (a deferred
import is still a dependency; only imports under `if TYPE_CHECKING:` are left out, since they
never run). The package's `__init__` (the lazy facade over every module) and the deprecated
paths in `boolmtor/_moved/` are left out; a submodule's import of its parent package is
implied by Python and not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "boolmtor"

KNOWN_CYCLES: dict[frozenset[str], str] = {
    frozenset({"boolmtor.response", "boolmtor.markers", "boolmtor.confidence",
               "boolmtor.agreement", "boolmtor.ensemble"}):
        "response() and predict_markers() attach a confidence computed from agreement and "
        "ensemble, which call them back; to be moved to the caller (issue 14)",
}
"""Cycles that remain, each with what removes it; a new cycle fails, and so does a listed one
that is gone (remove it from this list)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "_moved" not in p.parts}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that module `name` imports (module level and in functions)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[:len(package) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    found.add(sub if sub in known else target)
            elif isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(), str(path)))
    return {m for m in found if m in known and m not in (name, "boolmtor")}


def import_graph() -> nx.DiGraph:
    mods = modules()
    graph = nx.DiGraph()
    for name, path in mods.items():
        if name != "boolmtor":
            graph.add_node(name)
            graph.add_edges_from((name, target) for target in imports(name, path, set(mods)))
    return graph


def cycle_groups(graph: nx.DiGraph) -> set[frozenset[str]]:
    """The modules of each strongly connected component with more than one module."""
    return {frozenset(c) for c in nx.strongly_connected_components(graph) if len(c) > 1}


def test_the_graph_is_read():
    """The walk finds the package's modules and the imports between them."""
    graph = import_graph()
    assert {"boolmtor.model", "boolmtor.reporting.report", "boolmtor.exchange.sbml"} <= set(graph)
    assert graph.has_edge("boolmtor.reporting.report", "boolmtor.reporting.drug_report")  # deferred
    assert graph.has_edge("boolmtor.exchange", "boolmtor.model")
    assert not graph.has_edge("boolmtor.exchange.sbml", "boolmtor.model")  # TYPE_CHECKING only


def test_a_cycle_is_detected():
    """Two modules importing each other (one inside a function) form a cycle group."""
    graph = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    assert cycle_groups(graph) == {frozenset({"a", "b"})}


def test_no_import_cycles_but_the_known_ones():
    """No module depends on itself through others, apart from the listed cycles."""
    found = cycle_groups(import_graph())
    new = [sorted(c) for c in found if c not in KNOWN_CYCLES]
    gone = [sorted(c) for c in KNOWN_CYCLES if c not in found]
    assert not new, f"import cycles: {new}"
    assert not gone, f"cycles removed: take them off KNOWN_CYCLES: {gone}"


def test_clear_caches_empties_the_package_caches():
    """`bm.clear_caches()` empties the reduced-network cache of AEON searches and the weights'
    condition cache, filled by one computation."""
    import boolmtor as bm
    from boolmtor import weights
    from boolmtor._engines import asynchronous

    model = bm.Model.from_text("A, !B\nB, !A\nC, A & B\n")
    bm.attractors(model)
    bm.attractors(model, weights=True)
    assert asynchronous._cache and weights._cached_condition.cache_info().currsize > 0
    bm.clear_caches()
    assert not asynchronous._cache and weights._cached_condition.cache_info().currsize == 0


def test_a_misspelt_update_scheme_is_named_by_every_entry_point():
    """attractors, response and screen answer a misspelt scheme with the one list of schemes;
    the CLI offers the same list."""
    import pytest

    import boolmtor as bm
    from boolmtor.cli import build_parser
    from boolmtor.types import UPDATE_SCHEMES

    model = bm.Model.from_text("A, !B\nB, !A\nPROLIFERATION, A\nAPOPTOSIS, B\n")
    listed = "update must be one of " + ", ".join(UPDATE_SCHEMES)
    for call in (lambda: bm.attractors(model, update="asynchronus"),
                 lambda: bm.response(model, {"name": "x", "targets": {"A": 0}},
                                     update="asynchronus"),
                 lambda: bm.screen(model, update="asynchronus", progress=False)):
        with pytest.raises(bm.BoolmtorError, match=listed) as info:
            call()
        assert "(got 'asynchronus')" in str(info.value)
    (sub,) = [a for a in build_parser()._actions if a.dest == "command"]
    for name, parser in sub.choices.items():
        for action in parser._actions:
            if "--update" in action.option_strings:
                assert tuple(action.choices) == UPDATE_SCHEMES, name
