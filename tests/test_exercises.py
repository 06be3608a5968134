"""The teaching exercises of docs/exercises/: notebooks up to date, solutions pass, checks bite.

- every solution notebook runs (nbclient) and each self-check cell prints "correct" and
  returns True;
- every exercise notebook, as shipped (answers None), runs without error and each self-check
  prints "not yet" and returns False;
- every check rejects a wrong answer of the right shape and an answer of the wrong shape;
- the committed notebooks are exactly what docs/exercises/build.py writes, and the README lists
  them.

Notebooks run in a kernel of this very interpreter (a kernelspec written to a temporary folder),
so the tests need no `jupyter kernelspec install` and use the package under test.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import boolmtor as bm  # noqa: F401  (first: silences pyboolnet's import side effects)

import ipykernel  # noqa: F401  (the test extra: pip install -e '.[test]')
import nbclient
import nbformat

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "docs" / "exercises"
KERNEL = "boolmtor-exercises"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


check = _load("boolmtor_exercises_check", EXERCISES / "check.py")
build = _load("boolmtor_exercises_build", EXERCISES / "build.py")

STEMS = [nb.stem for nb in build.NOTEBOOKS]


def _notebook(prefix: str):
    """The `build.Notebook` whose stem starts with `prefix` (e.g. "08")."""
    (nb,) = [n for n in build.NOTEBOOKS if n.stem.startswith(prefix)]
    return nb


# ---------------------------------------------------------------------------- kernel
@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory) -> Path:
    """A kernelspec that starts ipykernel with the interpreter running the tests."""
    root = tmp_path_factory.mktemp("kernels")
    spec = root / KERNEL
    spec.mkdir()
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "boolmtor tests", "language": "python"}))
    return root


def _execute(path: Path, kernel_dir: Path, cwd: Path | None = None):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(path, as_version=4)
    ksm = KernelSpecManager(kernel_dirs=[str(kernel_dir)], ensure_native_kernel=False)
    km = KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm)
    client = nbclient.NotebookClient(nb, km=km, timeout=300, allow_errors=False,
                                     resources={"metadata": {"path": str(cwd or path.parent)}})
    client.execute()
    return nb


def _text(cell) -> tuple[str, str]:
    """(printed text, text of the displayed result) of an executed code cell."""
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    result = "".join(o["data"].get("text/plain", "") for o in cell.outputs
                     if o.output_type == "execute_result")
    return printed, result


def _self_checks(nb) -> list:
    return [c for c in nb.cells if "self-check" in c.metadata.get("tags", [])]


def _keys(cells) -> list[str]:
    return [c.source.split('"')[1] for c in cells]


# ---------------------------------------------------------------------------- notebooks
@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_solution_notebook_passes_every_self_check(stem, kernel_dir):
    exercise, solution = build.paths(next(nb for nb in build.NOTEBOOKS if nb.stem == stem))
    nb = _execute(solution, kernel_dir)
    checks = _self_checks(nb)
    assert checks, f"{solution.name} has no self-check cell"
    expected_keys = [q.key for q in next(n for n in build.NOTEBOOKS if n.stem == stem).items
                     if isinstance(q, build.Q)]
    assert _keys(checks) == expected_keys
    for cell in checks:
        printed, result = _text(cell)
        assert printed.startswith("correct"), f"{cell.source}: {printed!r}"
        assert result == "True", f"{cell.source}: returned {result!r}"
    everything = "".join(_text(c)[0] for c in nb.cells if c.cell_type == "code")
    assert "not yet" not in everything


def _tagged(nb, tag: str) -> list:
    return [c for c in nb.cells if tag in c.metadata.get("tags", [])]


@pytest.mark.parametrize("stem", STEMS)
def test_exercise_and_solution_share_every_cell_but_the_answers(stem):
    """So executing the solution also runs every cell a student runs, but the answer cells."""
    exercise, solution = (nbformat.read(p, as_version=4)
                          for p in build.paths(next(n for n in build.NOTEBOOKS if n.stem == stem)))

    def shared(nb, own: str) -> list[str]:
        return [c.source for c in nb.cells
                if c.cell_type == "code" and own not in c.metadata.get("tags", [])]

    assert shared(exercise, "answer") == shared(solution, "solution")
    answers, checks = _tagged(exercise, "answer"), _tagged(exercise, "self-check")
    assert len(answers) == len(checks) == len(_tagged(solution, "solution")) >= 1
    assert all(c.source.split("=", 1)[1].strip().startswith("None") for c in answers)


@pytest.mark.slow
def test_blank_exercise_answers_all_say_not_yet(kernel_dir, tmp_path):
    """Every exercise's answer and self-check cells, as shipped, in one kernel: "not yet"."""
    notebooks = [nbformat.read(build.paths(n)[0], as_version=4) for n in build.NOTEBOOKS]
    cells = [notebooks[0].cells[1]]  # the setup cell
    assert "setup" in cells[0].metadata["tags"]
    for nb in notebooks:
        cells += [c for c in nb.cells if {"answer", "self-check"} & set(c.metadata.get("tags", []))]
    combined = nbformat.v4.new_notebook(cells=cells, metadata=notebooks[0].metadata)
    path = tmp_path / "blank.ipynb"
    nbformat.write(combined, path)
    executed = _execute(path, kernel_dir, cwd=EXERCISES)
    checks = _self_checks(executed)
    assert len(checks) == len(check.QUESTIONS)
    for cell in checks:
        printed, result = _text(cell)
        assert printed.startswith("not yet"), f"{cell.source}: {printed!r}"
        assert result == "False"


@pytest.mark.slow
def test_solution_notebook_with_wrong_answer_is_rejected(kernel_dir, tmp_path):
    """A solution notebook whose answer is overwritten by a wrong one fails its self-check."""
    path = build.paths(_notebook("01"))[1]
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if "solution" in c.metadata.get("tags", []))
    var = build.Q("01.1", "", "").var
    first.source += f"\n{var} = {WRONG['01.1']!r}"
    tmp = tmp_path / path.name
    nbformat.write(nb, tmp)
    executed = _execute(tmp, kernel_dir, cwd=path.parent)
    printed, result = _text(_self_checks(executed)[0])
    assert printed.startswith("not yet") and result == "False"


# ---------------------------------------------------------------------------- the checks
# A wrong answer of the right shape for every question (each is a plausible mistake).
WRONG = {
    "01.1": 6,
    "01.2": {"101", "010", "110"},
    "01.3": "111",
    "01.4": (2, 2),
    "01.5": {"A", "B"},
    "01.6": True,
    "01.7": 8,
    "01.8": "positive",
    "02.1": {"growth", "hypoxia"},
    "02.2": 4,
    "02.3": {"AMPK"},
    "02.4": True,
    "02.5": {"AUTOPHAGY", "APOPTOSIS"},  # model v2 before the BH3-only requirement
    # model v1's answer: PI3K and AKT already fully on; in v2 both rise to level 2
    "03.1": {"IRS1": "up", "PI3K": "same", "AKT": "same", "RAS": "up", "ERK": "up",
             "MTORC1": "down", "S6K": "down"},
    "03.2": "MTORC1",
    "03.3": (1.0, 0.0),
    "03.4": {"nvp-bez235", "pd0325901", "mk-2206"},
    # rapamycin targets MTORC1_2 only, so MTORC1 (all levels) is torin1's own target too
    "04.1": {"MTORC2"},
    "04.2": {"rapamycin": 0.0, "torin1": 0.0},
    "04.3": {"rapamycin", "torin1"},
    "04.4": (1.0, 1.0),
    "04.5": False,  # v2: a rapalog is partial and cytostatic, the TORKinib cytotoxic
    "05.1": (0.0, 0.0),
    "05.2": {"PI3K", "PIP3", "AKT", "TSC", "MTORC1"},
    "05.3": {"PTEN_loss", "PIK3CA_mut", "AKT_active", "TSC_loss"},
    "05.4": "resistance",
    "05.5": "growth",
    "05.6": {"rapalog"},
    "06.1": {"PROLIFERATION": -1.0, "APOPTOSIS": 0.0},
    "06.2": {"PROLIFERATION": -0.67, "APOPTOSIS": 0.0},  # torin1 with BCL2_OE, not wild type
    "06.3": {"rapamycin": "cytotoxic", "torin1": "cytotoxic", "torin1 + BCL2_OE": "cytostatic"},
    "06.4": "BAD",  # BAD reads S6K and AKT; the EIF4E -> APOPTOSIS route is MCL1
    "06.5": ("neutral", 0.0),  # BCL2_OE's verdict for rapamycin, not for torin1
    "06.6": False,  # v2 reproduces rapalog cytostasis (it was a known disagreement in v1)
    "07.1": {"rapamycin", "torin1", "nvp-bez235"},  # rapamycin is cytostatic in v2
    "07.2": 0,  # v1's ceiling effect; v2 leaves room for pairs
    "07.3": {"rapamycin", "mk-2206"},
    "07.4": {"everolimus": (1.0, 0.0), "mk-2206": (0.0, 0.0), "both": (0.0, 0.0)},
    "08.1": "RTK",
    "08.2": False,  # v2's variant settles in a fixed point (v1's oscillated)
    "08.3": (1.0, 1.0),
    "08.4": 0.0,
    "08.5": {"growth-mtorc1-on"},
    "09.1": {"BCL2_OE", "MCL1_OE"},  # the apoptosis markers only: PI3K-arm markers missed
    "09.2": {"FOXO", "RTK", "IRS1", "PI3K", "PIP3", "AKT", "ERK"},  # AKT stays at level 1
    "09.3": ["AKT_2", "FOXO", "RTK_2", "PIP3_2"],  # RTK_2 does not act on PIP3_2 directly
    "09.4": "positive",
    "10.1": {"rapalog", "torkinib"},
    "10.2": {"torkinib"},
    "10.3": {"BAD"},
    "10.4": {"rapalog"},
}

# An answer of the wrong type or shape for every kind of question: rejected, not a crash.
GARBAGE = (None, 3.5j, object(), {"not": "it"}, ("p", "q", "r"), "zzz")


def test_every_question_has_a_wrong_answer_in_this_file():
    assert set(WRONG) == set(check.QUESTIONS)


@pytest.mark.parametrize("key", sorted(check.QUESTIONS))
def test_check_rejects_wrong_answers(key, capsys):
    assert check.check(key, WRONG[key]) is False
    assert capsys.readouterr().out.startswith("not yet")
    for junk in GARBAGE:
        assert check.check(key, junk) is False, junk
        out = capsys.readouterr().out
        assert out.startswith("not yet"), (junk, out)


def test_check_accepts_equivalent_forms(capsys):
    """Answers are read leniently where the meaning is the same (case, container, rotation)."""
    assert check.check("01.5", ["c", "b", "a"])
    assert check.check("04.3", ["Torin-1"])  # an alias of torin1
    assert check.check("08.1", "RTK_2 | RAS | IRS1")
    assert check.check("08.1", "!(!RTK_2 & !IRS1 & !RAS)")
    loop = next(l for l in bm_loops() if {"AKT_2", "FOXO", "RTK_2"} <= set(l.nodes)
                and "S6K" not in l.nodes)
    rotated = list(loop.nodes[3:] + loop.nodes[:3])
    assert check.check("09.3", rotated)
    assert check.check("09.3", [*loop.nodes, loop.nodes[0]])  # start repeated at the end
    assert not check.check("09.3", list(reversed(loop.nodes)))  # edges the wrong way round
    capsys.readouterr()


def bm_loops():
    from boolmtor.loops import feedback_loops
    return feedback_loops(bm.load_model())


def test_unknown_question_is_an_error():
    with pytest.raises(KeyError):
        check.check("99.9", 1)


def test_toy_models_in_notebooks_are_those_the_checks_use():
    nb = nbformat.read(build.paths(_notebook("01"))[0], as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert check.TOY_TEXT in code and check.RING_TEXT in code


def test_variant_of_exercise_8_is_the_one_the_checks_use():
    """The notebook's edit and check.feedback_only_variant build the same model."""
    nb = nbformat.read(build.paths(_notebook("08"))[0], as_version=4)
    source = next(c.source for c in nb.cells if "variant = model.with_rule" in c.source)
    scope = {"bm": bm, "model": bm.load_model()}
    exec(source, scope)  # noqa: S102 - our own notebook cell
    assert scope["variant"] == check.feedback_only_variant(scope["model"])
    assert scope["variant"].rules["PI3K"] == "IRS1"
    assert scope["variant"] != scope["model"]


# ---------------------------------------------------------------------------- files
def test_committed_notebooks_are_what_build_py_writes():
    stale = [p.relative_to(ROOT) for p, text in build.rendered().items()
             if not p.is_file() or json.loads(p.read_text(encoding="utf-8")) != json.loads(text)]
    assert not stale, f"run python docs/exercises/build.py; out of date: {stale}"


def test_committed_notebooks_have_no_outputs():
    for path in [*EXERCISES.glob("*.ipynb"), *(EXERCISES / "solutions").glob("*.ipynb")]:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, path.name


def test_at_least_eight_exercises_each_with_a_solution_listed_in_the_readme():
    readme = (EXERCISES / "README.md").read_text(encoding="utf-8")
    assert len(build.NOTEBOOKS) >= 8
    for nb in build.NOTEBOOKS:
        exercise, solution = build.paths(nb)
        assert exercise.is_file() and solution.is_file()
        assert exercise.name in readme and solution.name in readme
