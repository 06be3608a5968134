"""Feedback loops of a model's signed interaction graph."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from .model import Model

LoopSign = Literal["positive", "negative", "ambiguous"]


@dataclass(frozen=True)
class FeedbackLoop:
    """A simple cycle of the interaction graph, starting at its smallest node name.

    `sign` is the product of the edge signs: "negative" loops can give oscillations or
    homeostasis, "positive" loops multistability; "ambiguous" when an edge has both signs.
    """

    nodes: tuple[str, ...]
    sign: LoopSign

    @property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """The loop's edges, (source, target), in order."""
        return tuple(zip(self.nodes, self.nodes[1:] + self.nodes[:1]))

    def __len__(self) -> int:
        return len(self.nodes)

    def __str__(self) -> str:
        return " → ".join((*self.nodes, self.nodes[0]))

    def to_dict(self) -> dict:
        return {"nodes": list(self.nodes), "sign": self.sign, "length": len(self)}


def _rotate(cycle: list[str]) -> tuple[str, ...]:
    i = cycle.index(min(cycle))
    return tuple(cycle[i:] + cycle[:i])


def feedback_loops(model: Model, max_length: int | None = None,
                   limit: int = 10_000) -> tuple[FeedbackLoop, ...]:
    """The feedback loops of `model`, shortest first, then by node names.

    Self-loops of input nodes (``GF, GF``) only hold an input constant and are left out.
    `max_length` bounds the loop length; at most `limit` loops are enumerated.

    Examples
    --------
    >>> import boolmtor as bm
    >>> m = bm.Model.from_text("A, !B\\nB, A")
    >>> [(str(l), l.sign) for l in feedback_loops(m)]
    [('A → B → A', 'negative')]
    """
    g: nx.DiGraph = model.graph.copy()
    g.remove_edges_from([(n, n) for n in model.inputs if g.has_edge(n, n)])
    cycles = itertools.islice(nx.simple_cycles(g, length_bound=max_length), limit)
    loops = []
    for cycle in cycles:
        nodes = _rotate(list(cycle))
        signs = [g.edges[u, v]["sign"] for u, v in zip(nodes, nodes[1:] + nodes[:1])]
        if 0 in signs:
            sign: LoopSign = "ambiguous"
        else:
            sign = "negative" if signs.count(-1) % 2 else "positive"
        loops.append(FeedbackLoop(nodes, sign))
    return tuple(sorted(loops, key=lambda l: (len(l), l.nodes)))
