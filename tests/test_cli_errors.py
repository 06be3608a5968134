"""Every CLI command, given bad input, exits 2 with exactly one line on stderr and no traceback.

Most cases call `boolmtor.cli.main` in-process (fast); a few run the installed console script
in a subprocess, which is what a user sees.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from boolmtor.cli import build_parser, main
from boolmtor.types import UPDATE_SCHEMES

BAD_FILES = {
    "missing": None,
    "syntax": "A, B &\nB, A\n",
    "undefined": "A, B\n# alt: B & C\nB, A\n",  # an alternative may not add a node
    "duplicate": "A, B\nB, A\nA, !B\n",
    "bytes": b"A, B\n\xff\xfeB, A\n",
    "empty": "",
    "python": "A, __import__('os').system('touch PWNED')\n",
}


def _subcommands() -> set[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    return set(sub.choices)


COMMANDS = sorted(_subcommands())
"""Every subcommand of the CLI (each takes a RULES argument)."""


def command_options(tmp_path: Path) -> dict[str, list[str]]:
    """Each command with the options it needs to run (model argument left out)."""
    return {
        "lint": [], "attractors": [], "validate": [], "response": ["--drug", "rapamycin"],
        "markers": ["--drug", "rapamycin"], "report": ["--out", str(tmp_path / "report")],
        "export": ["--to", "bnet", "-o", str(tmp_path / "out.bnet")], "screen": [],
        "simulate": ["--samples", "50", "--max-time", "2"],
        "control": ["--goal", "A=0", "--max-size", "1"],
        "predict": ["--alterations", "PTEN loss"],
        "explore": ["-o", str(tmp_path / "explorer.html")],
    }


def run_main(argv, capsys) -> tuple[int, str, str]:
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


def assert_one_line_error(rc: int, err: str) -> None:
    assert rc == 2, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith("boolmtor: error:") and "Traceback" not in err


def test_every_command_is_covered():
    """The tests below know how to run every subcommand the CLI has."""
    assert set(COMMANDS) <= set(command_options(Path("x")))


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
@pytest.mark.parametrize("command", COMMANDS)
def test_bad_file(command, kind, tmp_path, capsys):
    """A missing, malformed, non-UTF-8 or empty rules file: exit 2, one line naming the file."""
    path = tmp_path / f"{kind}.bnet"
    content = BAD_FILES[kind]
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    rc, out, err = run_main([command, path, *command_options(tmp_path)[command]], capsys)
    assert_one_line_error(rc, err)
    assert str(path) in err
    if kind == "python":
        assert "unexpected character" in err
        assert not (Path.cwd() / "PWNED").exists() and not (tmp_path / "PWNED").exists()


_CONDITION = {"node": ["--knockout", "NOPE"], "environment": ["--env", "nowhere"],
              "drug": ["--drug", "NOPE"], "background": ["--background", "NOPE"]}
BAD_NAMES = {
    "attractors": _CONDITION,
    "simulate": {k: ["--samples", "50", *v] for k, v in _CONDITION.items()},
    "export": {k: ["--to", "bnet", "-o", "{tmp}/x.bnet", *v] for k, v in _CONDITION.items()},
    "response": {"environment": ["--drug", "rapamycin", "--env", "nowhere"],
                 "drug": ["--drug", "NOPE"],
                 "background": ["--drug", "rapamycin", "--background", "NOPE"]},
    "markers": {"environment": ["--drug", "rapamycin", "--env", "nowhere"],
                "drug": ["--drug", "NOPE"],
                "background": ["--drug", "rapamycin", "--background", "NOPE"]},
    "screen": {"node": ["--node", "NOPE"], "environment": ["--env", "nowhere"],
               "drug": ["--drug", "NOPE"], "background": ["--background", "NOPE"]},
    "control": {"node": ["--goal", "NOPE=0"],
                "environment": ["--goal", "PROLIFERATION=0", "--env", "nowhere"],
                "background": ["--goal", "PROLIFERATION=0", "--background", "NOPE"]},
}
"""For each command taking names: the arguments that name an unknown one, by kind of name."""


@pytest.mark.parametrize("command, what", [(c, w) for c in sorted(BAD_NAMES)
                                           if c in COMMANDS for w in BAD_NAMES[c]])
def test_bad_name(command, what, tmp_path, capsys):
    """An unknown node, environment, drug or background: exit 2, one line naming it."""
    argv = [command, *(a.replace("{tmp}", str(tmp_path)) for a in BAD_NAMES[command][what])]
    rc, out, err = run_main(argv, capsys)
    assert_one_line_error(rc, err)
    assert "'NOPE'" in err or "'nowhere'" in err
    assert f"unknown {what}" in err


@pytest.mark.parametrize("argv", [
    ["attractors", "--update", "sideways"],
    ["attractors", "--set", "GF=2"],
    ["export", "--to", "sbml", "-o", "x.sbml"],
    ["control", "--goal", "PROLIFERATION"],
    ["control", "--goal", "PROLIFERATION=0", "--using", "genes"],
    ["nonsense"],
])
def test_bad_options(argv, capsys):
    """Bad option values are one line too (argparse's usage text is not printed)."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    _, err = capsys.readouterr()
    assert len(err.strip().split("\n")) == 1 and "error" in err, err


def test_response_negative_seed(capsys):
    """A negative seed is refused by the API with one line."""
    rc, _, err = run_main(["response", "--drug", "rapamycin", "--seed", "-1"], capsys)
    assert_one_line_error(rc, err)


def test_export_into_a_folder(tmp_path, capsys):
    """Exporting onto a folder or into a missing folder is one line, not an OSError trace."""
    rc, _, err = run_main(["export", "--to", "sbml-qual", "-o", tmp_path], capsys)
    assert_one_line_error(rc, err)
    rc, _, err = run_main(["export", "--to", "bnet", "-o", tmp_path / "no" / "x.bnet"], capsys)
    assert_one_line_error(rc, err)


def test_bad_manifest(tmp_path, capsys):
    """A rules folder whose model.toml is broken: one line with the file and line."""
    (tmp_path / "net.bnet").write_text("A, !B\nB, !A\n")
    (tmp_path / "model.toml").write_text("[model]\nname = 'x'\nreadouts = [\n")
    rc, _, err = run_main(["lint", tmp_path], capsys)
    assert_one_line_error(rc, err)
    assert "model.toml:" in err


def test_sbml_input_errors(tmp_path, capsys):
    """A broken SBML-qual file given as RULES is one line with the file."""
    bad = tmp_path / "bad.sbml"
    bad.write_text("<sbml><model></sbml>")
    rc, _, err = run_main(["attractors", bad], capsys)
    assert_one_line_error(rc, err)
    assert str(bad) in err


def test_console_script(tmp_path):
    """Run as a program: exit status 2, one stderr line, no traceback, no file left."""
    argv = ["export", "--to", "maboss", "-o", str(tmp_path / "m"), "--drug", "nodrug"]
    proc = subprocess.run([sys.executable, "-m", "boolmtor.cli", *argv], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().split("\n")) == 1 and "Traceback" not in proc.stderr
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left behind


def test_python_lookalike_is_never_run(tmp_path, monkeypatch):
    """Rule text that is Python code is a syntax error; the code's side effect never happens."""
    marker = tmp_path / "PWNED"
    rules = tmp_path / "evil.bnet"
    rules.write_text(f"A, __import__('os').system('touch {marker}')\n"
                     f"B, eval(\"open('{marker}', 'w')\")\n")
    monkeypatch.chdir(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "boolmtor.cli", "lint", str(rules)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "evil.bnet:1:" in proc.stderr
    assert "unexpected character" in proc.stderr
    assert not marker.exists()


@pytest.mark.parametrize("argv, message", [
    (["attractors", "--set", "GF=1", "--set", "GF=0"], "two values"),
    (["screen", "--out", "no/such/folder/s.csv"], "does not exist"),
    (["screen", "--checkpoint", "no/such/folder/s.ckpt"], "does not exist"),
    (["attractors", "--background", "pten_loss"], "did you mean 'PTEN_loss'"),
])
def test_contradictions_and_missing_folders_fail_before_work(argv, message, capsys):
    """Contradictory --set values and an output folder that is not there: one line, exit 2."""
    code, out, err = run_main(argv, capsys)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_lint_of_the_curated_model_is_clean_even_strict(capsys):
    """The curated model lints without warnings, so `lint --strict` exits 0."""
    code, out, err = run_main(["lint", "--strict"], capsys)
    assert code == 0 and "0 warnings" in out and err == ""


# ---------------------------------------------------------------------------- update schemes
OSCILLATOR = "A, C\nB, A\nC, !B\n"
"""A negative loop of three nodes: no fixed point, one cyclic attractor (6 states)."""


def _update_commands() -> list[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    return sorted(name for name, p in sub.choices.items()
                  if any("--update" in a.option_strings for a in p._actions))


UPDATE_COMMANDS = _update_commands()


def test_update_commands_are_found():
    """The commands that take --update are found (the list below is not empty by accident)."""
    assert {"attractors", "validate", "report"} <= set(UPDATE_COMMANDS)


@pytest.mark.parametrize("update", UPDATE_SCHEMES)
@pytest.mark.parametrize("command", UPDATE_COMMANDS)
def test_every_update_scheme_on_an_oscillator(command, update, tmp_path, capsys):
    """Each command taking --update, in each scheme, on an oscillator: it runs (exit 0) or
    refuses with one line (exit 2); no exception escapes."""
    path = tmp_path / "osc.bnet"
    path.write_text(OSCILLATOR)
    argv = [command, path, "--update", update, *command_options(tmp_path)[command]]
    try:
        rc, out, err = run_main(argv, capsys)
    except BaseException as exc:  # noqa: BLE001 - any escape is the failure
        pytest.fail(f"boolmtor {command} --update {update} raised {exc!r}")
    if rc == 2:
        assert_one_line_error(rc, err)
    else:
        assert rc == 0 and "Traceback" not in err, err


@pytest.mark.parametrize("command", ["validate", "report"])
def test_fixed_points_of_an_oscillator_from_the_console(command, tmp_path):
    """The console script on an oscillator with --update fixed-points (no fixed point at all):
    no traceback; the report says there is no attractor."""
    (tmp_path / "osc.bnet").write_text(OSCILLATOR)
    proc = subprocess.run([sys.executable, "-m", "boolmtor.cli", command, "osc.bnet",
                           "--update", "fixed-points", *command_options(tmp_path)[command]],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    if command == "report":
        text = (tmp_path / "report" / "attractor" / "report.md").read_text()
        assert "No attractors under fixed-points update" in text
