"""Reading models as the other tools write them: free inputs, names, deep AEON-style rules.

The other tools' own readers are the reference: AEON's `from_bnet` and pyboolnet's prime
implicants (computed from the original text) must describe the network boolmtor reads.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import biodivine_aeon as ba
import pytest
from pyboolnet.file_exchange import bnet2primes

import boolmtor as bm
from boolmtor.cli import main
from boolmtor.names import safe_ids

import bruteforce as bf


def loaded(text: str, **kw) -> tuple[bm.Model, list[str]]:
    """The model of `text` and the messages of the ModelWarnings its loading gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = bm.Model.from_text(text, "net.bnet", **kw)
    return model, [str(w.message) for w in caught if issubclass(w.category, bm.ModelWarning)]


# ---------------------------------------------------------------- free inputs


def test_regulator_without_a_rule_is_a_free_input_with_a_warning():
    """`B` and `C` have no rule: they become inputs `B, B` and `C, C`, listed in one warning
    naming the file and the line of their first use; the model is AEON's reading of the file."""
    text = "A, B & !C\nD, A | C\n"
    model, messages = loaded(text)
    assert model.nodes == ("A", "D", "B", "C")
    assert model.free_inputs == ("B", "C")
    assert set(model.inputs) == {"B", "C"}
    assert model.rules["B"] == "B" and model.rules["C"] == "C"
    assert len(messages) == 1
    assert messages[0].startswith("net.bnet:1: 2 regulators without a rule read as free "
                                  "inputs: B, C")
    aeon = ba.BooleanNetwork.from_bnet(text, repair_graph=True)
    assert set(aeon.variable_names()) == set(model.nodes)
    assert {aeon.get_variable_name(v) for v in aeon.inputs()} <= set(model.inputs)
    fps = {tuple(sorted((k, int(v)) for k, v in s.to_named_dict().items()))
           for s in ba.FixedPoints.symbolic_vertices(ba.AsynchronousGraph(aeon))}
    ours = {tuple(sorted(a.fixed.items())) for a in bm.attractors(model, update="fixed-points")}
    assert ours == fps and len(ours) == 4  # B, C free: one fixed point each


def test_warning_suggests_the_closest_name_for_a_likely_typo():
    """A missing regulator close to a defined node is named with it: probably a typo."""
    _, messages = loaded("MTORC1, RHEB & !PRAS4O\nRHEB, RHEB\nPRAS40, PRAS40\n")
    assert "'PRAS4O' (did you mean 'PRAS40'?)" in messages[0]


def test_strict_makes_a_missing_rule_an_error_on_every_loader(tmp_path):
    """strict=True: UndefinedNodeError naming file, line and column, from every loader."""
    path = tmp_path / "net.bnet"
    path.write_text("A, A\nB, A & C\n")
    for load in (lambda: bm.Model.from_text(path.read_text(), str(path), strict=True),
                 lambda: bm.Model.from_file(path, strict=True),
                 lambda: bm.load_model(path, strict=True),
                 lambda: bm.read(path, strict=True)):
        with pytest.raises(bm.UndefinedNodeError) as info:
            load()
        assert str(info.value).startswith(f"{path}:2:8: rule for B names 'C'")


def test_strict_folder(tmp_path):
    """A rules folder loads leniently, and strictly with strict=True."""
    (tmp_path / "a.bnet").write_text("A, B\n")
    assert bm.Model.from_folder(tmp_path).free_inputs == ("B",)
    with pytest.raises(bm.UndefinedNodeError):
        bm.Model.from_folder(tmp_path, strict=True)


def test_an_alternative_may_not_add_a_node():
    """A name only an `# alt:` line reads stays an error: an alternative cannot grow the model."""
    with pytest.raises(bm.UndefinedNodeError, match="'C'"):
        bm.Model.from_text("A, B\n# alt: B & C\nB, A\n")


def test_lint_lists_free_inputs_and_strict_fails(tmp_path, capsys):
    """`lint` prints the warning once; `lint --strict` exits 1; a complete file lints clean."""
    path = tmp_path / "net.bnet"
    path.write_text("A, B & !C\nB, A\n")
    assert main(["lint", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err.count("free input") == 1 and "1 warning" in out
    assert main(["lint", "--strict", str(path)]) == 1
    capsys.readouterr()
    path.write_text("A, B & !C\nB, A\nC, C\n")
    assert main(["lint", "--strict", str(path)]) == 0


def test_cli_prints_the_warning_as_one_line(tmp_path, capsys):
    """Other commands load leniently and print the warning as one `boolmtor: warning:` line."""
    path = tmp_path / "net.bnet"
    path.write_text("A, B & !C\nB, A\n")
    assert main(["attractors", str(path), "--update", "fixed-points"]) == 0
    _, err = capsys.readouterr()
    assert err.startswith("boolmtor: warning: ") and err.count("\n") == 1


# ---------------------------------------------------------------- names


NAMES = ["4EBP1", "IL-6", "Bcl.2", "PI3K{p}", "p-AKT_2", "α_cat"]


def test_names_the_other_tools_accept_load_as_written():
    """Names with a leading digit, '-', '.', braces or non-ASCII letters load as written, and the
    engines answer in those names (brute force agrees)."""
    text = ("4EBP1, !IL-6\nIL-6, Bcl.2 | PI3K{p}\nBcl.2, !4EBP1 & p-AKT_2\nPI3K{p}, α_cat\n"
            "p-AKT_2, p-AKT_2\nα_cat, α_cat\n")
    model = bm.Model.from_text(text)
    assert model.nodes == tuple(NAMES)
    assert set(model.inputs) == {"p-AKT_2", "α_cat"}
    assert bm.Model.from_text(model.to_bnet()) == model
    for update in ("asynchronous", "synchronous"):
        got = sorted((bf.summary(a, model, True) for a in bm.attractors(model, update=update)),
                     key=repr)
        assert got == bf.attractors(model, update)
    for engine in ("aeon", "pyboolnet"):
        fps = [dict(a.fixed) for a in bm.attractors(model, update="fixed-points", engine=engine)]
        assert sorted(map(sorted, (f.items() for f in fps))) == \
            sorted(map(sorted, (f.items() for f in bf.fixed_points(model))))
    assert set(model.graph.predecessors("Bcl.2")) == {"4EBP1", "p-AKT_2"}
    assert model.graph.edges["4EBP1", "Bcl.2"]["sign"] == -1


def test_primes_of_unusual_names_equal_pyboolnets_on_renamed_text():
    """Model.primes keys are the names as written; they equal pyboolnet's primes of the same
    network written with identifiers."""
    model = bm.Model.from_text("IL-6, !Bcl.2 & X\nBcl.2, IL-6 | X\nX, X\n")
    plain = bnet2primes("IL_6, !Bcl_2 & X\nBcl_2, IL_6 | X\nX, X\n")
    back = {"IL_6": "IL-6", "Bcl_2": "Bcl.2", "X": "X"}
    expected = {back[n]: [sorted(sorted((back[v], x) for v, x in p.items()) for p in side)
                          for side in pair] for n, pair in plain.items()}
    got = {n: [sorted(sorted(p.items()) for p in side) for side in pair]
           for n, pair in model.primes.items()}
    assert got == expected


def test_safe_ids_are_distinct_identifiers():
    """Names map to distinct `[A-Za-z_][A-Za-z0-9_]*` identifiers; safe names stay as they are."""
    names = ["IL-6", "IL_6", "IL.6", "4EBP1", "A", "and"]
    ids = safe_ids(names, reserved={"and"})
    assert ids["IL_6"] == "IL_6" and ids["A"] == "A"
    assert len(set(ids.values())) == len(names)
    assert all(i.isidentifier() and i.isascii() for i in ids.values())
    assert ids["and"] != "and" and ids["4EBP1"] == "_4EBP1"


@pytest.mark.parametrize("bad", ["10, A\nA, A\n", "A, 10\n", "-A, B\nB, B\n", "A, .B\n"])
def test_numbers_and_leading_punctuation_are_not_names(bad):
    """Digits alone, or a name starting with '-' or '.', stay syntax errors."""
    with pytest.raises(bm.RulesSyntaxError):
        bm.Model.from_text(bad)


# ---------------------------------------------------------------- export header


def test_exported_bnet_has_the_boolnet_header(tmp_path):
    """Export writes `targets, factors` before the rules (BoolNet in R needs it); the file
    reads back to the same model in boolmtor, AEON and pyboolnet."""
    model = bm.Model.from_text("A, !B\nB, A | C\nC, C\n")
    path = bm.write(model, tmp_path / "out.bnet")[0]
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith("#")]
    assert lines[0] == "targets, factors"
    assert bm.load_model(path) == model
    text = path.read_text()
    assert set(ba.BooleanNetwork.from_bnet(text).variable_names()) == {"A", "B", "C"}
    assert set(bnet2primes(text)) == {"A", "B", "C"}


# ---------------------------------------------------------------- SBML-qual of other tools


SOURCES = Path(__file__).parent / "data" / "bbm" / "sources"


def read_quietly(path) -> bm.Model:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bm.ModelWarning)
        return bm.load_model(path)


@pytest.mark.parametrize("file", ["109-ginsim.sbml", "029-cellcollective.sbml",
                                  "131-casq.sbml"])
def test_sbml_of_ginsim_cellcollective_and_casq_loads_as_aeon_reads_it(file):
    """Original GINsim, CellCollective and CaSQ exports load; nodes and fixed points equal
    those of AEON's own SBML reader on the same file."""
    model = read_quietly(SOURCES / file)
    # the files' declared signs are not AEON's business here (CaSQ's contradict its rules)
    network = ba.BooleanNetwork.from_sbml((SOURCES / file).read_text()) \
        .remove_regulation_constraints()
    assert set(model.nodes) == set(network.variable_names())
    aeon = {tuple(sorted((k, int(v)) for k, v in s.to_named_dict().items()))
            for s in ba.FixedPoints.symbolic_vertices(ba.AsynchronousGraph(network))}
    ours = {tuple(sorted(a.fixed.items())) for a in bm.attractors(model, update="fixed-points")}
    assert ours == aeon


def test_multivalued_sbml_keeps_a_clear_error():
    """A multi-valued species is refused with one line naming the file, species and level."""
    with pytest.raises(bm.RulesSyntaxError, match=r"species '\w+' has maxLevel [2-9]; only "
                                                   "Boolean") as info:
        bm.load_model(SOURCES / "172-multivalued.sbml")
    assert str(info.value).startswith(str(SOURCES / "172-multivalued.sbml"))


def test_sbml_written_by_aeon_loads_with_a_warning(tmp_path):
    """AEON's SBML (no qual:compartment, free inputs as empty transitions) loads with a
    ModelWarning naming the ignored problem, and is the network of the .bnet it came from."""
    text = "A, !B & C\nB, A | B\nD, A & !C\n"  # C: a free input
    path = tmp_path / "aeon.sbml"
    path.write_text(ba.BooleanNetwork.from_bnet(text, repair_graph=True).to_sbml())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = bm.load_model(path)
    messages = [str(w.message) for w in caught if issubclass(w.category, bm.ModelWarning)]
    assert any("do not change the model" in m and "compartment" in m for m in messages)
    assert model == loaded(text)[0]


def test_sbml_export_keeps_names_and_references(tmp_path):
    """Written SBML is valid (libsbml finds no error), species ids are SBML identifiers with the
    names as written in qual:name, the `# ref:` lines are notes with MIRIAM annotations of their
    DOI and PubMed id; reading the file back gives the same model, names and references."""
    import libsbml

    ref = "Smith 2020 Nature, doi:10.1038/nature12345 (PMID:31234567)"
    model = bm.Model.from_text(f"# ref: {ref}\nIL-6, !Bcl.2 & 4EBP1\nBcl.2, IL-6 | X\n"
                               "4EBP1, 4EBP1\nX, X\n")
    path = bm.write(model, tmp_path / "m.sbml")[0]
    doc = libsbml.readSBMLFromFile(str(path))
    doc.checkConsistency()
    errors = [doc.getError(i) for i in range(doc.getNumErrors())
              if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    assert not errors, [e.getMessage() for e in errors]
    qual = doc.getModel().getPlugin("qual")
    species = {qual.getQualitativeSpecies(i).getName(): qual.getQualitativeSpecies(i).getId()
               for i in range(qual.getNumQualitativeSpecies())}
    assert species == {"IL-6": "IL_6", "Bcl.2": "Bcl_2", "4EBP1": "_4EBP1", "X": "X"}
    tr = qual.getTransition("tr_IL_6")
    assert ref in tr.getNotesString()
    resources = {tr.getCVTerm(0).getResourceURI(i)
                 for i in range(tr.getCVTerm(0).getNumResources())}
    assert resources == {"https://identifiers.org/doi:10.1038/nature12345",
                         "https://identifiers.org/pubmed:31234567"}
    assert tr.getCVTerm(0).getBiologicalQualifierType() == libsbml.BQB_IS_DESCRIBED_BY
    back = bm.load_model(path)
    assert back == model and back.nodes == model.nodes
    assert back.origins["IL-6"].refs == (ref,)
