"""`bm.explore`: the page's precomputed conditions are what the package computes, and the page,
driven in headless Chromium (Debian's `chromium` + `chromedriver`, installed by `make test`),
shows exactly that when a user picks a condition."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path

import pytest

import boolmtor as bm
from boolmtor import explorer
from boolmtor.manifest import load_manifest
from toys import BASE_TOML

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
"""Screenshots of the browser tests are copied here (git-ignored) to be looked at."""

# A toggle (X/Y) that K holds on the X side, with an oscillator (P, Q) on the X side: two
# attractors of unequal weight when K is off, one of them cyclic.
EXPLORER_TOY = """\
GF, GF
ONC, 0
SURV, 0
K, GF | ONC
X, !Y | K
Y, !X & !K
P, X & !Q
Q, P
PROLIFERATION, X
APOPTOSIS, Y & !SURV
"""

EXPLORER_TOML = BASE_TOML.replace('name = "toy"', 'name = "explorer-toy"') + """\
[drugs.kin]
class = "kinase_inhibitor"
targets = { K = 0 }
[drugs.kin2]
class = "kinase_inhibitor"
targets = { K = 0 }
[drugs.xinh]
class = "x_inhibitor"
targets = { X = 0 }
[drugs.yact]
class = "y_activator"
targets = { Y = 1 }
[backgrounds.ONC_gain]
alterations = { ONC = 1 }
[backgrounds.SURV_gain]
alterations = { SURV = 1 }
[backgrounds.X_loss]
alterations = { X = 0 }
"""


@pytest.fixture(scope="module")
def toy() -> bm.Model:
    return bm.Model.from_text(EXPLORER_TOY, manifest=load_manifest(EXPLORER_TOML, "toy.toml"))


@pytest.fixture(scope="module")
def toy_page(toy, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "toy.html"
    # every tier but the drug pairs: the page must grey those out
    bm.explore(toy, path, tiers=[t for t in explorer.TIERS if t != "drug pairs"], workers=1)
    return path


def expected(model: bm.Model, c: explorer.Condition):
    """(attractors, response or None) straight from bm.attractors / bm.response."""
    if not c.drugs:
        return bm.attractors(model, environment=c.environment, perturbation=c.perturbation(),
                             weights=True), None
    base = model.perturb(bm.Perturbation(knockout=c.knockout, overexpress=c.overexpress))
    r = bm.response(base, list(c.drugs), background=list(c.backgrounds),
                    environment=c.environment)
    return r.treated_attractors, r


def decoded(data: dict, key: str) -> list[tuple[str, float, dict]]:
    """(pattern, weight, activities) of each attractor of a page condition."""
    out = []
    for ref in data["conditions"][key]["a"]:
        pattern, acts, size = data["attractors"][ref[0]]
        out.append((pattern, ref[1], acts))
    return out


# ---------------------------------------------------------------------------- data
def test_plan_takes_whole_tiers_in_order_while_they_fit(toy):
    """A tier is precomputed whole or not at all; the later tiers still get their turn."""
    full = explorer.plan(toy, 10_000)
    # both environments are tumour environments: no "other environments"
    assert [t for t, _ in full.included] == [t for t in explorer.TIERS
                                             if t != "other environments"]
    single = dict(full.included)["single"]
    assert single == 2 * 4 * 5  # environments x (none + 3 backgrounds) x (none + 4 drugs)
    small = explorer.plan(toy, explorer.plan(toy, 10_000, ["single"]).computations)
    assert [t for t, _ in small.included] == ["single"]
    assert "drug pairs" in small.left_out
    with pytest.raises(bm.BoolmtorError, match="max_conditions"):
        explorer.plan(toy, 0)
    with pytest.raises(bm.BoolmtorError, match="tier must be one of"):
        explorer.plan(toy, 10, ["everything"])


def test_equal_fixed_nodes_are_computed_once(toy):
    """Two drugs forcing the same nodes (kin, kin2) share one computation."""
    p = explorer.plan(toy, 10_000, ["single"])
    assert p.computations < len(p.conditions)
    assert len(set(p.unit_of.values())) <= p.computations


def test_every_precomputed_condition_is_what_the_package_computes(toy, toy_page):
    """Each embedded condition: the attractors (pattern, weight) of bm.attractors, or with
    drugs the treated attractors and efficacy of bm.response."""
    data = explorer.load_data(toy_page)
    plan = explorer.plan(toy, data["budget"]["max_conditions"],
                         [t for t in explorer.TIERS if t != "drug pairs"])
    assert set(data["conditions"]) == {c.key for c in plan.conditions}
    for c in plan.conditions:
        atts, r = expected(toy, c)
        got = decoded(data, c.key)
        assert [p for p, _, _ in got] == [a.pattern(toy.nodes) for a in atts], c
        assert [w for _, w, _ in got] == pytest.approx([a.weight for a in atts], abs=1e-6), c
        for (_, _, acts), a in zip(got, atts):
            assert acts == pytest.approx(dict(a.activities), abs=1e-4)
        if r is not None:
            page = data["conditions"][c.key]["r"]
            assert page["efficacy"] == pytest.approx(r.efficacy, abs=1e-4)
            assert page["kind"] == r.kind and page["description"] == r.description


def test_markers_are_those_of_predict_markers(toy, toy_page):
    """The marker table of a background holds bm.predict_markers' effect for each class."""
    data = explorer.load_data(toy_page)
    for drug in ("kin", "xinh"):
        for m in bm.predict_markers(toy, drug):
            row = next(r for r in data["markers"][m.alteration] if r["drug"] == drug)
            assert row["effect"] == m.effect
            assert row["score"] == pytest.approx(m.score, abs=1e-4)


def test_page_is_self_contained(toy_page):
    """No external resource: no http(s) script, style or image reference."""
    text = toy_page.read_text()
    assert "<script src" not in text and "<link " not in text
    assert 'src="http' not in text and "url(http" not in text
    assert len(text.encode()) < explorer.MAX_BYTES


def test_bad_path_and_size_limit(toy, tmp_path, monkeypatch):
    """A path not ending in .html and a page over the size limit are refused; nothing written."""
    with pytest.raises(bm.BoolmtorError, match="must end in .html"):
        bm.explore(toy, tmp_path / "page.txt", workers=1)
    monkeypatch.setattr(explorer, "MAX_BYTES", 1000)
    with pytest.raises(bm.LimitExceededError, match="lower max_conditions"):
        bm.explore(toy, tmp_path / "page.html", workers=1, tiers=["single"], markers=False)
    assert not (tmp_path / "page.html").exists()


# ---------------------------------------------------------------------------- browser
@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("chromium and chromedriver are needed: `make test` installs them "
                    "(apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,2400"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(driver), options=options)  # no Selenium Manager
    yield d
    d.quit()


def _open(d, path: Path) -> None:
    d.get(path.as_uri())
    d.get_log("browser")  # start each page with an empty log


def _console(d) -> list[dict]:
    return [e for e in d.get_log("browser") if e["level"] in ("WARNING", "SEVERE")]


def _choose(d, c: explorer.Condition) -> None:
    """Set the page's controls to condition `c`, as a user would (select, click)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    d.find_element(By.ID, "reset").click()
    Select(d.find_element(By.ID, "env")).select_by_value(c.environment or "")
    for b in c.backgrounds:
        d.find_element(By.ID, f"bg-{b}").click()
    for n in c.knockout:
        d.find_element(By.ID, f"ko-{n}").click()
    for n in c.overexpress:
        d.find_element(By.ID, f"oe-{n}").click()
    for i, drug in enumerate(c.drugs):
        Select(d.find_element(By.ID, f"drug{i + 1}")).select_by_value(drug)


def _shown(d) -> list[tuple[dict, float | None, str]]:
    """(phenotype, weight, pattern) of each attractor row the page shows."""
    from selenium.webdriver.common.by import By

    rows = d.find_elements(By.CSS_SELECTOR, "#attractors tbody tr")
    return [(json.loads(r.get_attribute("data-phenotype")),
             float(r.get_attribute("data-weight")) if r.get_attribute("data-weight") else None,
             r.get_attribute("data-pattern")) for r in rows]


def _check_shown(d, model: bm.Model, c: explorer.Condition) -> None:
    from selenium.webdriver.common.by import By

    atts, r = expected(model, c)
    shown = _shown(d)
    # the phenotype over the model's readouts (a model without a manifest infers them from
    # its sinks, and a perturbed copy may have more: the page keeps the model's)
    assert [p for p, _, _ in shown] == [{r: a.level(r) for r in model.readouts}
                                        for a in atts], c
    if model.manifest.readouts:
        assert [p for p, _, _ in shown] == [dict(a.phenotype) for a in atts], c
    assert [w for _, w, _ in shown] == pytest.approx([a.weight for a in atts], abs=1e-6), c
    assert [p for _, _, p in shown] == [a.pattern(model.nodes) for a in atts], c
    status = d.find_element(By.ID, "status").text
    assert "not precomputed" not in status
    if r is not None:
        assert d.find_element(By.ID, "m-efficacy").text.endswith(f"{r.efficacy:+.3f}")
        assert r.description in d.find_element(By.ID, "m-description").text
    else:
        assert not d.find_element(By.ID, "response-box").is_displayed()


def _screenshot(d, tmp_path: Path, name: str) -> Path:
    from selenium.webdriver.common.by import By

    shot = tmp_path / name
    d.find_element(By.TAG_NAME, "body").screenshot(str(shot))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / name)
    return shot


def test_choosing_a_condition_shows_what_the_package_computes(toy, toy_page, browser,
                                                              tmp_path):
    """Backgrounds, alterations and drugs picked in the page show bm.attractors' /
    bm.response's phenotypes, weights and efficacy; the console stays clean."""
    C = explorer.Condition
    sample = [C("growth"), C("starved"), C("starved", drugs=("yact",)),
              C("growth", ("ONC_gain",), drugs=("kin",)), C("starved", ("SURV_gain",)),
              C("growth", ("ONC_gain", "SURV_gain"), drugs=("xinh",)),
              C("starved", knockout=("Q",)), C("growth", overexpress=("Y",)),
              C("growth", knockout=("K",), drugs=("yact",))]
    _open(browser, toy_page)
    for c in sample:
        _choose(browser, c)
        _check_shown(browser, toy, c)
    _choose(browser, C("starved", drugs=("kin",)))
    assert _screenshot(browser, tmp_path, "explorer-toy.png").stat().st_size > 10_000
    assert _console(browser) == []


def test_conditions_not_precomputed_are_greyed_with_their_command(toy, toy_page, browser):
    """Drug pairs were left out of the budget: the second drug's choices are greyed, and
    choosing one hides the results and names the commands that compute it."""
    from selenium.webdriver.common.by import By

    _open(browser, toy_page)
    _choose(browser, explorer.Condition("growth", drugs=("kin",)))
    options = browser.find_elements(By.CSS_SELECTOR, "#drug2 option")
    grey = [o.get_attribute("value") for o in options if "np" in o.get_attribute("class")]
    assert grey == ["kin", "kin2", "xinh", "yact"]  # "none" (the single drug) is precomputed
    _choose(browser, explorer.Condition("growth", drugs=("kin", "xinh")))
    missing = browser.find_element(By.ID, "missing")
    assert missing.is_displayed() and not browser.find_element(By.ID, "found").is_displayed()
    assert "boolmtor response MODEL --drug kin --drug xinh --env growth" in missing.text
    assert "--tier 'drug pairs'" in missing.text
    assert _console(browser) == []


def test_keyboard_opens_a_node_with_its_rule(toy, toy_page, browser):
    """Focus the graph, arrow to a node, Enter: its rule and regulators are shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, toy_page)
    graph = browser.find_element(By.ID, "cy")
    graph.send_keys(Keys.ARROW_RIGHT)  # the first node
    graph.send_keys(Keys.ARROW_RIGHT)
    graph.send_keys(Keys.ENTER)
    second = [n for n in toy.nodes if n not in toy.higher_levels][1]
    node = browser.find_element(By.ID, "node").text
    assert browser.find_element(By.ID, "node-h").text == f"Node {second}"
    assert f"{second} = {toy.rules[second]}" in node
    assert browser.switch_to.active_element.get_attribute("id") == "node-box"


def _published(tmp_path: Path) -> bm.Model:
    archive = ROOT / "tests" / "data" / "bbm" / "models.tar.xz"
    with tarfile.open(archive, "r:xz") as tar:
        member = next(m for m in tar.getmembers()
                      if "MAMMALIAN-CELL-CYCLE" in m.name and m.name.endswith("model.bnet"))
        text = tar.extractfile(member).read().decode()
    path = tmp_path / "cellcycle.bnet"
    path.write_text(text)
    return bm.load_model(path)


def test_published_model_without_manifest(browser, tmp_path):
    """A Biodivine model (no manifest: no environment, background or drug): knockouts and
    overexpressions only, each showing the attractors bm.attractors returns."""
    from selenium.webdriver.common.by import By

    model = _published(tmp_path)
    assert not model.drugs and not model.backgrounds
    page = bm.explore(model, tmp_path / "cellcycle.html", workers=1,
                      tiers=["single", "alterations"])
    data = explorer.load_data(page)
    assert len(data["conditions"]) == 1 + 2 * len(explorer.alterable(model))
    _open(browser, page)
    assert not browser.find_element(By.ID, "drug1").is_enabled()
    nodes = explorer.alterable(model)
    C = explorer.Condition
    for c in [C(None), C(None, knockout=(nodes[0],)), C(None, overexpress=(nodes[-1],))]:
        _choose(browser, c)
        _check_shown(browser, model, c)
    _screenshot(browser, tmp_path, "explorer-published.png")
    assert _console(browser) == []


def test_cli_writes_the_page(toy, tmp_path, capsys):
    """`boolmtor explore FOLDER -o FILE --tier single`: one page with the single tier."""
    from boolmtor.cli import main

    folder = tmp_path / "toy"
    folder.mkdir()
    (folder / "toy.bnet").write_text(EXPLORER_TOY)
    (folder / "model.toml").write_text(EXPLORER_TOML)
    out = tmp_path / "page.html"
    code = main(["explore", str(folder), "-o", str(out), "--tier", "single", "--workers", "1",
                 "--no-markers", "--quiet"])
    assert code == 0 and f"wrote {out}" in capsys.readouterr().out
    data = explorer.load_data(out)
    assert [t for t, _ in data["budget"]["included"]] == ["single"]
    assert data["markers"] == {} and data["model"]["arg"] == str(folder)
    assert main(["explore", str(folder), "-o", str(tmp_path / "page.txt")]) == 2
    assert "must end in .html" in capsys.readouterr().err
    assert not (tmp_path / "page.txt").exists()


def test_findings_are_those_of_compare_drugs(toy, toy_page):
    """The front page's efficacy table and best classes are bm.compare_drugs' (one drug per
    class, first tumour environment), said in words."""
    from boolmtor.findings import findings
    from boolmtor.response import leaders

    found = findings(explorer.load_data(toy_page))
    table = bm.compare_drugs(toy, environments=["growth"])
    assert found.environment == "growth"
    for bg, rows in table.groupby("background", sort=False):
        values = dict(zip(rows.drug_class, rows.efficacy))
        for cls, value in values.items():
            assert found.efficacy[(bg, cls)] == pytest.approx(value, abs=1e-4)
        if max(values.values()) >= 0.1:
            assert f"{' = '.join(leaders(values))} for" in found.sentences[0]
    assert any(s.startswith("Robustness within classes") for s in found.sentences)


def test_curated_model_graded_phenotypes(browser, tmp_path):
    """On the curated model (a reduced precompute: single alterations, no drug), the page shows
    graded readouts' levels (e.g. PROLIFERATION 0..3) exactly as bm.attractors does."""
    from selenium.webdriver.common.by import By

    model = bm.load_model()
    page = bm.explore(model, tmp_path / "curated.html", tiers=["alterations"], markers=False)
    _open(browser, page)
    assert "not precomputed" in browser.find_element(By.ID, "status").text  # untreated: no
    C = explorer.Condition
    for c in [C("growth", knockout=("TSC",)), C("no_growth_factors", overexpress=("AKT",)),
              C("growth", overexpress=("BCL2",))]:
        _choose(browser, c)
        _check_shown(browser, model, c)
        cells = browser.find_elements(By.CSS_SELECTOR,
                                      "#attractors td[data-readout='PROLIFERATION']")
        atts, _ = expected(model, c)
        assert [td.text for td in cells] == [f"{a.level('PROLIFERATION')}/3" for a in atts]
    _screenshot(browser, tmp_path, "explorer-curated.png")
    assert _console(browser) == []
