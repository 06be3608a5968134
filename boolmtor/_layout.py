"""A layered (Sugiyama-style) left-to-right layout for signed interaction graphs.

Private: `plot.network` uses it. Steps: break cycles by reversing DFS back edges, assign layers
by longest path (inputs first, readouts last), add a dummy point per layer for long edges, order
each layer by weighted barycenters (keeping the order with fewest crossings), then place nodes
vertically as near their neighbours as the minimum gaps allow (isotonic regression). Boxes are
sized by the caller, so labels cannot overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import networkx as nx
import numpy as np

Point = tuple[float, float]


@dataclass(frozen=True)
class Layout:
    """Node centres, edge routes (points from source to target) and the drawing's bounds."""

    pos: Mapping[str, Point]
    routes: Mapping[tuple[str, str], list[Point]]
    bounds: tuple[float, float, float, float]  # xmin, xmax, ymin, ymax
    vertical: bool = False  # layers run top to bottom (else left to right)


def _back_edges(g: nx.DiGraph, roots: Sequence[str], rank: Mapping[str, int]) -> set:
    """Edges closing a cycle in a DFS from `roots` (then every unvisited node), in rank order."""
    state: dict[str, int] = {}  # 1 on stack, 2 done
    back = set()
    for root in list(roots) + sorted(g, key=rank.__getitem__):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(g.successors(root), key=rank.__getitem__)))]
        while stack:
            u, it = stack[-1]
            for v in it:
                if state.get(v) == 1:
                    back.add((u, v))
                elif v not in state:
                    state[v] = 1
                    stack.append((v, iter(sorted(g.successors(v), key=rank.__getitem__))))
                    break
            else:
                state[u] = 2
                stack.pop()
    return back


def _isotonic_place(desired: np.ndarray, seps: np.ndarray) -> np.ndarray:
    """Positions in the given order, gaps at least `seps`, nearest to `desired` (least squares)."""
    offs = np.concatenate([[0.0], np.cumsum(seps)])
    blocks: list[list[float]] = []  # mean, count
    for z in desired - offs:
        blocks.append([z, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, c2 = blocks.pop()
            v1, c1 = blocks.pop()
            blocks.append([(v1 * c1 + v2 * c2) / (c1 + c2), c1 + c2])
    fit = np.concatenate([[v] * int(c) for v, c in blocks])
    return fit + offs


def layered_layout(g: nx.DiGraph, sizes: Mapping[str, tuple[float, float]],
                   sources: Sequence[str] = (), sinks: Sequence[str] = (),
                   groups: Mapping[str, int] | None = None, node_gap: float = 0.2,
                   layer_gap: float = 0.6, sweeps: int = 16, vertical: bool = False,
                   load_step: float = 0.035) -> Layout:
    """Lay `g` out left to right (top to bottom if `vertical`); `sizes` are (width, height) of
    each node's box, in inches."""
    if vertical:
        flat = layered_layout(g, {n: (h, w) for n, (w, h) in sizes.items()}, sources, sinks,
                              groups, node_gap, layer_gap, sweeps, False, load_step)
        def turn(p):
            return (-p[1], -p[0])
        xmin, xmax, ymin, ymax = flat.bounds
        return Layout({n: turn(p) for n, p in flat.pos.items()},
                      {e: [turn(p) for p in r] for e, r in flat.routes.items()},
                      (-ymax, -ymin, -xmax, -xmin), vertical=True)
    nodes = list(g.nodes)
    rank = {n: i for i, n in enumerate(nodes)}
    groups = groups or {}
    back = _back_edges(g, sources, rank)
    dag_edges = [((v, u) if (u, v) in back else (u, v), (u, v)) for u, v in g.edges if u != v]
    dag = nx.DiGraph([e for e, _ in dag_edges])
    dag.add_nodes_from(nodes)

    # ---- layers: longest path from the sources; readouts last; lone sources next to targets
    layer: dict[str, int] = {}
    for n in nx.topological_sort(dag):
        preds = list(dag.predecessors(n))
        layer[n] = max((layer[p] + 1 for p in preds), default=0)
    for n in reversed(list(nx.topological_sort(dag))):
        if not list(dag.predecessors(n)) and n not in sources and dag.out_degree(n):
            layer[n] = max(0, min(layer[s] for s in dag.successors(n)) - 1)
    last = max(layer.values(), default=0)
    sink_set = set(sinks)
    for n in nodes:
        if n in sink_set and dag.out_degree(n) == 0 and dag.in_degree(n):
            layer[n] = last
    n_layers = last + 1

    # ---- dummies for long edges; segments between adjacent layers
    items: list[list[Hashable]] = [[] for _ in range(n_layers)]
    for n in sorted(nodes, key=lambda n: (groups.get(n, 99), rank[n])):
        items[layer[n]].append(n)
    chains: dict[tuple[str, str], list[Hashable]] = {}
    segments: list[tuple[Hashable, Hashable, float]] = []
    for (a, b), orig in dag_edges:
        chain: list[Hashable] = [a]
        for k in range(layer[a] + 1, layer[b]):
            d = ("dummy", orig, k)
            items[k].append(d)
            chain.append(d)
        chain.append(b)
        chains[orig] = chain
        for x, y in zip(chain, chain[1:]):
            w = 1.0 + 1.5 * (isinstance(x, tuple)) + 1.5 * (isinstance(y, tuple))
            segments.append((x, y, w))
    item_layer = {it: k for k, layer_items in enumerate(items) for it in layer_items}
    up: dict[Hashable, list] = defaultdict(list)    # neighbours in the layer before
    down: dict[Hashable, list] = defaultdict(list)  # neighbours in the layer after
    for x, y, w in segments:
        down[x].append((y, w))
        up[y].append((x, w))

    def crossings(order: list[list[Hashable]]) -> int:
        pos = {it: i for layer_items in order for i, it in enumerate(layer_items)}
        by_layer: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for x, y, _ in segments:
            by_layer[item_layer[x]].append((pos[x], pos[y]))
        total = 0
        for segs in by_layer.values():
            a = np.array(segs)
            if len(a) > 1:
                dx = np.sign(a[:, None, 0] - a[None, :, 0])
                dy = np.sign(a[:, None, 1] - a[None, :, 1])
                total += int((dx * dy < 0).sum()) // 2
        return total

    order = [list(layer_items) for layer_items in items]
    best, best_cross = [list(o) for o in order], crossings(order)
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        rng = range(1, n_layers) if downward else range(n_layers - 2, -1, -1)
        for k in rng:
            ref = order[k - 1] if downward else order[k + 1]
            rank = {it: i for i, it in enumerate(ref)}
            nbrs = up if downward else down

            def bary(it, i):
                ns = [(rank[x], w) for x, w in nbrs[it] if x in rank]
                if not ns:
                    return i
                return sum(p * w for p, w in ns) / sum(w for _, w in ns)

            keyed = [(bary(it, i), i, it) for i, it in enumerate(order[k])]
            order[k] = [it for *_, it in sorted(keyed, key=lambda t: (t[0], t[1]))]
        c = crossings(order)
        if c < best_cross:
            best, best_cross = [list(o) for o in order], c
    order = best

    # ---- vertical placement (depth grows downwards)
    def height(it):
        return 0.04 if isinstance(it, tuple) else sizes[it][1]

    def sep(a, b):
        gap = node_gap if not (isinstance(a, tuple) or isinstance(b, tuple)) else 0.09
        return (height(a) + height(b)) / 2 + gap

    depth: dict[Hashable, float] = {}
    for layer_items in order:
        seps = np.array([sep(a, b) for a, b in zip(layer_items, layer_items[1:])])
        ys = np.concatenate([[0.0], np.cumsum(seps)])
        for it, y in zip(layer_items, ys - ys[-1] / 2 if len(ys) else ys):
            depth[it] = float(y)
    for it_n in range(24):
        mode = ("up", "down", "both")[it_n % 3]
        for layer_items in (order if mode != "down" else order[::-1]):
            if not layer_items:
                continue
            desired = []
            for it in layer_items:
                ns = (up[it] if mode in ("up", "both") else []) + \
                     (down[it] if mode in ("down", "both") else [])
                desired.append(sum(depth[x] * w for x, w in ns) / sum(w for _, w in ns)
                               if ns else depth[it])
            seps = np.array([sep(a, b) for a, b in zip(layer_items, layer_items[1:])])
            for it, y in zip(layer_items, _isotonic_place(np.array(desired), seps)):
                depth[it] = float(y)

    # ---- columns: each as wide as its widest box; busier gaps get more room
    widths = [max((sizes[cast(str, it)][0] for it in o if not isinstance(it, tuple)), default=0.3)
              for o in order]
    gap_load: defaultdict[int, int] = defaultdict(int)
    for item, _, _ in segments:
        gap_load[item_layer[item]] += 1
    xs, x = [], 0.0
    for k in range(n_layers):
        x += widths[k] / 2
        xs.append(x)
        x += widths[k] / 2 + min(layer_gap + load_step * gap_load[k], 2 * layer_gap)
    pos = {n: (xs[layer[n]], -depth[n]) for n in nodes}

    # ---- routes with spread-out ports on the box sides
    raw: dict[tuple[str, str], list[Point]] = {}
    for orig, chain in chains.items():
        pts: list[Point] = []
        for it in chain[1:-1]:
            k = item_layer[it]
            pts += [(xs[k] - widths[k] / 2, -depth[it]), (xs[k] + widths[k] / 2, -depth[it])]
        a, b = cast(str, chain[0]), cast(str, chain[-1])  # the ends of a chain are nodes
        start = (pos[a][0] + sizes[a][0] / 2, pos[a][1])
        end = (pos[b][0] - sizes[b][0] / 2, pos[b][1])
        route = [start, *pts, end]
        raw[orig] = route if orig == (a, b) else route[::-1]
    ports: dict[tuple[str, str], list[tuple[float, tuple, int]]] = defaultdict(list)
    for (u, v), route in raw.items():
        side_u = "R" if route[0][0] > pos[u][0] else "L"
        side_v = "R" if route[-1][0] > pos[v][0] else "L"
        ports[u, side_u].append((route[1][1], (u, v), 0))
        ports[v, side_v].append((route[-2][1], (u, v), -1))
    for (n, _), attached in ports.items():
        attached.sort(key=lambda t: -t[0])
        k = len(attached)
        step = min(0.06, 0.55 * sizes[n][1] / (k - 1)) if k > 1 else 0.0
        for i, (_, e, which) in enumerate(attached):
            x, y = raw[e][which]
            raw[e][which] = (x, y + ((k - 1) / 2 - i) * step)

    ys_all = [p[1] for p in pos.values()] + [p[1] for r in raw.values() for p in r]
    half_w = {n: sizes[n][0] / 2 for n in nodes}
    half_h = max(s[1] for s in sizes.values()) / 2
    bounds = (min(x - half_w[n] for n, (x, _) in pos.items()),
              max(x + half_w[n] for n, (x, _) in pos.items()),
              min(ys_all) - half_h, max(ys_all) + half_h)
    return Layout(pos, raw, bounds)
