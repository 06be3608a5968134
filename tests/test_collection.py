"""The Biodivine Boolean Models collection: every published model loads, as .bnet and SBML-qual.

A pinned copy of the collection is in tests/data/bbm/ (source repository, commit and copyright
note in its README). Each file is one test, so `pytest -n 2` spreads them over the workers.
For each model of up to MAX_NODES nodes, the node count and the number of fixed points equal
biodivine-aeon's, computed by AEON's own reader from the same file (boolmtor's parse is not
used for the reference).
"""

from __future__ import annotations

import functools
import re
import tarfile
import warnings
from pathlib import Path

import biodivine_aeon as ba
import pytest

import boolmtor as bm
from boolmtor._engines import trapspaces

ARCHIVE = Path(__file__).parent / "data" / "bbm" / "models.tar.xz"
MAX_NODES = 80
"""Models up to this size get the fixed-point comparison with AEON."""

MIN_BNET, MIN_SBML = 0.98, 0.95
"""Shares of the collection's files that must load (today every file does)."""


@functools.lru_cache(maxsize=1)
def collection() -> dict[str, bytes]:
    """Archive member name -> file content (read once per test process)."""
    with tarfile.open(ARCHIVE, "r:xz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def names(suffix: str) -> list[str]:
    return sorted(n for n in collection() if n.endswith(suffix))


def short(name: str) -> str:
    """`[id-070]...[MAPK-CANCER-CELL-FATE]/model.bnet` -> `070-MAPK-CANCER-CELL-FATE.bnet`."""
    folder, file = name.split("/")[-2:]
    parts = folder.strip("[]").split("]__[")
    return f"{parts[0][3:]}-{parts[-1]}{Path(file).suffix}"


def load(name: str, tmp_path) -> bm.Model:
    path = tmp_path / Path(name).name
    path.write_bytes(collection()[name])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bm.ModelWarning)  # free inputs, harmless SBML issues
        return bm.load_model(path)


AEON_DEPTH = 500
"""Parenthesis depth past which AEON's recursive `.bnet` reader can overflow the stack of a
test worker (a segfault): such files (8 of the collection, up to 10,192 deep) are compared by
AEON's reading of boolmtor's flattened export, their node names by a scan of the raw text."""


def depth(text: str) -> int:
    deepest = level = 0
    for ch in text:
        if ch == "(":
            level += 1
            deepest = max(deepest, level)
        elif ch == ")":
            level -= 1
    return deepest


def aeon_network(name: str, model: bm.Model) -> ba.BooleanNetwork:
    """AEON's reading of the original file (of boolmtor's export when it nests too deep)."""
    text = collection()[name].decode()
    if name.endswith(".sbml"):
        return ba.BooleanNetwork.from_sbml(text).remove_regulation_constraints()
    if depth(text) <= AEON_DEPTH:
        return ba.BooleanNetwork.from_bnet(text, repair_graph=True)
    words = set(re.findall(r"[\w.{}-]+", re.sub(r"#.*", "", text)))
    names = words - {"0", "1", "targets", "factors"}
    assert set(model.nodes) == names
    return ba.BooleanNetwork.from_bnet(model.to_bnet(), repair_graph=True)


def aeon_fixed_points(network: ba.BooleanNetwork) -> int:
    """AEON's fixed points (over all parameter colours: a free input takes either value)."""
    return ba.FixedPoints.symbolic_vertices(ba.AsynchronousGraph(network)).cardinality()


def check(name: str, tmp_path) -> None:
    model = load(name, tmp_path)
    network = aeon_network(name, model)
    assert len(model.nodes) == network.variable_count()
    assert set(model.nodes) == set(network.variable_names())
    if len(model.nodes) <= MAX_NODES:
        # boolmtor's fixed-point engine on boolmtor's parse (bm.attractors adds only the
        # canonical sort, slow for the models with 10^4 fixed points)
        try:
            ours = len(trapspaces.fixed_points(model))
        except bm.LimitExceededError:  # refused past MAX_OUTPUT: AEON must agree it is many
            ours = trapspaces.MAX_OUTPUT
            assert aeon_fixed_points(network) >= trapspaces.MAX_OUTPUT
            return
        assert ours == aeon_fixed_points(network)


def test_the_pinned_copy_is_the_whole_collection():
    """The archive holds the 284 .bnet and 280 SBML files named in its README."""
    assert len(names(".bnet")) == 284 and len(names(".sbml")) == 280


@pytest.mark.parametrize("name", names(".bnet"), ids=short)
def test_bnet_file_loads_and_agrees_with_aeon(name, tmp_path):
    """Each .bnet file loads; nodes and fixed points are AEON's."""
    check(name, tmp_path)


@pytest.mark.parametrize("name", names(".sbml"), ids=short)
def test_sbml_file_loads_and_agrees_with_aeon(name, tmp_path):
    """Each SBML-qual file (written by AEON) loads; nodes and fixed points are AEON's."""
    check(name, tmp_path)


def test_bnet_and_sbml_of_a_model_are_the_same_network(tmp_path):
    """The .bnet and SBML files of three models much used in cancer biology (MAPK, T-LGL, EMT)
    load to equal networks."""
    wanted = ("MAPK-CANCER-CELL-FATE", "T-LGL-SURVIVAL-NETWORK-2011", "EMT-SWITCH")
    picked = [n for n in names(".bnet")
              if any(n.split("/")[-2].endswith(f"[{w}]") for w in wanted)]
    assert len(picked) == 3, picked
    for name in picked:
        sbml = name[: -len(".bnet")] + ".sbml"
        assert load(name, tmp_path) == load(sbml, tmp_path), name
