"""The rules parser: every error of the hierarchy, both syntaxes, annotations and round trips."""

from __future__ import annotations

import re

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.logic.boolalg import Equivalent, simplify_logic
from sympy.logic.inference import satisfiable

import boolmtor as bm
from boolmtor.parser import MAX_NESTING, parse_rules

from strategies import expressions, network_specs, networks, spec_to_bnet

PARSE = settings(max_examples=60, deadline=None)


def equivalent(a, b) -> bool:
    """Two sympy Boolean expressions agree on every assignment."""
    return satisfiable(sympy.Not(Equivalent(a, b))) is False


def where(exc: BaseException) -> str:
    """The `file:line:col` an error's message starts with."""
    m = re.match(r"(.+?):(\d+):(\d+): ", str(exc))
    assert m, f"no file:line:col in {str(exc)!r}"
    return f"{m.group(1)}:{m.group(2)}:{m.group(3)}"


def load(tmp_path, text: str | bytes, name: str = "net.bnet", strict: bool = False) -> bm.Model:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return bm.Model.from_file(path, strict=strict)


# ---------------------------------------------------------------- errors


SYNTAX_ERRORS = [
    # (text, line, col, words the message must contain)
    ("A, B C\nB, A\nC, A\n", 1, 6, "unexpected 'C'"),
    ("A, B\nB, A & \n", 2, 7, "rule ends early"),
    ("A, B\nB\n", 2, 1, "expected 'NODE, rule'"),
    ("A, \n", 1, 3, "missing rule"),
    (", B\n", 1, 1, "expected a node name"),
    ("A B, C\n", 1, 1, "expected a node name"),
    ("A, 2\n", 1, 4, "only the constants 0 and 1"),
    ("and, B\nB, B\n", 1, 1, "reserved word"),
    ("A, B $ C\n", 1, 6, "unexpected character '$'"),
    ("A, B & | C\n", 1, 8, "unexpected '|'"),
    ("# comment\n\nA, (B & C\nB, B\nC, C\n", 3, 4, "'(' is never closed"),
    ("A, B & C)\nB, B\nC, C\n", 1, 9, "')' without a matching '('"),
    ("A, (B))\nB, B\n", 1, 7, "')' without a matching '('"),
    ("A, ((B)\nB, B\n", 1, 4, "'(' is never closed"),
    ("A, )B(\nB, B\n", 1, 4, "')' without a matching '('"),
]


@pytest.mark.parametrize("text,line,col,words", SYNTAX_ERRORS)
def test_syntax_errors_name_file_line_and_column(tmp_path, text, line, col, words):
    """Bad syntax is a RulesSyntaxError whose message starts with file:line:col and says why."""
    with pytest.raises(bm.RulesSyntaxError) as info:
        load(tmp_path, text)
    err = info.value
    assert (err.path, err.line, err.col) == (str(tmp_path / "net.bnet"), line, col)
    assert where(err) == f"{tmp_path / 'net.bnet'}:{line}:{col}"
    assert words in str(err)
    assert "\n" not in str(err)
    assert isinstance(err, bm.RulesError) and isinstance(err, bm.BoolmtorError)


def test_errors_from_text_name_the_given_path_or_text():
    """Errors from `Model.from_text` carry the path given, or `<text>` when there is none."""
    with pytest.raises(bm.RulesSyntaxError, match=r"^rules/x\.bnet:1:5: "):
        bm.Model.from_text("A, B)\nB, B", "rules/x.bnet")
    with pytest.raises(bm.RulesSyntaxError, match=r"^<text>:1:5: "):
        bm.Model.from_text("A, B)\nB, B")


def test_unknown_node_is_named_with_the_closest_name(tmp_path):
    """strict=True: a rule naming an undefined node is an UndefinedNodeError at its column,
    suggesting a name."""
    with pytest.raises(bm.UndefinedNodeError) as info:
        load(tmp_path, "MTORC1, RHEB & !PRAS4O\nRHEB, RHEB\nPRAS40, PRAS40\n", strict=True)
    err = info.value
    assert "'PRAS4O'" in str(err) and "did you mean 'PRAS40'" in str(err)
    assert (err.line, err.col) == (1, 17)
    assert where(err) == f"{tmp_path / 'net.bnet'}:1:17"
    assert isinstance(err, bm.RulesError)


def test_unknown_node_without_a_close_name_gets_no_suggestion():
    """No suggestion is made when nothing is close to the unknown name."""
    with pytest.raises(bm.UndefinedNodeError) as info:
        bm.Model.from_text("A, A\nB, Zebrafish\n", strict=True)
    assert "'Zebrafish'" in str(info.value) and "did you mean" not in str(info.value)
    assert (info.value.line, info.value.col) == (2, 4)


def test_duplicate_node_in_one_file(tmp_path):
    """A node defined twice is a DuplicateNodeError at the second definition, naming the first."""
    with pytest.raises(bm.DuplicateNodeError) as info:
        load(tmp_path, "A, B\nB, A\n\nA, !B\n")
    path = str(tmp_path / "net.bnet")
    assert where(info.value) == f"{path}:4:1"
    assert f"first at {path}:1" in str(info.value)


def test_duplicate_node_across_two_files_of_a_folder(tmp_path):
    """Rules split over several files still define each node once; a repeat names both files."""
    folder = tmp_path / "net"
    folder.mkdir()
    (folder / "a_core.bnet").write_text("A, B\nB, A\n")
    (folder / "b_more.bnet").write_text("C, A\n  B, !A\n")
    with pytest.raises(bm.DuplicateNodeError) as info:
        bm.Model.from_folder(folder)
    assert where(info.value) == f"{folder / 'b_more.bnet'}:2:3"
    assert f"first at {folder / 'a_core.bnet'}:2" in str(info.value)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# ref: x \"y\"\n",
                                  "targets, factors\n"])
def test_empty_file_is_a_syntax_error(tmp_path, text):
    """A file without rules is a RulesSyntaxError at line 1, column 1."""
    with pytest.raises(bm.RulesSyntaxError, match="no rules found") as info:
        load(tmp_path, text)
    assert where(info.value) == f"{tmp_path / 'net.bnet'}:1:1"


def test_empty_folder_is_an_error(tmp_path):
    """A folder with no `.bnet` file is a BoolmtorError naming the folder."""
    with pytest.raises(bm.BoolmtorError, match="no .bnet rules files") as info:
        bm.Model.from_folder(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_non_utf8_bytes_are_a_syntax_error_at_the_bad_byte(tmp_path):
    """Bytes that are not UTF-8 give a RulesSyntaxError at the first bad byte's line and column."""
    with pytest.raises(bm.RulesSyntaxError, match="not UTF-8") as info:
        load(tmp_path, b"A, B\nB, A & \xff\n")
    assert where(info.value) == f"{tmp_path / 'net.bnet'}:2:8"
    assert "0xff" in str(info.value)


def test_utf8_bom_and_crlf_are_accepted(tmp_path):
    """A UTF-8 byte-order mark and Windows line ends do not change the model."""
    m = load(tmp_path, "\ufeffA, !B\r\nB, A\r\n".encode())
    assert m == bm.Model.from_text("A, !B\nB, A\n")
    assert m.nodes == ("A", "B")


def test_missing_file_is_a_boolmtor_error(tmp_path):
    """Reading a file that does not exist is a BoolmtorError naming it, not an OSError."""
    with pytest.raises(bm.BoolmtorError, match="cannot read") as info:
        bm.Model.from_file(tmp_path / "nope.bnet")
    assert "nope.bnet" in str(info.value)


PYTHON_LOOKING = [
    "A, __import__('os').system('touch {marker}')",
    "A, eval(\"open('{marker}', 'w')\")",
    "A, B if C else D",
    "A, [B for B in C]",
    "A, B.__class__",
    "A, lambda: open('{marker}', 'w')",
    "A, B + C",
    "A, B == C",
    "A, {{B}}",
]


@pytest.mark.parametrize("rule", PYTHON_LOOKING)
def test_python_looking_text_is_rejected_and_never_run(tmp_path, monkeypatch, rule):
    """Python code in a rule is a RulesError (a syntax error, or under strict=True a dotted
    name such as `B.__class__`, which BoolNet allows, that no rule defines); nothing is
    evaluated or parsed by sympy."""
    marker = tmp_path / "ran"

    def forbidden(*args, **kwargs):
        raise AssertionError("rules text reached sympy's string parser")

    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", forbidden)
    text = rule.format(marker=marker) + "\nB, B\nC, C\nD, D\n"
    with pytest.raises(bm.RulesError) as info:
        load(tmp_path, text, strict=True)
    assert info.value.line == 1 and info.value.col is not None
    assert not marker.exists()


def test_parentheses_that_keep_the_operator_have_no_depth_limit():
    """AEON writes long rules as `(A | (B | (C | ...)))`: thousands of such parentheses load
    into one flat disjunction (no RecursionError, no limit a real file reaches)."""
    n = 10_000
    chain = "".join(f"(X{i % 50} | " for i in range(n)) + "Y" + ")" * n
    inputs = "".join(f"X{i}, X{i}\n" for i in range(50))
    m = bm.Model.from_text(f"A, {chain}\nY, Y\n{inputs}")
    assert m.rule("A") == bm.Model.from_text(
        "A, " + " | ".join(f"X{i % 50}" for i in range(n)) + f" | Y\nY, Y\n{inputs}").rule("A")
    very_deep = "(" * 100_000 + "B" + ")" * 100_000
    assert bm.Model.from_text(f"A, {very_deep}\nB, B\n").rules["A"] == "B"


def test_alternating_operators_past_the_limit_are_a_syntax_error():
    """`A & (B | (C & ...))` nested past MAX_NESTING is a RulesSyntaxError naming the place."""
    deep = "B & (C | " * (MAX_NESTING // 2 + 1) + "B" + ")" * (MAX_NESTING // 2 + 1)
    with pytest.raises(bm.RulesSyntaxError, match="nested deeper") as info:
        bm.Model.from_text(f"A, {deep}\nB, B\nC, C\n")
    assert where(info.value).startswith("<text>:1:")


def test_negation_chains_past_the_limit_are_a_syntax_error():
    """A long run of '!' (or '!(' pairs) is bounded like parentheses: RulesSyntaxError."""
    for rule in ("!" * 100_000 + "B", "!(" * (MAX_NESTING + 1) + "B" + ")" * (MAX_NESTING + 1)):
        with pytest.raises(bm.RulesSyntaxError, match="nested deeper"):
            bm.Model.from_text(f"A, {rule}\nB, B\n")


@pytest.mark.parametrize("rule", [
    "(" * MAX_NESTING + "B" + ")" * MAX_NESTING,
    "!" * MAX_NESTING + "B",
    "!(" * (MAX_NESTING // 2) + "B & C" + ")" * (MAX_NESTING // 2),
    "B & (C | " * (MAX_NESTING // 2) + "B" + ")" * (MAX_NESTING // 2),
])
def test_nesting_at_the_limit_gives_a_usable_model(rule):
    """At the nesting limit the model still works: text, sympy, graph, round trip, attractors."""
    m = bm.Model.from_text(f"A, {rule}\nB, B\nC, C\n")
    assert bm.Model.from_text(m.to_bnet()) == m
    assert hash(m) == hash(bm.Model.from_text(m.to_bnet()))
    assert isinstance(m.expr("A"), sympy.logic.boolalg.Boolean)
    assert set(m.graph.predecessors("A")) <= {"B", "C"}
    assert len(bm.attractors(m, update="fixed-points")) == 4


# ---------------------------------------------------------------- the two syntaxes


def test_readable_form_equals_bnet_form():
    """`A = B and not C` is the same model as `A, B & !C`."""
    readable = bm.Model.from_text("A = B and not C\nB = B\nC = C or (A and B)\n")
    bnet = bm.Model.from_text("A, B & !C\nB, B\nC, C | A & B\n")
    assert readable == bnet
    assert readable.rules == bnet.rules
    assert readable.rules["A"] == "B & !C"


@pytest.mark.parametrize("rule", ["B && ~C", "B AND NOT C", "B & !C & 1", "B & !C | false",
                                  "(B) & (!(C))", "B&!C", "  B   &   ! C  "])
def test_operator_spellings_mean_the_same(rule):
    """`&&`, `~`, upper-case words, constants and spacing all parse to `B & !C` (logically)."""
    m = bm.Model.from_text(f"A, {rule}\nB, B\nC, C\n")
    assert equivalent(m.expr("A"), sympy.And(sympy.Symbol("B"), sympy.Not(sympy.Symbol("C"))))


def test_precedence_not_and_or():
    """`!` binds tightest, then `&`, then `|`: `A | B & !C` is `A | (B & (!C))`."""
    m = bm.Model.from_text("X, A | B & !C\nA, A\nB, B\nC, C\n")
    a, b, c = sympy.symbols("A B C")
    assert equivalent(m.expr("X"), a | (b & ~c))
    assert not equivalent(m.expr("X"), (a | b) & ~c)


@PARSE
@given(case=expressions(style="bnet"))
def test_parsed_expression_means_what_was_written(case):
    """The parsed rule is logically equivalent to the expression the text was written from."""
    text, intended, names = case
    rules = "".join(f"{n}, {n}\n" for n in names) + f"Target_x, {text}\n"
    m = bm.Model.from_text(rules)
    assert equivalent(m.expr("Target_x"), intended)


@PARSE
@given(case=expressions(style="words"))
def test_readable_expression_means_what_was_written(case):
    """The readable syntax (`and`, `or`, `not`, `=`) parses to the intended expression."""
    text, intended, names = case
    rules = "".join(f"{n} = {n}\n" for n in names) + f"Target_x = {text}\n"
    assert equivalent(bm.Model.from_text(rules).expr("Target_x"), intended)


@PARSE
@given(spec=network_specs(), data=st.data())
def test_readable_network_equals_bnet_network(spec, data):
    """A random network written in both syntaxes gives equal models."""
    names, rules = spec
    bnet = spec_to_bnet(names, rules, draw=data.draw)
    words = spec_to_bnet(names, rules, style="words", draw=data.draw)
    assert bm.Model.from_text(words) == bm.Model.from_text(bnet)


# ---------------------------------------------------------------- annotations


def test_ref_annotations_are_kept_with_the_rule_below_them():
    """`# ref:` and `# choice:` lines attach to the next rule only; other comments are ignored."""
    text = """targets, factors
# The mTOR core
# ref: Laplante2012.txt "Rheb binds and activates mTORC1"
# ref:   Sabatini2017.txt "amino acids signal through the Rag GTPases"
# choice: AND, not OR: both signals are required
MTORC1, RHEB & RAG   # inline comment, ignored
# a plain comment
RHEB, RHEB
# REF: Other.txt "upper case"
RAG = RAG
"""
    m = bm.Model.from_text(text, "core.bnet")
    assert m.origins["MTORC1"].refs == ('Laplante2012.txt "Rheb binds and activates mTORC1"',
                                        'Sabatini2017.txt "amino acids signal through the Rag '
                                        'GTPases"')
    assert m.origins["MTORC1"].choices == ("AND, not OR: both signals are required",)
    assert m.origins["RHEB"].refs == ()
    assert m.origins["RAG"].refs == ('Other.txt "upper case"',)
    assert (m.origins["MTORC1"].path, m.origins["MTORC1"].line) == ("core.bnet", 6)
    assert m.rules["MTORC1"] == "RHEB & RAG"


def test_rules_text_is_normalized():
    """`model.rules` holds normalized BoolNet text: spacing unified, redundant parentheses gone."""
    m = bm.Model.from_text("A,((B))&(C&(D))|  !(B|C)\nB, B\nC, C\nD, D\n")
    assert m.rules["A"] == "B & C & D | !(B | C)"


# ---------------------------------------------------------------- round trips


@PARSE
@given(text=networks())
def test_to_bnet_round_trips(text):
    """Model.from_text(m.to_bnet()) == m, with the same rules text and node order."""
    m = bm.Model.from_text(text)
    again = bm.Model.from_text(m.to_bnet())
    assert again == m
    assert again.nodes == m.nodes
    assert again.rules == m.rules
    assert again.to_bnet() == m.to_bnet()


@PARSE
@given(case=expressions(style="bnet"))
def test_to_bnet_output_is_logically_equivalent(case):
    """The text to_bnet writes is logically equivalent to the original rule (checked by sympy)."""
    text, intended, names = case
    m = bm.Model.from_text("".join(f"{n}, {n}\n" for n in names) + f"Target_x, {text}\n")
    again = bm.Model.from_text(m.to_bnet())
    assert equivalent(again.expr("Target_x"), intended)
    assert simplify_logic(again.expr("Target_x")) == simplify_logic(m.expr("Target_x"))


def test_indented_comment_lines_continue_an_annotation():
    """A `# choice:` spread over indented comment lines is kept whole; other comments end it."""
    rules = parse_rules("# choice: first half\n#   second half\n# unrelated\n#   not joined\n"
                        "A, A\n")
    assert rules[0].choices == ("first half second half",)
