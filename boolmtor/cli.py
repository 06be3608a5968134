"""The `boolmtor` command line: a thin layer over the public API.

A user error (bad file, unknown name, impossible request) prints one line to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import explorer  # light: its constants name the explore command's choices
from ._outputs import (EXPORT_SUFFIXES, TABLE_SUFFIXES, check_checkpoint, check_distinct,
                       check_file, check_folder, check_suffix)
from .errors import BoolmtorError, ModelWarning
from .types import UPDATE_SCHEMES

if TYPE_CHECKING:  # the analyses are imported after the arguments are parsed (fast --help)
    from .model import Perturbation

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line too."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """`--version`: the installed version, looked up only when asked (importlib.metadata is slow
    to import)."""

    def __init__(self, option_strings, dest, help=None):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__

        print(f"boolmtor {__version__}")
        parser.exit()


def _assignment(text: str) -> tuple[str, int]:
    node, sep, value = text.partition("=")
    if not sep or value.strip() not in ("0", "1") or not node.strip():
        raise argparse.ArgumentTypeError(f"expected NODE=0 or NODE=1 (got {text!r})")
    return node.strip(), int(value)


def _add_model_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("rules", nargs="?", default=None,
                   help="a .bnet or SBML-qual file or a rules folder with model.toml "
                        "(default: the curated mTOR model)")
    p.add_argument("--manifest", metavar="PATH", default=None,
                   help="the manifest (environments, drugs, backgrounds; docs/manifest.md) "
                        "instead of the one beside the rules: NAME.toml for NAME.bnet, "
                        "model.toml in a folder")


def _add_set(group) -> None:
    group.add_argument("--set", metavar="NODE=0/1", action="append", type=_assignment,
                       default=None,
                       help="fix an input node (repeatable); inputs not set are free")


def _add_condition_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("condition")
    env = g.add_mutually_exclusive_group()
    env.add_argument("--env", metavar="NAME", help="a named environment of the manifest")
    _add_set(env)
    g.add_argument("--knockout", "--ko", metavar="NODE", action="append", default=[],
                   help="fix a node to 0 (repeatable)")
    g.add_argument("--overexpress", "--oe", metavar="NODE", action="append", default=[],
                   help="fix a node to 1 (repeatable)")
    g.add_argument("--drug", metavar="NAME", action="append", default=[],
                   help="apply a drug of the manifest (repeatable: a combination)")
    g.add_argument("--background", metavar="NAME", action="append", default=[],
                   help="apply a genetic background of the manifest (repeatable)")


def _perturbation(args) -> Perturbation:
    from .model import Perturbation

    return Perturbation(knockout=args.knockout, overexpress=args.overexpress, drugs=args.drug,
                        backgrounds=args.background)


def _environment(args):
    if not args.set:
        return args.env
    values: dict[str, int] = {}
    for node, value in args.set:
        if values.get(node, value) != value:
            raise BoolmtorError(f"--set gives {node} two values ({values[node]} and {value})")
        values[node] = value
    return values


def _load(args):
    """The model of `args.rules`, after the size limits (unless --allow-large)."""
    from .model import load_model

    if args.rules is not None and not args.allow_large:
        from ._budget import check_rules_size
        check_rules_size(args.rules)
    return load_model(args.rules, manifest=args.manifest)


# ---------------------------------------------------------------------------- commands
def cmd_lint(args) -> int:
    from .lint import lint

    with warnings.catch_warnings(record=True) as caught:  # listed below with lint's own
        warnings.simplefilter("always", ModelWarning)
        model = _load(args)
    found = lint(model)
    listed = [str(w.message) for w in caught if issubclass(w.category, ModelWarning)]
    listed += found.warnings
    for e in found.errors:
        print(f"boolmtor: error: {e}", file=sys.stderr)
    for w in listed:
        print(f"warning: {w}", file=sys.stderr)
    if found.errors:
        return EXIT_USAGE
    print(f"ok: {model.name or args.rules}: {len(model.nodes)} nodes, {len(model.inputs)} inputs, "
          f"{len(model.readouts)} readouts, {len(model.environments)} environments, "
          f"{len(model.drugs)} drugs, {len(model.backgrounds)} backgrounds, "
          f"{len(model.expectations)} expectations, {len(listed)} "
          f"warning{'s' * (len(listed) != 1)}")
    return 1 if listed and args.strict else 0


def cmd_attractors(args) -> int:
    from .attractors import attractors

    model = _load(args)
    atts = attractors(model, update=args.update, environment=_environment(args),
                      perturbation=_perturbation(args))
    if args.json:
        print(json.dumps([a.to_dict() for a in atts], indent=2))
        return 0
    cond = [args.env or (", ".join(f"{n}={v}" for n, v in args.set) if args.set else
                         "inputs free")]
    cond.append(str(_perturbation(args)) if _perturbation(args) else "")
    print(f"{len(atts)} attractor{'s' * (len(atts) != 1)} ({args.update} update; "
          f"{' + '.join(c for c in cond if c)})")
    for i, a in enumerate(atts, start=1):
        kind = "fixed point" if a.is_fixed_point else f"cycle/complex of {a.size} states"
        print(f"\n#{i}  {kind}")
        if a.readouts:
            print("  phenotype:   " + "  ".join(f"{k}={v}" for k, v in a.phenotype.items()))
        if model.levels:
            print("  levels:      " + "  ".join(f"{n}={a.level(n)}" for n in model.levels))
        on = [n for n in model.nodes if a.fixed.get(n) == 1]
        print("  on:          " + (" ".join(on) or "-"))
        if a.oscillating:
            osc = [f"{n}({a.activity(n):.2f})" for n in model.nodes if n in a.oscillating]
            print("  oscillating: " + " ".join(osc))
    return 0


def cmd_validate(args) -> int:
    from .validate import validate

    result = validate(_load(args), update=args.update)
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)
    return 0 if result.ok else 1


def cmd_response(args) -> int:
    from .response import response

    r = response(_load(args), args.drug, background=args.background or None,
                 environment=_environment(args), start=args.start, seed=args.seed,
                 confidence=args.confidence)
    print(json.dumps(r.to_dict(), indent=2) if args.json else r)
    return 0


def _cell(value, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>+{width}.3f}"


def cmd_markers(args) -> int:
    from .markers import predict_markers

    markers = predict_markers(_load(args), args.drug, environments=args.env,
                              backgrounds=args.background or None, threshold=args.threshold,
                              start=args.start, seed=args.seed, confidence=args.confidence)
    if args.json:
        print(json.dumps([m.to_dict() for m in markers], indent=2))
        return 0
    envs = [e.environment or "inputs free" for e in markers[0].evidence] if markers else []
    width = max([len("alteration"), *(len(m.alteration) for m in markers)])
    print(f"markers of response to {' + '.join(markers[0].drugs if markers else args.drug)} "
          f"(score = mean efficacy change vs wild type in a growing niche, over the "
          f"environments where the background grows: {', '.join(envs)}; threshold "
          f"{args.threshold}; '-': the background does not grow there)")
    widths = [max(6, len(e)) for e in envs]
    print(f"{'alteration':<{width}}  {'effect':<11}  {'score':>6}  cytostatic  cytotoxic  " +
          "  ".join(f"{e:>{w}}" for e, w in zip(envs, widths)) + "  independent in")
    for m in markers:
        per_env = "  ".join(_cell(e.difference, w) for e, w in zip(m.evidence, widths))
        flags = [m.note] if m.note else []
        flags += [] if m.exact else ["estimated"]
        if m.confidence is not None:
            flags.append(f"confidence: {m.confidence}")
        independent = ", ".join(str(e) for e in m.independent_in) or "-"
        print(f"{m.alteration:<{width}}  {m.effect:<11}  {m.score:>+6.3f}  "
              f"{_cell(m.cytostatic, 10)}  {_cell(m.cytotoxic, 9)}  {per_env}  {independent}"
              + (f"  ({'; '.join(flags)})" if flags else ""))
    return 0


def _split(values) -> list[str] | None:
    """Names from repeatable, comma-separated options (None when none were given)."""
    names = [n.strip() for v in values or () for n in v.split(",") if n.strip()]
    return names or None


def cmd_predict(args) -> int:
    from .predict import match_alterations, predict_many
    from .samples import load_panel, read_samples

    model = _load(args)
    if args.alterations is not None:
        samples = {"": args.alterations}
    else:
        table = load_panel() if args.panel else read_samples(args.samples)
        for s in table:  # every name is checked before any computing
            try:
                match_alterations(model, s.alterations)
            except BoolmtorError as exc:
                raise BoolmtorError(f"{s.where}: sample {s.name!r}: {exc}") from None
        samples = {s.name: s.alterations for s in table}
    found = predict_many(model, samples, environment=_split(args.env), drugs=_split(args.drugs),
                         pairs=not args.no_pairs, start=args.start, seed=args.seed)
    if args.json:
        out = [p.to_dict() for p in found.values()]
        print(json.dumps(out[0] if args.alterations is not None else out, indent=2))
    else:
        print("\n\n".join(str(p) for p in found.values()))
    return 0


def cmd_report(args) -> int:
    import shlex

    from .reporting.report import current_command, report

    check_folder(args.out, "--out")
    command = (shlex.join(["boolmtor", *sys.argv[1:]])
               if sys.argv[0].endswith("boolmtor") else current_command())
    path = report(_load(args), args.out, update=args.update, command=command)
    print(f"wrote {path}")
    return 0


def cmd_simulate(args) -> int:
    from .stochastic import simulate

    sim = simulate(_load(args), _environment(args), _perturbation(args),
                   nodes=args.node or None, max_time=args.max_time,
                   sample_count=args.samples, seed=args.seed)
    if args.json:
        print(json.dumps(sim.to_dict(), indent=2))
    elif args.trajectory:
        sys.stdout.write(sim.probabilities.to_csv())
    else:
        print(sim)
    return 0


def cmd_export(args) -> int:
    from .exchange import write

    out = Path(args.out)
    check_suffix(out, "-o", EXPORT_SUFFIXES[args.to], f"a {args.to} file")
    if args.to == "maboss":
        for target in (out.with_suffix(".bnd"), out.with_suffix(".cfg")):
            check_file(target, "-o")
    else:
        check_file(out, "-o")
    model = _load(args)
    if args.env or args.set or _perturbation(args):
        model = model.perturb(_perturbation(args), environment=_environment(args))
    for path in write(model, args.out, format=args.to):
        print(f"wrote {path}")
    return 0


def _goal_item(text: str) -> tuple[str, int]:
    node, sep, value = text.partition("=")
    if not sep or not node.strip() or not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected NODE=VALUE, e.g. PROLIFERATION=0 "
                                         f"(got {text!r})")
    return node.strip(), int(value)


def cmd_control(args) -> int:
    from .control import control

    backgrounds = None
    if args.backgrounds is not None:
        backgrounds = [[b for b in t.split("+") if b and b != "none"]
                       for t in args.backgrounds.split(",")]
    result = control(_load(args), dict(args.goal), environment=args.env,
                     background=args.background or None, using=args.using,
                     nodes=args.node or None, max_size=args.max_size, start=args.start,
                     update=args.update, backgrounds=backgrounds, robust=args.robust,
                     timeout=args.timeout)
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)
    return 0


# ---------------------------------------------------------------------------- parser
def cmd_screen(args) -> int:
    from .screen import save, screen

    check_file(args.out, "--out", TABLE_SUFFIXES, "the table file")
    if args.out and Path(args.out).suffix.lower() != ".csv":
        from .screen import need_pyarrow
        need_pyarrow()
    check_checkpoint(args.checkpoint)
    check_distinct(checkpoint=args.checkpoint, out=args.out)
    table = screen(_load(args), order=args.order, kinds=args.kind or ("knockout",
                   "overexpress"), drugs=args.drug, backgrounds=args.background,
                   environments=[_environment(args)] if args.set else args.env,
                   update=args.update, nodes=args.node or None,
                   workers=None if args.scheduler else args.workers,
                   scheduler=args.scheduler, checkpoint=args.checkpoint,
                   timeout=args.timeout, max_rows=args.max_rows,
                   progress=False if args.quiet else None)
    if args.out:
        print(f"wrote {save(table, args.out)} ({len(table)} rows)")
    elif args.json:
        print(table.to_json(orient="records", indent=2))
    else:
        sys.stdout.write(table.to_csv(index=False))
    return 0


def cmd_explore(args) -> int:
    check_file(args.out, "-o", (".html", ".htm"), "the explorer page")
    path = explorer.explore(_load(args), args.out, max_conditions=args.max_conditions,
                            tiers=args.tier or explorer.TIERS, workers=args.workers,
                            markers=not args.no_markers, progress=False if args.quiet else None)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="boolmtor",
                     description="Boolean network models of mTOR signalling and mTOR inhibitors.")
    parser.add_argument("--version", action=_Version,
                        help="show program's version number and exit")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("lint", help="check a rules file or folder and its manifest",
                       description="Load rules and manifest, report errors (exit 2; e.g. a "
                                   "level node X_2 whose rule does not imply X) and warnings "
                                   "such as rules without a '# ref:' line.")
    _add_model_arg(p)
    p.add_argument("--strict", action="store_true",
                   help="exit 1 if there are warnings (e.g. regulators without a rule)")
    p.set_defaults(func=cmd_lint)

    p = sub.add_parser("attractors", help="list the attractors of a model under a condition",
                       description="Attractors of the model under an update scheme, "
                                   "environment and perturbation.")
    _add_model_arg(p)
    p.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous",
                   help="update scheme (default: asynchronous, exact)")
    _add_condition_args(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_attractors)

    p = sub.add_parser("validate", help="check the literature expectations of the manifest",
                       description="Run every expectation of model.toml; exit 1 if any fails "
                                   "(known disagreements do not fail).")
    _add_model_arg(p)
    p.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("response", help="readout scores without and with a drug",
                       description="Untreated versus treated readout scores, their deltas, "
                                   "net growth, GR and the drug's efficacy split into "
                                   "cytostatic and cytotoxic parts, in one background and "
                                   "environment "
                                   "(docs/semantics.md, 'Drug response').")
    _add_model_arg(p)
    p.add_argument("--drug", metavar="NAME", action="append", required=True,
                   help="a drug of the manifest, KO:NODE or OE:NODE (repeatable: applied "
                        "together)")
    p.add_argument("--background", metavar="NAME", action="append", default=[],
                   help="a genetic background of the manifest (repeatable: applied together; "
                        "default wild type)")
    env = p.add_mutually_exclusive_group()
    env.add_argument("--env", metavar="NAME", default="default",
                     help="a named environment of the manifest (default: the model's default "
                          "environment: the first of the manifest's tumour_environments, else "
                          "its first environment, else inputs free)")
    _add_set(env)
    _add_response_args(p)
    p.set_defaults(func=cmd_response)

    p = sub.add_parser("markers", help="genetic backgrounds that sensitize to a drug or resist it",
                       description="Rank the manifest's genetic backgrounds by the change of "
                                   "the drug's efficacy against the wild type in a growing "
                                   "niche, over the environments where the background grows; "
                                   "growth where the wild type does not grow is listed "
                                   "apart (docs/semantics.md, 'Sensitivity and resistance "
                                   "markers').")
    _add_model_arg(p)
    p.add_argument("--drug", metavar="NAME", action="append", required=True,
                   help="a drug of the manifest (repeatable: a combination)")
    p.add_argument("--env", metavar="NAME", action="append", default=None,
                   help="an environment (repeatable; default: the manifest's "
                        "tumour_environments)")
    p.add_argument("--background", metavar="NAME", action="append", default=[],
                   help="a background to judge (repeatable; default: all of the manifest's)")
    p.add_argument("--threshold", type=float, default=0.1,
                   help="|score| at which a background is a marker (default: 0.1)")
    _add_response_args(p)
    p.set_defaults(func=cmd_markers)

    p = sub.add_parser("predict", help="rank drugs and drug pairs for a tumour's alterations",
                       description="Map a tumour's gene-level alterations (the manifest's "
                                   "[alterations] table, e.g. 'PTEN loss, KRAS G12D') to "
                                   "genetic backgrounds, apply them together, and rank one "
                                   "drug per class and every pair by efficacy against the "
                                   "untreated tumour, averaged over the environments; ties "
                                   "are stated as ties (docs/semantics.md, 'Predictions for a "
                                   "tumour's alterations'). Unknown names fail before any "
                                   "computing.")
    _add_model_arg(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--alterations", metavar="TEXT",
                      help="comma-separated alterations, e.g. 'PTEN loss, KRAS G12D'")
    what.add_argument("--samples", metavar="FILE",
                      help="tab-separated file: a sample name column, then a column "
                           "'alterations' (other columns are ignored)")
    what.add_argument("--panel", action="store_true",
                      help="the shipped cell-line panel (rules/mtor/cell_lines.tsv)")
    p.add_argument("--env", metavar="NAME", action="append", default=None,
                   help="an environment (repeatable or comma-separated; default: the "
                        "manifest's tumour_environments)")
    p.add_argument("--drugs", metavar="NAMES", action="append", default=None,
                   help="drugs to rank (repeatable or comma-separated; default: one per class)")
    p.add_argument("--no-pairs", action="store_true", help="rank single drugs only")
    _add_response_args(p)
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("report", help="write the Markdown + HTML report of a model",
                       description="Write the model figure, attractor, drug-response, marker "
                                   "and validation reports "
                                   "(index.html with embedded figures, report.md, figures/) "
                                   "into OUT, replacing it atomically. For every section of "
                                   "analyses/, run `python analyses/run_all.py`.")
    _add_model_arg(p)
    p.add_argument("--out", metavar="DIR", default="reports",
                   help="output folder (default: reports); an existing folder is replaced "
                        "only if it holds an earlier report")
    p.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous",
                   help="update scheme of the attractor and validation sections")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export", help="write the model as SBML-qual, BoolNet or MaBoSS",
                       description="Write the rules (under a condition, if one is given: its "
                                   "nodes become constants) as SBML-qual, BoolNet .bnet, or "
                                   "MaBoSS .bnd + .cfg (rates from the manifest's [rates], "
                                   "default 1). The file is written to a temporary name and "
                                   "renamed into place.")
    _add_model_arg(p)
    p.add_argument("--to", required=True, choices=("sbml-qual", "bnet", "maboss"),
                   help="output format")
    p.add_argument("-o", "--out", metavar="FILE", required=True,
                   help="output file (maboss: FILE.bnd and FILE.cfg)")
    _add_condition_args(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("simulate", help="stochastic (MaBoSS) readout probabilities over time",
                       description="Continuous-time asynchronous simulation with MaBoSS: the "
                                   "probability of each readout being on, from a uniform start "
                                   "(docs/semantics.md, 'Stochastic simulation').")
    _add_model_arg(p)
    _add_condition_args(p)
    p.add_argument("--node", metavar="NODE", action="append", default=[],
                   help="a node to report (repeatable; default: the readouts)")
    p.add_argument("--max-time", type=float, default=50.0,
                   help="simulated time, in units of 1/rate (default: 50)")
    p.add_argument("--samples", type=int, default=10_000,
                   help="number of trajectories (default: 10000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--trajectory", action="store_true",
                     help="print P(on) per time window as CSV")
    out.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_simulate)
    p = sub.add_parser("screen", help="every single/double knockout and overexpression, as a "
                       "table", description="A perturbation screen: one row per (environment, "
                       "background, drug, perturbation) with the number of attractors and each "
                       "readout's score (docs/semantics.md, 'Screens'). Prints CSV, or writes "
                       "--out (.csv or .parquet).")
    _add_model_arg(p)
    p.add_argument("--order", type=int, choices=(0, 1, 2), default=1,
                   help="1: single alterations (default); 2: also every pair")
    p.add_argument("--kind", action="append", choices=("knockout", "overexpress"),
                   help="alteration kind (repeatable; default both)")
    p.add_argument("--node", metavar="NODE", action="append", default=[],
                   help="a node to alter (repeatable; default every non-input node)")
    env = p.add_mutually_exclusive_group()
    env.add_argument("--env", metavar="NAME", action="append", default=None,
                     help="an environment (repeatable; default the manifest's tumour "
                          "environments, else all its environments, else inputs free)")
    _add_set(env)
    p.add_argument("--drug", metavar="NAME", action="append", default=[],
                   help="a drug condition besides untreated (repeatable)")
    p.add_argument("--background", metavar="NAME", action="append", default=[],
                   help="a background condition besides wild type (repeatable)")
    p.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous")
    p.add_argument("--workers", type=int, default=1,
                   help="local worker processes (default: 1, so that Ctrl-C acts at once)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="a Dask scheduler, e.g. tcp://host:8786 (needs boolmtor[dask])")
    p.add_argument("--checkpoint", metavar="FILE", default=None,
                   help="finished rows go here; rerun the same command to continue")
    p.add_argument("--max-rows", type=int, default=500_000,
                   help="refuse screens larger than this (default: 500000)")
    p.add_argument("--out", metavar="FILE", default=None, help="write a .csv or .parquet table")
    p.add_argument("--json", action="store_true", help="print JSON records instead of CSV")
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser("control", help="minimal drug or node intervention sets that reach a "
                       "goal phenotype", description="Every minimal set of drugs (or knockouts "
                       "and overexpressions) of at most --max-size elements after which every "
                       "attractor the tumour reaches holds the goal (docs/semantics.md, "
                       "'Control'). Sets are ranked by size, then robustness.")
    _add_model_arg(p)
    p.add_argument("--goal", metavar="NODE=VALUE", action="append", type=_goal_item,
                   required=True, help="a node value every reached attractor must hold "
                                       "(repeatable), e.g. PROLIFERATION=0")
    p.add_argument("--env", metavar="NAME", default="growth",
                   help="a named environment of the manifest (default: growth)")
    tumour = p.add_mutually_exclusive_group()
    tumour.add_argument("--background", metavar="NAME", action="append", default=[],
                        help="the tumour's genetic background (repeatable: combined; "
                             "default wild type)")
    tumour.add_argument("--backgrounds", metavar="A,B+C", default=None,
                        help="several tumours, comma-separated ('+' combines backgrounds, "
                             "'none' is the wild type): sets with the share they work in")
    p.add_argument("--using", choices=("drugs", "nodes"), default="drugs",
                   help="the manifest's drugs (default) or node knockouts/overexpressions")
    p.add_argument("--node", metavar="NODE", action="append", default=[],
                   help="with --using nodes: a node that may be altered (repeatable; default "
                        "every non-input node except the goal's)")
    p.add_argument("--max-size", type=int, default=3,
                   help="largest set tried (default: 3)")
    p.add_argument("--start", choices=("untreated", "global"), default="untreated",
                   help="the treated tumour starts from its untreated attractors (default) or "
                        "anywhere")
    p.add_argument("--update", choices=UPDATE_SCHEMES, default="asynchronous",
                   help="update scheme (default: asynchronous; others need --start global)")
    p.add_argument("--robust", action="store_true",
                   help="also check each set under most-permissive and stochastic update and "
                        "over the '# alt:' rule variants")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_control)

    p = sub.add_parser("explore", help="write a self-contained HTML page to explore the model "
                                       "by clicking",
                       description="Precompute the model's conditions (environments x "
                                   "backgrounds x drugs, knockouts and overexpressions; "
                                   "tiers in order while --max-conditions lasts) and write "
                                   "one offline HTML page that shows the attractors, "
                                   "phenotypes, responses, markers and the interaction graph "
                                   "(docs/explorer.md).")
    _add_model_arg(p)
    p.add_argument("-o", "--out", metavar="FILE", default="explorer.html",
                   help="the .html file to write (default: explorer.html)")
    p.add_argument("--max-conditions", metavar="N", type=int,
                   default=explorer.DEFAULT_MAX_CONDITIONS,
                   help="most distinct computations (default: %(default)s)")
    p.add_argument("--tier", metavar="TIER", action="append", choices=explorer.TIERS,
                   default=None,
                   help="precompute only these tiers of conditions (repeatable; default all, "
                        "in this order, while the budget lasts): "
                        + "; ".join(explorer.TIERS))
    p.add_argument("--workers", metavar="N", type=int, default=None,
                   help="processes (default: one per core, at most 2)")
    p.add_argument("--no-markers", action="store_true",
                   help="leave out the marker table (bm.predict_markers per drug class)")
    p.set_defaults(func=cmd_explore)

    for command in sub.choices.values():  # every command can be stopped after a time limit
        if not any("--timeout" in a.option_strings for a in command._actions):
            command.add_argument("--timeout", metavar="SECONDS", type=float, default=None,
                                 help="stop with an error (exit 2) after this many seconds")
        command.add_argument("--quiet", action="store_true",
                             help="no progress line or bar on the terminal")
        command.add_argument("--allow-large", action="store_true",
                             help="load rules files past the size limits (20 MB, 10,000 "
                                  "nodes, 100,000 characters per rule)")
    return parser


def _add_response_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--start", choices=("untreated", "global"), default="untreated",
                   help="treated network starts from the untreated attractors (default) or "
                        "anywhere (global weights)")
    p.add_argument("--seed", type=int, default=0,
                   help="seed of Monte-Carlo weight estimates, where needed (default: 0)")
    p.add_argument("--confidence", action="store_true",
                   help="also judge each call under the other update schemes and over the "
                        "model's '# alt:' rule variants (slow)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A boolmtor warning as one line on stderr (others as Python shows them)."""
    if issubclass(category, ModelWarning):
        print(f"boolmtor: warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


_TICKED = {"attractors", "validate", "response", "markers", "report", "simulate"}
"""Commands that run long single searches: a progress line on the terminal (see _ticker)."""


def _ticker(args):
    """The progress line of a long single search: what is computed, and how to bound it."""
    from ._ticker import ticking

    if args.command not in _TICKED or args.quiet:
        return ticking("", enabled=False)
    update = getattr(args, "update", None)
    what = f"{args.command}: {args.rules or 'the curated model'}"
    if update:
        what += f" ({update} update)"
    hint = "boolmtor: this can take long; bound it with --timeout SECONDS"
    if update in ("asynchronous", "synchronous"):
        hint += (", or try a cheaper scheme: --update most-permissive (minimal trap spaces) "
                 "or --update fixed-points")
    return ticking(what, hint + "; --quiet hides this line")


def _run(args) -> int:
    """Run the command; a timeout, error or interrupt ends the child processes it started."""
    import biodivine_aeon

    from ._children import reaped

    level = biodivine_aeon.LOG_LEVEL  # AEON's progress lines on stdout would mix with results
    biodivine_aeon.LOG_LEVEL = biodivine_aeon.LOG_NOTHING
    rust_log = logging.getLogger("biodivine_algo_bdd_scc")  # AEON's INFO records, via logging
    rust_level = rust_log.level
    rust_log.setLevel(logging.WARNING)
    try:
        with reaped(), _ticker(args):
            if args.func in (cmd_screen, cmd_control) or getattr(args, "timeout", None) is None:
                return args.func(args)
            from ._timeout import deadline
            with deadline(args.timeout):
                return args.func(args)
    finally:
        biodivine_aeon.LOG_LEVEL = level
        rust_log.setLevel(rust_level)


def _on_sigterm(signum, frame):
    """SIGTERM stops a run the way Ctrl-C does (finished rows kept, children ended)."""
    _terminated.append(signum)
    raise KeyboardInterrupt


_terminated: list[int] = []


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `boolmtor` console script."""
    import signal
    import threading

    args = build_parser().parse_args(argv)
    _terminated.clear()
    main_thread = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ModelWarning)
            warnings.showwarning = _show_warning
            return _run(args)
    except BoolmtorError as exc:
        print(f"boolmtor: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        how = "terminated (SIGTERM)" if _terminated else "interrupted"
        print(f"boolmtor: {how}" + (f"; {exc}" if str(exc) else ""), file=sys.stderr)
        code = 143 if _terminated else 130
        if argv is None:  # the console script: rows are kept and children ended, so skip the
            sys.stdout.flush()  # interpreter's seconds-long teardown of engines and pools
            sys.stderr.flush()
            os._exit(code)
        return code
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # an output path that cannot be written (folder, permissions, disk)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"boolmtor: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, old)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
