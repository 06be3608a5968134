#!/usr/bin/env python
"""Write docs/cli.md, the CLI reference, from the `--help` of `boolmtor` and each subcommand.

Run ``python docs/gen_cli_reference.py`` after changing the command line; ``--check`` exits 1
(writing nothing) when docs/cli.md is out of date. tests/test_docs.py runs the check.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "cli.md"
WIDTH = "96"
"""Help text is wrapped at this many columns, whatever the terminal."""


def _help(parser: argparse.ArgumentParser) -> str:
    return parser.format_help().rstrip() + "\n"


def render() -> str:
    """The Markdown reference: the main help, then one section per subcommand."""
    os.environ["COLUMNS"] = WIDTH  # argparse wraps to the terminal width
    from boolmtor.cli import build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    summary = {a.dest: a.help for a in subs._choices_actions}
    lines = ["# Command-line reference", "",
             "Generated from `--help` by `docs/gen_cli_reference.py`; do not edit by hand.",
             "Every command prints a one-line error and exits 2 on bad input.", "",
             "```text", "$ boolmtor --help", _help(parser) + "```", ""]
    for name, sub in subs.choices.items():
        lines += [f"## boolmtor {name}", "", summary.get(name) or "", "",
                  "```text", f"$ boolmtor {name} --help", _help(sub) + "```", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if docs/cli.md differs from the generated text")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.is_file() else ""
        if current != text:
            print(f"{OUT} is out of date: run python docs/gen_cli_reference.py",
                  file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
