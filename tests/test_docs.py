"""Docs that cannot rot: the tutorial's code runs and prints what it shows; cli.md is current."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.S | re.M)


def code_and_outputs(markdown: str) -> list[tuple[str, str | None]]:
    """Each ```python block with the ```text block right after it (None if there is none)."""
    blocks = [(m.group(1), m.group(2), m.start(), m.end()) for m in FENCE.finditer(markdown)]
    pairs = []
    for i, (lang, body, _, end) in enumerate(blocks):
        if lang != "python":
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        follows = nxt is not None and nxt[0] == "text" and not markdown[end:nxt[2]].strip()
        pairs.append((body, nxt[1] if follows else None))
    return pairs


def test_fence_parser_pairs_code_with_its_output():
    """Only a text block directly after a python block counts as its output."""
    md = "```python\nprint(1)\n```\n\n```text\n1\n```\nprose\n```python\nx = 2\n```\n" \
         "words\n```text\nnot output\n```\n"
    assert code_and_outputs(md) == [("print(1)\n", "1\n"), ("x = 2\n", None)]


@pytest.mark.slow
def test_tutorial_runs_and_prints_what_it_shows(tmp_path, monkeypatch):
    """Every python block of docs/tutorial.md runs in order and prints its text block."""
    pairs = code_and_outputs((DOCS / "tutorial.md").read_text(encoding="utf-8"))
    assert len(pairs) >= 6
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "__tutorial__"}
    for number, (code, expected) in enumerate(pairs, start=1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"tutorial block {number}", "exec"), namespace)
        if expected is not None:
            assert out.getvalue().rstrip() == expected.rstrip(), f"tutorial block {number}"
    assert (tmp_path / "my_report" / "index.html").is_file()


def test_cli_reference_is_up_to_date():
    """docs/cli.md is what docs/gen_cli_reference.py generates from the current --help."""
    res = subprocess.run([sys.executable, str(DOCS / "gen_cli_reference.py"), "--check"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr


def test_cli_reference_covers_every_subcommand():
    """Each subcommand of the parser has its own section with its usage line."""
    from boolmtor.cli import build_parser

    parser = build_parser()
    (subs,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in subs.choices:
        assert f"## boolmtor {name}\n" in text and f"usage: boolmtor {name}" in text


def test_api_reference_names_the_public_modules():
    """docs/api.md documents the package and mkdocs.yml lists it, with the strict build."""
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    assert "::: boolmtor\n" in api
    for module in ("boolmtor.response", "boolmtor.markers", "boolmtor.reporting.report", "boolmtor.plot"):
        assert f"::: {module}" in api
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "mkdocstrings" in config and "api.md" in config and "tutorial.md" in config


def test_readme_examples_print_what_they_show(monkeypatch, tmp_path):
    """README's Python example (the block with an output) and its CLI example are real output."""
    from boolmtor.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = [(code, out) for code, out in code_and_outputs(readme) if out is not None]
    assert shown
    monkeypatch.chdir(tmp_path)
    for code, expected in shown:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README example", "exec"), {"__name__": "__readme__"})
        assert out.getvalue().rstrip() == expected.rstrip()
    console = re.search(r"^```console\n(.*?)^```", readme, re.S | re.M).group(1)
    commands = re.findall(r"^\$ boolmtor ([^\n]*)\n(.*?)(?=^\$ |\Z)", console, re.S | re.M)
    assert len(commands) >= 2
    for command, expected in commands:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(command.split()) == 0
        assert out.getvalue().rstrip() == expected.rstrip(), command
