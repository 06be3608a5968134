"""Figures for notebooks and reports (matplotlib); each function returns a `Figure`.

Every figure reads in greyscale: on/off/oscillating are black/white/hatched grey, activation and
inhibition are solid arrows and dashed bars, and values are written in the heatmap cells.

>>> import boolmtor as bm
>>> m = bm.Model.from_text("A, !B\\nB, A")
>>> fig = bm.plot.network(m)
>>> fig = bm.plot.attractors(m, bm.attractors(m))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.legend_handler import HandlerPatch  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, PathPatch, Rectangle  # noqa: E402
from matplotlib.path import Path as MPath  # noqa: E402
from matplotlib.textpath import TextPath  # noqa: E402

from ._cache import lru_cache  # noqa: E402
from ._layout import layered_layout  # noqa: E402
from .errors import BoolmtorError  # noqa: E402
from .loops import FeedbackLoop, feedback_loops  # noqa: E402
from .model import Model  # noqa: E402
from .results import Attractor  # noqa: E402

__all__ = ["attractors", "network", "panel_heatmap", "response_heatmap", "module_colours",
           "synergy_heatmap"]

# Light tints (dark labels stay readable on each, in colour and in greyscale).
_PALETTE = ("#cfe2f3", "#fde0c5", "#d9ead3", "#eadcf0", "#fff2cc", "#f4cccc", "#d0e0e3",
            "#e6e6e6", "#f9d9ea", "#dde5c4", "#c9daf8", "#fce5cd")
_OFF, _OSC, _ON = "#ffffff", "#a6a6a6", "#1f1f1f"
_ACTIVATION, _INHIBITION, _DUAL = "#262626", "#b2182b", "#6a6a6a"
_LOOP_HALO = {"negative": "#f4a582", "positive": "#92c5de", "ambiguous": "#cccccc"}
_FONT = "DejaVu Sans"


@lru_cache(maxsize=4096)
def _text_size(text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of `text` in inches (exact glyph outline extents)."""
    ext = TextPath((0, 0), text, size=size, prop=FontProperties(family=_FONT, weight=weight))
    box = ext.get_extents()
    return box.width / 72, max(box.height, size * 0.75) / 72


def module_colours(model: Model) -> dict[str, str]:
    """A fill colour for each module of the manifest, in manifest order."""
    return {m: _PALETTE[i % len(_PALETTE)] for i, m in enumerate(model.manifest.modules)}


def _module_of(model: Model) -> dict[str, str]:
    out: dict[str, str] = {}
    for module, nodes in model.manifest.modules.items():
        for n in nodes:
            out.setdefault(n, module)
    return out


def _ordered_nodes(model: Model) -> list[str]:
    """Nodes grouped by module (manifest order), the rest after, each group in rule order."""
    of = _module_of(model)
    modules = list(model.manifest.modules)
    rank = {n: i for i, n in enumerate(model.nodes)}
    return sorted(model.nodes, key=lambda n: (modules.index(of[n]) if n in of else len(modules),
                                              rank[n]))


class NotebookFigure(Figure):
    """A matplotlib `Figure` that Jupyter shows as a picture without `%matplotlib inline`.

    The figures are built without pyplot (no global state, no GUI backend), so IPython has
    no display hook for them; `_repr_png_` gives it one (with the inline backend active,
    IPython's own Figure formatter takes precedence and shows the same picture once).
    """

    def _repr_png_(self) -> bytes:
        import io

        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight")
        return buffer.getvalue()


def _new_figure(width: float, height: float) -> Figure:
    fig = NotebookFigure(figsize=(width, height), dpi=110)
    fig.patch.set_facecolor("white")
    return fig


# ============================================================================ attractors
def attractors(model: Model, atts: Sequence[Attractor] | Mapping[str, Sequence[Attractor]], *,
               nodes: Sequence[str] | None = None, title: str | None = None) -> Figure:
    """Node × attractor heatmap: on (black), off (white), oscillating (hatched grey).

    A multi-level node is one row (its base name, labelled with its levels 0..k; its higher
    level nodes get no row of their own): a constant level is a grey shade from white (0) to
    black (k) with the level written in the cell; an oscillating one shows its mean level.

    `atts` is a sequence of attractors, or a mapping label -> attractors (e.g. one entry per
    environment) drawn side by side in labelled groups. Oscillating cells show the share of
    the attractor's states in which the node is on. Columns are labelled with the attractor's
    number, kind (fixed point or number of states) and weight (share of the state space that
    ends there; "n/c" when not computed). Node labels are tinted by module; readouts are bold.
    """
    grouped = isinstance(atts, Mapping)
    groups = ({str(k): list(v) for k, v in atts.items()} if isinstance(atts, Mapping)
              else {"": list(atts)})
    cols = [(g, j, a) for g, group in groups.items() for j, a in enumerate(group, start=1)]
    if not cols:
        raise BoolmtorError("no attractors to plot")
    atts = [a for *_, a in cols]
    nodes = list(nodes) if nodes is not None else [n for n in _ordered_nodes(model)
                                                   if n not in model.higher_levels]
    of, colours = _module_of(model), module_colours(model)
    n, m = len(nodes), len(atts)
    fs = 8.0
    col_labels = []
    for g, j, a in cols:
        kind = "fixed point" if a.is_fixed_point else f"{a.size} states"
        weight = "w n/c" if a.weight is None else f"w {a.weight:.2f}"
        col_labels.append(f"{g} #{j}\n{kind}, {weight}" if grouped
                          else f"#{j}\n{kind}\n{weight}")
    if grouped:  # vertical labels: columns can be narrow and never collide
        cell_w = 0.42
        label_h = max(_text_size(line, 7.5)[0] for lab in col_labels
                      for line in lab.split("\n")) + 0.15
    else:
        cell_w, label_h = 0.72, 0.55
    cell_h = 0.25
    names = [f"{x} (0–{model.max_level(x)})" if x in model.levels else x for x in nodes]
    label_w = max(_text_size(x, fs, "bold")[0] for x in names) + 0.25
    legend_w = 2.3
    top, bottom = label_h + 0.37 + (0.25 if title else 0), 0.25
    width = label_w + m * cell_w + legend_w + 0.2
    height = top + n * cell_h + bottom
    if height < 3.2:
        bottom, height = bottom + 3.2 - height, 3.2
    fig = _new_figure(width, height)
    ax = fig.add_axes((label_w / width, bottom / height, m * cell_w / width,
                       n * cell_h / height))

    codes, osc = np.zeros((n, m)), np.zeros((n, m), dtype=bool)
    for j, a in enumerate(atts):
        for i, node in enumerate(nodes):
            v = a.level(node)  # 0/1 for a Boolean node; 0..k for a multi-level one
            osc[i, j] = v == "osc"
            codes[i, j] = 0.5 if v == "osc" else v / model.max_level(node)
    grey = LinearSegmentedColormap.from_list("level", [_OFF, _ON])
    ax.imshow(np.where(osc, np.nan, codes), cmap=grey, vmin=0, vmax=1, aspect="auto",
              interpolation="nearest", extent=(-0.5, m - 0.5, n - 0.5, -0.5))
    with matplotlib.rc_context({"hatch.linewidth": 0.8}):
        for j, a in enumerate(atts):
            for i, node in enumerate(nodes):
                leveled = node in model.levels
                if osc[i, j]:
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fc=_OSC, hatch="///",
                                           edgecolor="#f2f2f2", linewidth=0))
                    shown = a.score(node) * model.max_level(node) if leveled else \
                        a.activity(node)
                    ax.text(j, i, f"{shown:.2f}", ha="center", va="center",
                            fontsize=6.5, color="black",
                            bbox=dict(boxstyle="square,pad=0.05", fc=_OSC, lw=0))
                elif leveled:
                    ax.text(j, i, str(a.level(node)), ha="center", va="center", fontsize=7,
                            color="white" if codes[i, j] > 0.5 else "black")
    ax.set_xticks(np.arange(m + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(n + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#bdbdbd", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    # module and group separators
    for i in range(1, n):
        if of.get(nodes[i]) != of.get(nodes[i - 1]):
            ax.axhline(i - 0.5, color="#4d4d4d", linewidth=1.4)
    for j in range(1, m):
        if cols[j][0] != cols[j - 1][0]:
            ax.axvline(j - 0.5, color="#4d4d4d", linewidth=2.0)

    ax.xaxis.tick_top()
    ax.set_xticks(range(m), col_labels, fontsize=7.5, rotation=90 if grouped else 0,
                  ha="center", va="bottom")
    if not grouped:
        ax.set_xlabel("attractor (number, kind, weight)", fontsize=8.5)
        ax.xaxis.set_label_position("top")
    ax.set_yticks(range(n), names, fontsize=fs)
    ax.tick_params(which="major", length=0, pad=3)
    readouts = set(model.readouts)
    for label, node in zip(ax.get_yticklabels(), nodes):
        if node in readouts:
            label.set_fontweight("bold")
        if node in of:
            label.set_bbox(dict(boxstyle="round,pad=0.15", fc=colours[of[node]], lw=0))
    ax.set_ylabel("node", fontsize=8.5)
    if title:
        fig.suptitle(title, x=0.02, ha="left", y=1 - 0.12 / height, va="top", fontsize=10,
                     fontweight="bold")

    handles = [Patch(fc=_OFF, ec="#4d4d4d", label="off (0)"),
               Patch(fc=_ON, ec="#4d4d4d", label="on (1)"),
               Patch(fc=_OSC, ec="#f2f2f2", hatch="///",
                     label="oscillating\n(share of states on)")]
    if any(x in model.levels for x in nodes):
        handles += [Patch(fc=grey(0.5), ec="#4d4d4d", label="level j of 0–k:\nshade j/k, "
                          "number j\n(oscillating: mean level)")]
    handles += [Patch(fc=colours[mod], ec="none", label=mod)
                for mod in model.manifest.modules if any(of.get(x) == mod for x in nodes)]
    fig.legend(handles=handles, loc="upper left", fontsize=7.5, frameon=False,
               bbox_to_anchor=((label_w + m * cell_w + 0.15) / width,
                               1 - top / height + 0.02), title=("columns: group #n, kind, weight\n" if grouped else "")
               + "cell / module",
               title_fontsize=8)
    return fig


# ============================================================================ network
def _bezier_through(points: Sequence[tuple[float, float]], vertical: bool) -> MPath:
    """A smooth path through `points`, horizontal (vertical) tangents at each point."""
    verts, codes = [points[0]], [MPath.MOVETO]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if vertical:
            dy = (y1 - y0) / 2
            verts += [(x0, y0 + dy), (x1, y1 - dy), (x1, y1)]
        else:
            dx = (x1 - x0) / 2
            verts += [(x0 + dx, y0), (x1 - dx, y1), (x1, y1)]
        codes += [MPath.CURVE4] * 3
    return MPath(verts, codes)


class _ArrowHandler(HandlerPatch):
    def __init__(self, style: str, color: str, dashed: bool):
        super().__init__()
        self.style, self.color, self.dashed = style, color, dashed

    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height, fontsize,
                       trans):
        y = height / 2 - ydescent
        body = FancyArrowPatch((-xdescent, y), (width - xdescent - 3, y), arrowstyle="-",
                               linestyle=(0, (3, 2)) if self.dashed else "-", color=self.color,
                               lw=1.2, transform=trans, shrinkA=0, shrinkB=0)
        head = FancyArrowPatch((width - xdescent - 6, y), (width - xdescent, y),
                               arrowstyle=self.style, color=self.color, lw=1.2,
                               mutation_scale=8, transform=trans, shrinkA=0, shrinkB=0)
        return [body, head]


_HEADS = {1: "-|>,head_length=0.55,head_width=0.3", -1: "|-|,widthA=0,widthB=0.6",
          0: "->,head_length=0.5,head_width=0.3"}


def network(model: Model, *, loops: Sequence[FeedbackLoop] | None = None,
            title: str | None = None, font_size: float = 9.0,
            direction: str = "auto") -> Figure:
    """The signed interaction graph, laid out in layers from the inputs to the readouts.

    Nodes are coloured by the manifest's [modules]; activations are solid dark arrows,
    inhibitions dashed red bars, edges of both signs dash-dotted grey arrows. Edges on feedback
    loops (`loops`, default: all of `feedback_loops(model)`) get a halo: orange on a negative
    loop, blue on a positive one. Node labels never overlap (the layout sizes each box to its
    label). `direction` is "TB" (inputs at the top), "LR" (inputs on the left) or "auto" (the
    one that fits a 10 × 14 inch page at the larger scale).
    """
    if direction not in ("auto", "TB", "LR"):
        raise BoolmtorError(f"direction must be one of auto, TB, LR (got {direction!r})")
    if loops is None:
        loops = feedback_loops(model)
    g = model.graph.copy()
    g.remove_edges_from([(n, n) for n in model.inputs if g.has_edge(n, n)])
    selfloops = [n for n in g.nodes if g.has_edge(n, n)]
    g.remove_edges_from([(n, n) for n in selfloops])

    pad_x, pad_y, box_h = 0.14, 0.08, 0.0
    readouts, inputs = set(model.readouts), set(model.inputs)
    sizes = {}
    for n in model.nodes:
        w, h = _text_size(n, font_size, "bold" if n in readouts else "normal")
        sizes[n] = (w + 2 * pad_x, 0.0)
        box_h = max(box_h, h + 2 * pad_y)
    sizes = {n: (w, box_h) for n, (w, _) in sizes.items()}
    of, colours = _module_of(model), module_colours(model)
    groups = {n: (list(model.manifest.modules).index(of[n]) if n in of else 99) for n in g}
    sources = [n for n in model.nodes if n in inputs]
    sinks = [n for n in model.nodes if n in readouts]
    lays = {d: layered_layout(g, sizes, vertical=d == "TB", node_gap=0.2 if d == "LR" else 0.16,
                              layer_gap=0.6 if d == "LR" else 0.3,
                              load_step=0.035 if d == "LR" else 0.02, sources=sources,
                              sinks=sinks, groups=groups)
            for d in (("TB", "LR") if direction == "auto" else (direction,))}

    def shrink(lay):  # how much the figure must shrink to fit a 10 x 14 inch page
        x0, x1, y0, y1 = lay.bounds
        return max((x1 - x0) / 10, (y1 - y0 + 2.5) / 14)

    lay = min(lays.values(), key=shrink)

    # loop membership of each edge: negative wins over positive for the halo colour
    halo: dict[tuple[str, str], str] = {}
    for loop in loops:
        for e in loop.edges:
            if halo.get(e) != "negative":
                halo[e] = loop.sign if loop.sign != "ambiguous" or e not in halo else halo[e]

    xmin, xmax, ymin, ymax = lay.bounds
    module_handles = [Patch(fc=c, ec="#333333", lw=0.8, label=mod) for mod, c in colours.items()]
    margin = 0.35
    legend_h = 0.75 + (0.3 + 0.2 * ((len(module_handles) + 2) // 3) if module_handles else 0)
    head_h = 0.95 if title else 0.65
    width = max(xmax - xmin + 2 * margin, 6.5)
    height = ymax - ymin + 2 * margin + legend_h + head_h
    fig = _new_figure(width, height)
    ax = fig.add_axes((0, 0, 1, 1))
    cx = (xmin + xmax) / 2
    ax.set_xlim(cx - width / 2, cx + width / 2)
    ax.set_ylim(ymin - margin - legend_h, ymax + margin + head_h)
    ax.set_aspect("equal")
    ax.axis("off")

    for (u, v), route in lay.routes.items():
        sign = g.edges[u, v]["sign"]
        path = _bezier_through(route, lay.vertical)
        if (u, v) in halo:
            ax.add_patch(PathPatch(path, fc="none", ec=_LOOP_HALO[halo[u, v]], lw=5.5,
                                   alpha=0.9, capstyle="round", zorder=1))
        color = {1: _ACTIVATION, -1: _INHIBITION, 0: _DUAL}[sign]
        style = {1: "-", -1: (0, (4, 2)), 0: (0, (5, 2, 1, 2))}[sign]
        ax.add_patch(PathPatch(path, fc="none", ec=color, lw=1.1, linestyle=style, zorder=2))
        (x0, y0), (x1, y1) = route[-2], route[-1]
        if lay.vertical:
            tail = (x1, y1 + (0.09 if y1 < y0 else -0.09))
        else:
            tail = (x1 - (0.09 if x1 > x0 else -0.09), y1)
        ax.add_patch(FancyArrowPatch(tail, (x1, y1), arrowstyle=_HEADS[sign],
                                     color=color, lw=1.5, mutation_scale=10, shrinkA=0,
                                     shrinkB=0, zorder=3))
    loop_signs: dict[str, str] = {l.nodes[0]: l.sign for l in loops if len(l) == 1}
    for n in selfloops:  # a small arc on the side free of edge ports
        (x, y), (w, h) = lay.pos[n], sizes[n]
        sign = model.graph.edges[n, n]["sign"]
        color = {1: _ACTIVATION, -1: _INHIBITION, 0: _DUAL}[sign]
        if lay.vertical:
            ends = (x + w / 2, y - h * 0.3), (x + w / 2, y + h * 0.3)
        else:
            ends = (x + w * 0.3, y + h / 2), (x - w * 0.3, y + h / 2)
        if n in loop_signs:
            ax.add_patch(FancyArrowPatch(*ends, connectionstyle="arc3,rad=1.1", arrowstyle="-",
                                         color=_LOOP_HALO[loop_signs[n]], lw=5.5,
                                         shrinkA=0, shrinkB=0, zorder=1))
        ax.add_patch(FancyArrowPatch(*ends, connectionstyle="arc3,rad=1.1",
                                     arrowstyle=_HEADS[sign], color=color, lw=1.1,
                                     linestyle="-" if sign == 1 else (0, (3, 1.5)),
                                     mutation_scale=8, shrinkA=0, shrinkB=0, zorder=3))
    for n in model.nodes:
        (x, y), (w, h) = lay.pos[n], sizes[n]
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0,rounding_size=0.06",
                                    fc=colours.get(of.get(n, ""), "#ffffff"), ec="#333333",
                                    lw=1.8 if n in inputs or n in readouts else 0.8, zorder=4))
        ax.text(x, y, n, ha="center", va="center", fontsize=font_size, family=_FONT,
                fontweight="bold" if n in readouts else "normal", zorder=5, gid=f"node:{n}")

    signs = [model.graph.edges[e]["sign"] for e in [*g.edges, *((n, n) for n in selfloops)]]
    n_act, n_inh = signs.count(1), signs.count(-1)
    n_neg = sum(l.sign == "negative" for l in loops)
    n_pos = sum(l.sign == "positive" for l in loops)
    subtitle = (f"{len(model.nodes)} nodes, {g.number_of_edges() + len(selfloops)} edges "
                f"({n_act} activating, {n_inh} inhibiting)\n{len(loops)} feedback "
                f"loop{'s' * (len(loops) != 1)} "
                f"({n_neg} negative, {n_pos} positive); thick border: input or readout")
    top = ymax + margin + head_h
    if title:
        ax.text(cx - width / 2 + 0.2, top - 0.12, title, ha="left", va="top", fontsize=11,
                fontweight="bold")
    ax.text(cx - width / 2 + 0.2, top - (0.45 if title else 0.12), subtitle, ha="left",
            va="top", fontsize=8, color="#333333")

    present = {d["sign"] for *_, d in model.graph.edges(data=True)}
    kinds = [(1, "activates", _ACTIVATION, False), (-1, "inhibits", _INHIBITION, True),
             (0, "both signs", _DUAL, True)]
    edge_handles = [Patch(label=label) for sign, label, *_ in kinds if sign in present]
    handler = {h: _ArrowHandler(_HEADS[sign], color, dashed)
               for h, (sign, _, color, dashed) in zip(edge_handles,
                                                      [k for k in kinds if k[0] in present])}
    edge_handles += [Patch(fc=_LOOP_HALO[s], label=f"on a {s} feedback loop")
                     for s in ("negative", "positive") if s in set(halo.values())]
    y_leg = (legend_h - 0.05) / height
    leg = ax.legend(handles=edge_handles, handler_map=handler, loc="upper left",
                    bbox_to_anchor=(0.01, y_leg), bbox_transform=fig.transFigure, ncol=3,
                    fontsize=8, frameon=False, title="edges", title_fontsize=8.5,
                    alignment="left")
    ax.add_artist(leg)
    if module_handles:
        ax.legend(handles=module_handles, loc="upper left",
                  bbox_to_anchor=(0.01, y_leg - 0.72 / height), bbox_transform=fig.transFigure,
                  ncol=min(4, len(module_handles)), fontsize=8, frameon=False,
                  title="modules", title_fontsize=8.5, alignment="left")
    return fig


# ============================================================================ responses
def response_heatmap(data, *, readouts: Sequence[str] | None = None, title: str | None = None,
                     value_label: str = "change in readout score\n(treated − untreated)",
                     vmin: float = -1.0, vmax: float = 1.0, cmap: str = "cividis",
                     row_label: str = "background") -> Figure:
    """Backgrounds × drugs heatmap(s), one panel per readout, values written in each cell.

    `data` is one wide table (pandas DataFrame: index backgrounds, columns drugs), a mapping
    readout -> such a table, or a long table with columns ``background``, ``drug`` and one
    numeric column per readout, such as `bm.compare_drugs` gives for one environment (pick
    columns with `readouts`, e.g. ``["PROLIFERATION_delta", "APOPTOSIS_delta"]``; by default
    the ``*_delta`` columns). The default colour map, cividis,
    is monotone in lightness, so it keeps its order in greyscale. `row_label` names the rows
    (the y axis).
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame) and {"background", "drug"} <= set(data.columns):
        if "environment" in data.columns and data["environment"].nunique() > 1:
            raise BoolmtorError("the table holds several environments; plot one at a time "
                             "(e.g. table[table.environment == 'growth'])")
        numeric = [c for c in data.columns if c not in ("background", "drug")
                   and pd.api.types.is_numeric_dtype(data[c])
                   and not pd.api.types.is_bool_dtype(data[c])]
        deltas = [c for c in numeric if c.endswith("_delta")]
        cols = list(readouts or deltas or numeric)
        panels = {c.removesuffix("_delta") + (" (change)" if c.endswith("_delta") else ""):
                  data.pivot_table(index="background", columns="drug", values=c, sort=False)
                  for c in cols}
    elif isinstance(data, pd.DataFrame):
        panels = {title or "": data}
        title = None if title and len(panels) == 1 and "" not in panels else title
    elif isinstance(data, Mapping):
        panels = {k: v for k, v in data.items() if readouts is None or k in readouts}
    else:
        raise TypeError(f"data must be a pandas DataFrame or a mapping of them "
                        f"(got {type(data).__name__})")
    if not panels or any(p.empty for p in panels.values()):
        raise BoolmtorError("no response values to plot")

    fs = 8.0
    first = next(iter(panels.values()))
    rows = [str(r) for r in first.index]
    cols = [str(c) for c in first.columns]
    # column labels are rotated 45°, so a cell only needs room for its value ("+1.00")
    cell_w, cell_h = _text_size("+0.00", 7)[0] + 0.22, 0.34
    label_w = max(_text_size(r, fs)[0] for r in rows) + 0.3
    col_h = max(_text_size(c, fs)[0] for c in cols) * 0.72 + 0.35
    panel_w = len(cols) * cell_w
    top = 0.35 + (0.35 if title else 0) + col_h
    width = label_w + len(panels) * (panel_w + 0.3) + 1.1
    height = top + len(rows) * cell_h + 0.3
    fig = _new_figure(width, height)
    image = None
    for k, (name, table) in enumerate(panels.items()):
        table = table.reindex(index=first.index, columns=first.columns)
        left = label_w + k * (panel_w + 0.3)
        ax = fig.add_axes((left / width, 0.3 / height, panel_w / width,
                           len(rows) * cell_h / height))
        values = table.to_numpy(dtype=float)
        image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
        norm = image.norm
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                text = ("–" if np.isnan(v) else "0.00" if abs(v) < 0.005 else f"{v:+.2f}")
                light = np.nan_to_num(norm(v), nan=1.0) > 0.55
                ax.text(j, i, text, ha="center", va="center", fontsize=7,
                        color="black" if light else "white")
        ax.set_xticks(range(len(cols)), cols, rotation=45, ha="left", fontsize=fs,
                      rotation_mode="anchor")
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(rows)), rows if k == 0 else [], fontsize=fs)
        ax.set_xticks(np.arange(len(cols) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1.2)
        ax.tick_params(which="both", length=0)
        ax.set_xlabel(f"{name}" if name else "drug", fontsize=9, fontweight="bold", labelpad=6)
        if k == 0:
            ax.set_ylabel(row_label, fontsize=8.5)
    cax = fig.add_axes(((width - 0.85) / width, 0.3 / height, 0.14 / width,
                        len(rows) * cell_h / height))
    assert image is not None  # there is at least one panel (checked above)
    bar = fig.colorbar(image, cax=cax)
    bar.set_label(value_label, fontsize=7.5)
    bar.ax.tick_params(labelsize=7)
    if title:
        fig.suptitle(title, x=0.02, ha="left", y=1 - 0.1 / height, va="top", fontsize=10,
                     fontweight="bold")
    return fig


def synergy_heatmap(table, *, value: str = "excess_over_bliss", title: str | None = None,
                    limit: float = 1.0) -> Figure:
    """Drug × drug heatmap of a `bm.combinations` table for one environment and background.

    Each cell holds the pair's `value` (default the excess over Bliss independence; positive:
    synergy), written in the cell, on the colour-blind-safe diverging map PuOr centred at 0
    (±`limit`). The diagonal and pairs without a value (the untreated tumour does not grow:
    Bliss undefined) are hatched grey.
    """
    from matplotlib.colors import TwoSlopeNorm

    if {"drug_a", "drug_b", value} - set(table.columns):
        raise BoolmtorError(f"table must have columns drug_a, drug_b and {value} "
                         f"(a bm.combinations table)")
    for col in ("environment", "background"):
        if col in table.columns and table[col].astype(str).nunique() > 1:
            raise BoolmtorError(f"the table holds several values of {col}; plot one at a time")
    drugs = list(dict.fromkeys([*table.drug_a, *table.drug_b]))
    if not drugs:
        raise BoolmtorError("no drug pairs to plot")
    index = {d: i for i, d in enumerate(drugs)}
    values = np.full((len(drugs), len(drugs)), np.nan)
    for a, b, v in zip(table.drug_a, table.drug_b, table[value]):
        v = np.nan if v is None else float(v)
        values[index[a], index[b]] = values[index[b], index[a]] = v
    fs = 8.0
    cell = max(_text_size("+0.00", 7)[0] + 0.25, 0.42)
    label_w = max(_text_size(d, fs)[0] for d in drugs) + 0.3
    col_h = max(_text_size(d, fs)[0] for d in drugs) * 0.72 + 0.35
    top = 0.35 + (0.35 if title else 0) + col_h
    width = label_w + len(drugs) * cell + 1.4
    height = top + len(drugs) * cell + 0.3
    fig = _new_figure(width, height)
    ax = fig.add_axes((label_w / width, 0.3 / height, len(drugs) * cell / width,
                       len(drugs) * cell / height))
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit)
    image = ax.imshow(values, cmap="PuOr", norm=norm, aspect="auto")
    with matplotlib.rc_context({"hatch.linewidth": 0.8}):
        for i in range(len(drugs)):
            for j in range(len(drugs)):
                v = values[i, j]
                if np.isnan(v):
                    ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fc="#e6e6e6",
                                           ec="#a6a6a6", hatch="///", lw=0))
                    continue
                text = "0.00" if abs(v) < 0.005 else f"{v:+.2f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7,
                        color="white" if abs(norm(v) - 0.5) > 0.35 else "black")
    ax.set_xticks(range(len(drugs)), drugs, rotation=45, ha="left", fontsize=fs,
                  rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(drugs)), drugs, fontsize=fs)
    ax.set_xticks(np.arange(len(drugs) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(drugs) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    ax.tick_params(which="both", length=0)
    cax = fig.add_axes(((width - 1.1) / width, 0.3 / height, 0.14 / width,
                        len(drugs) * cell / height))
    bar = fig.colorbar(image, cax=cax)
    label = {"excess_over_bliss": "excess over Bliss\n(+ synergy, − antagonism)",
             "excess_over_best_single": "excess over best single\n(efficacy units)"}
    bar.set_label(label.get(value, value), fontsize=7.5)
    bar.ax.tick_params(labelsize=7)
    handles = [Patch(fc="#e6e6e6", ec="#a6a6a6", hatch="///", label="no value")]
    fig.legend(handles=handles, loc="lower right", fontsize=7, frameon=False,
               bbox_to_anchor=(1.0, 0.0))
    if title:
        fig.suptitle(title, x=0.02, ha="left", y=1 - 0.1 / height, va="top", fontsize=10,
                     fontweight="bold")
    return fig


_TOP = "#e66100"  # orange: stands out on every shade of cividis, and for colour-blind readers


def panel_heatmap(predictions, *, title: str | None = None) -> Figure:
    """Samples × drugs heatmap of each single drug's score in `bm.predict` results.

    `predictions` is a sequence (or mapping) of `Prediction`s, one row each, labelled with the
    sample and its backgrounds. Cells hold the mean efficacy over the environments (written
    in the cell; cividis, colour-blind safe and monotone in lightness). The rank-1 drugs of each
    row are outlined in orange: several outlined cells in a row are a tie, and a row outlined
    end to end means no drug class differs for that sample.
    """
    import pandas as pd

    preds = list(predictions.values() if isinstance(predictions, Mapping) else predictions)
    if not preds or not all(p.singles for p in preds):
        raise BoolmtorError("no predictions to plot")
    label = {c.name: f"{c.name} ({c.classes[0]})" for p in preds for c in p.singles}
    drugs = sorted(label, key=lambda d: (label[d].split(" (")[1], d))
    rows = {}
    for p in preds:
        name = p.sample or ", ".join(p.alterations)
        rows[f"{name} ({' + '.join(p.backgrounds) or 'wild type'})"] = {
            label[c.name]: c.score for c in p.singles}
    table = pd.DataFrame.from_dict(rows, orient="index").reindex(
        columns=[label[d] for d in drugs])
    fig = response_heatmap(table, title=title, vmin=-2.0, vmax=2.0, row_label="sample "
                           "(backgrounds)", value_label=f"{preds[0].measure}, mean over "
                           f"{', '.join(preds[0].environments)}\n(treated vs untreated)")
    ax = fig.axes[0]
    for i, p in enumerate(preds):
        top = {label[c.name] for c in p.best_singles}
        for j, col in enumerate(table.columns):
            if col in top:
                ax.add_patch(Rectangle((j - 0.44, i - 0.40), 0.88, 0.80, fill=False,
                                       edgecolor=_TOP, linewidth=1.8))
    ax.annotate("orange outline: best drug(s) of the row; several outlined = a tie;\n"
                "a row outlined end to end = no drug class differs", xy=(0, 0),
                xycoords="axes fraction", xytext=(0, -30), textcoords="offset points",
                fontsize=7, ha="left", va="top", color="#333333")
    return fig
