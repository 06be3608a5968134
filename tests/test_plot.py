"""Figures: each is a non-empty image of sensible size, and the network's labels never overlap."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

import boolmtor as bm
from boolmtor import plot
from boolmtor.loops import feedback_loops

RULES = """\
GF, GF
AA, AA
RTK, GF
IRS1, RTK & !S6K
PI3K, IRS1
AKT, PI3K & !PTEN
PTEN, !AKT
TSC, !AKT
MTORC1, !TSC & AA
S6K, MTORC1
ERK, RTK
BAD, !AKT & !ERK
GROWTH, S6K
APOPTOSIS, BAD
"""

MANIFEST = """\
[model]
name = "mini"
readouts = ["GROWTH", "APOPTOSIS"]

[modules]
inputs = ["GF", "AA"]
pi3k = ["RTK", "IRS1", "PI3K", "AKT", "PTEN"]
mtorc1 = ["TSC", "MTORC1", "S6K"]
other = ["ERK", "BAD"]
phenotypes = ["GROWTH", "APOPTOSIS"]

[environments.growth]
inputs = { GF = 1, AA = 1 }
[environments.starved]
inputs = { GF = 0, AA = 0 }
"""


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> bm.Model:
    folder = tmp_path_factory.mktemp("mini")
    (folder / "mini.bnet").write_text(RULES)
    (folder / "model.toml").write_text(MANIFEST)
    return bm.load_model(folder)


def png_of(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"))


def assert_sensible(fig, min_w: int = 300, min_h: int = 200) -> None:
    img = png_of(fig)
    h, w = img.shape
    assert w > min_w and h > min_h, f"image only {w}x{h}"
    assert img.std() > 5, "image is (almost) one colour"
    assert (img < 128).mean() > 0.005, "image has almost no dark ink"


def label_boxes(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return {t.get_gid()[5:]: t.get_window_extent(renderer)
            for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("node:")}


def assert_no_overlap(fig, nodes) -> None:
    boxes = label_boxes(fig)
    assert set(boxes) == set(nodes)
    for (a, ba), (b, bb) in itertools.combinations(boxes.items(), 2):
        assert not ba.overlaps(bb), f"labels {a} and {b} overlap"
    width, height = fig.canvas.get_width_height()
    for name, box in boxes.items():
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, \
            f"label {name} is outside the figure"


def test_attractor_heatmap_is_a_sensible_image(mini):
    """The node × attractor heatmap renders to a non-blank PNG of sensible size."""
    atts = bm.attractors(mini, environment="growth")
    fig = plot.attractors(mini, atts, title="growth")
    assert_sensible(fig)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][0] == "GF"


def test_attractor_heatmap_groups_and_oscillations():
    """Grouped columns and oscillating cells (with their activity written in) are drawn."""
    m = bm.Model.from_text("IN, IN\nA, !C & IN\nB, A\nC, B\nOUT, A | !IN")
    groups = {"free": bm.attractors(m), "IN on": bm.attractors(m, environment={"IN": 1})}
    fig = plot.attractors(m, groups)
    assert_sensible(fig)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0].startswith("free #1") and labels[-1].startswith("IN on #1")
    assert any(t.get_text() == "0.50" for t in fig.axes[0].texts)


def test_attractor_heatmap_needs_attractors(mini):
    """An empty list is an error, not a blank figure."""
    with pytest.raises(bm.BoolmtorError, match="no attractors"):
        plot.attractors(mini, [])


def test_network_is_a_sensible_image_without_overlapping_labels(mini):
    """The interaction graph renders, every node labelled once, no two labels overlapping."""
    fig = plot.network(mini, title="mini")
    assert_sensible(fig)
    assert_no_overlap(fig, mini.nodes)


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_network_both_directions(mini, direction):
    """Top-to-bottom and left-to-right layouts both keep labels apart."""
    fig = plot.network(mini, direction=direction)
    assert_no_overlap(fig, mini.nodes)


def test_network_labels_apart_on_published_models(published):
    """Labels stay apart on published models of various shapes (pyboolnet repository)."""
    fig = plot.network(published.model)
    assert_sensible(fig)
    assert_no_overlap(fig, published.model.nodes)


def test_network_labels_apart_on_curated_model():
    """The curated model's figure keeps every label apart."""
    model = bm.load_model()
    fig = plot.network(model)
    assert_no_overlap(fig, model.nodes)


def test_network_rejects_unknown_direction(mini):
    with pytest.raises(bm.BoolmtorError, match="direction must be one of"):
        plot.network(mini, direction="diagonal")


def test_feedback_loop_signs():
    """A loop's sign is the product of its edge signs; input self-loops are not loops."""
    m = bm.Model.from_text("IN, IN\nA, !B & IN\nB, A\nC, D\nD, C\nE, E | A")
    loops = {str(l): l.sign for l in feedback_loops(m)}
    assert loops == {"E → E": "positive", "A → B → A": "negative", "C → D → C": "positive"}


def test_feedback_loops_of_curated_model_include_s6k_irs1():
    """The curated model has the negative S6K ⊣ IRS1 feedback (rapalog AKT re-activation)."""
    model = bm.load_model()
    neg = [l for l in feedback_loops(model) if l.sign == "negative"]
    assert any(("S6K", "IRS1") in l.edges for l in neg)


def test_response_heatmap_from_wide_long_and_mapping_tables():
    """Backgrounds × drugs heatmaps render from each accepted table shape."""
    wide = pd.DataFrame([[-0.5, -1.0], [0.0, 0.25]], index=["wild type", "PTEN_loss"],
                        columns=["rapamycin", "torin1"])
    assert_sensible(plot.response_heatmap(wide, title="PROLIFERATION"))
    assert_sensible(plot.response_heatmap({"PROLIFERATION": wide, "APOPTOSIS": -wide}))
    long = wide.stack().rename("PROLIFERATION").reset_index()
    long.columns = ["background", "drug", "PROLIFERATION"]
    long["APOPTOSIS"] = -long["PROLIFERATION"]
    fig = plot.response_heatmap(long)
    assert_sensible(fig)
    assert len(fig.axes) == 3  # two panels and the colour bar


def test_response_heatmap_needs_one_environment():
    """A compare_drugs-like table with several environments must be filtered first."""
    long = pd.DataFrame({"environment": ["a", "b"], "background": ["wt", "wt"],
                         "drug": ["x", "x"], "exact": [True, True], "GROWTH_delta": [-1.0, 0.0]})
    with pytest.raises(bm.BoolmtorError, match="several environments"):
        plot.response_heatmap(long)
    fig = plot.response_heatmap(long[long.environment == "a"])
    assert fig.axes[0].get_xlabel() == "GROWTH (change)"


def test_response_heatmap_rejects_other_input():
    with pytest.raises(TypeError, match="DataFrame"):
        plot.response_heatmap([[1, 2]])


def test_response_heatmap_cells_do_not_grow_with_rotated_labels():
    """Column labels are rotated, so long drug names do not widen the cells; rows are named."""
    short = pd.DataFrame([[-1.0, 0.5]], index=["wild type"], columns=["a", "b"])
    long = short.set_axis(["a drug with a very long name (class)", "another long name"],
                          axis=1)
    figs = [plot.response_heatmap(t, row_label="drug pair") for t in (short, long)]
    widths = [f.axes[0].get_position().width * f.get_figwidth() for f in figs]
    assert widths[0] == pytest.approx(widths[1])
    assert figs[1].axes[0].get_ylabel() == "drug pair"
    assert_sensible(figs[1], min_w=200, min_h=100)


def test_figures_show_as_pictures_in_a_notebook_without_matplotlib_inline(tmp_path):
    """A bm.plot figure as a cell's last value is an image/png output, with and without
    `%matplotlib inline` (one picture each time, not the text `<Figure size ...>`)."""
    import base64
    import json
    import sys

    import nbclient
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec = tmp_path / "kernels" / "boolmtor-plot"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "boolmtor plot test", "language": "python"}))
    figure = 'bm.plot.network(bm.Model.from_text("A, !B\\nB, A"))'
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(f"import boolmtor as bm\n{figure}"),
        nbformat.v4.new_code_cell(f"%matplotlib inline\n{figure}")])
    ksm = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")], ensure_native_kernel=False)
    km = KernelManager(kernel_name="boolmtor-plot", kernel_spec_manager=ksm)
    nbclient.NotebookClient(nb, km=km, timeout=120, allow_errors=False,
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    for cell in nb.cells:
        images = [o["data"]["image/png"] for o in cell.outputs
                  if o.get("output_type") in ("execute_result", "display_data")
                  and "image/png" in o.get("data", {})]
        assert len(images) == 1, cell.outputs
        picture = Image.open(io.BytesIO(base64.b64decode(images[0])))
        assert picture.width > 100 and picture.height > 100
