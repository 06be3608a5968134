"""Shared fixtures: published `.bnet` models from pyboolnet's repository, parametrized.

`boolmtor` is imported before pyboolnet so that pyboolnet's import-time logging setup is undone
(see boolmtor/_pyboolnet.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pytest

import boolmtor as bm  # noqa: F401  (first: silences pyboolnet's import side effects)
from pyboolnet.repository import get_all_names, get_bnet

FAST_MODELS = (
    "raf", "randomnet_n7k3", "faure_cellcycle", "tournier_apoptosis", "klamt_tcr",
    "grieco_mapk", "dahlhaus_neuroplastoma", "remy_tumorigenesis", "saadatpour_guardcell",
    "xiao_wnt5a",
)
"""Published models whose every engine answers in well under a second (grieco async: ~3 s)."""



@dataclass(frozen=True)
class Published:
    """A repository model: its name, its original `.bnet` text and boolmtor's `Model` of it."""

    name: str
    text: str
    model: bm.Model


@functools.lru_cache(maxsize=None)
def _load(name: str) -> Published:
    """The repository model `name`, loaded once per test process."""
    text = get_bnet(name)
    return Published(name, text, bm.Model.from_text(text, name=name))


@pytest.fixture(scope="session", params=FAST_MODELS)
def published(request) -> Published:
    """Each model of the fast subset of pyboolnet's repository."""
    return _load(request.param)


@pytest.fixture(scope="session",
                params=get_all_names())
def repository_model(request) -> Published:
    """Every model of pyboolnet's repository (for parsing checks only: some are large).

    "multivalued" is included: it is a plain Boolean .bnet (a van Ham encoding of levels).
    """
    return _load(request.param)


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a test that takes seconds (one per expensive run)")
