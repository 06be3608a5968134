"""SBML-qual (the CoLoMoTo exchange standard of GINsim, CellCollective, BioModels) via libsbml.

Writing: one `qual:qualitativeSpecies` (maxLevel 1) per node and one `qual:transition` per
node whose rule is not its own value, with the rule as MathML (`X == 1` for `X`). Reading
accepts Boolean SBML-qual files as such tools write them; multi-valued species are refused.
Math is walked as a libsbml tree; no text is evaluated.
"""

from __future__ import annotations

import re
import warnings
from typing import TYPE_CHECKING, Any

from .. import expr as E
from ..errors import BoolmtorError, ModelWarning, RulesError, RulesSyntaxError
from ..names import safe_ids
from ..parser import CONSTS, DIGITS, NAME_RE, WORD_OPS, MAX_NESTING, Rule, joined

if TYPE_CHECKING:  # Model.from_sbml builds models from what read_sbml reads: no import cycle
    from ..model import Model

_ID = re.compile(r"[^A-Za-z0-9_]")
_RESERVED = frozenset(WORD_OPS) | frozenset(CONSTS)


def _libsbml():
    try:
        import libsbml
    except ImportError:  # pragma: no cover - a declared dependency
        raise BoolmtorError("SBML-qual needs python-libsbml: pip install python-libsbml") from None
    return libsbml


# ---------------------------------------------------------------------------- writing
def _math(e: E.Expr, lib):
    """The libsbml AST of an expression: `X` becomes `X == 1`."""
    if isinstance(e, E.Var):
        node = lib.ASTNode(lib.AST_RELATIONAL_EQ)
        name = lib.ASTNode(lib.AST_NAME)
        name.setName(e.name)
        one = lib.ASTNode(lib.AST_INTEGER)
        one.setValue(1)
        node.addChild(name)
        node.addChild(one)
        return node
    if isinstance(e, E.Const):
        return lib.ASTNode(lib.AST_CONSTANT_TRUE if e.value else lib.AST_CONSTANT_FALSE)
    kind = (lib.AST_LOGICAL_NOT if isinstance(e, E.Not) else
            lib.AST_LOGICAL_AND if isinstance(e, E.And) else lib.AST_LOGICAL_OR)
    node = lib.ASTNode(kind)
    for arg in ((e.arg,) if isinstance(e, E.Not) else e.args):
        node.addChild(_math(arg, lib))
    return node


_DOI = re.compile(r"doi:\s*(10\.\d{4,9}/[^\s,;]+[^\s,;.)])", re.IGNORECASE)
_PMID = re.compile(r"PMID:\s*(\d+)", re.IGNORECASE)


def _annotate(element, refs: tuple[str, ...], lib) -> None:
    """A rule's `# ref:` lines as SBML notes, and its DOIs and PubMed ids as MIRIAM
    `bqbiol:isDescribedBy` annotations (identifiers.org URIs)."""
    if not refs:
        return
    from xml.sax.saxutils import escape
    paras = "".join(f"<p>{escape(r)}</p>" for r in refs)
    element.setNotes(f'<body xmlns="http://www.w3.org/1999/xhtml">{paras}</body>')
    uris = [f"https://identifiers.org/doi:{d}" for r in refs for d in _DOI.findall(r)]
    uris += [f"https://identifiers.org/pubmed:{p}" for r in refs for p in _PMID.findall(r)]
    if not uris:
        return
    element.setMetaId(f"meta_{element.getId()}")
    term = lib.CVTerm(lib.BIOLOGICAL_QUALIFIER)
    term.setBiologicalQualifierType(lib.BQB_IS_DESCRIBED_BY)
    for uri in dict.fromkeys(uris):
        term.addResource(uri)
    element.addCVTerm(term)


def to_sbml(model: Model) -> str:
    """The model as SBML-qual (Level 3 Version 1, qual Version 1) XML text.

    Species ids are the node names where they are SBML identifiers, else safe ids (`IL-6` ->
    `IL_6`); every species carries the name as written in `qual:name`. Each rule's `# ref:`
    lines become the transition's notes, and their DOIs / PMIDs MIRIAM annotations.
    """
    lib = _libsbml()
    doc = lib.SBMLDocument(lib.SBMLNamespaces(3, 1, "qual", 1))
    doc.setPackageRequired("qual", True)
    m = doc.createModel()
    m.setId(_ID.sub("_", model.name or "model").lstrip("0123456789") or "model")
    if model.manifest.title:
        m.setName(model.manifest.title)
    comp = m.createCompartment()
    comp.setId("cell")
    comp.setConstant(True)
    qual = m.getPlugin("qual")
    ids = safe_ids(model.nodes, reserved={"cell"})
    for node in model.nodes:
        qs = qual.createQualitativeSpecies()
        qs.setId(ids[node])
        qs.setName(node)
        qs.setCompartment("cell")
        qs.setConstant(False)
        qs.setMaxLevel(1)
        if node in model.fixed:
            qs.setInitialLevel(int(model.fixed[node]))
    graph = model.graph
    signs = {1: lib.INPUT_SIGN_POSITIVE, -1: lib.INPUT_SIGN_NEGATIVE, 0: lib.INPUT_SIGN_DUAL}
    for node in model.nodes:
        rule = model.rule(node)
        if rule == E.Var(node):  # an input keeps its value: no transition
            continue
        tr = qual.createTransition()
        tr.setId(f"tr_{ids[node]}")
        origin = model.origins.get(node)
        if origin is not None and node not in model.fixed:
            _annotate(tr, origin.refs, lib)
        for reg in sorted(E.variables(rule)):
            inp = tr.createInput()
            inp.setId(f"tr_{ids[node]}_in_{ids[reg]}")
            inp.setQualitativeSpecies(ids[reg])
            inp.setTransitionEffect(lib.INPUT_TRANSITION_EFFECT_NONE)
            inp.setThresholdLevel(1)
            if graph.has_edge(reg, node):
                inp.setSign(signs[graph.edges[reg, node]["sign"]])
        out = tr.createOutput()
        out.setId(f"tr_{ids[node]}_out")
        out.setQualitativeSpecies(ids[node])
        out.setTransitionEffect(lib.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
        if isinstance(rule, E.Const):
            tr.createDefaultTerm().setResultLevel(int(rule.value))
            continue
        tr.createDefaultTerm().setResultLevel(0)
        term = tr.createFunctionTerm()
        term.setResultLevel(1)
        term.setMath(_math(E.rename(rule, ids), lib))
    return lib.writeSBMLToString(doc)


# ---------------------------------------------------------------------------- reading
HARMLESS = {
    3020303: "compartment",  # qualitativeSpecies without qual:compartment (AEON, CaSQ)
    3020501: "",  # an extra attribute on an input (AEON's `essential`)
    10103: "listOfInputs cannot be empty",  # an empty list of inputs (AEON's free inputs)
}
"""libsbml errors (id -> words their message must hold) that leave the Boolean model as
written: they are reported as a `ModelWarning`, not an error. Problems of the layout and render
packages (drawings, e.g. layouts without ids) are harmless too."""


def _harmless(err) -> bool:
    if err.getPackage() in ("layout", "render"):
        return True
    words = HARMLESS.get(err.getErrorId())
    return words is not None and words in err.getMessage()


class _Reader:
    """Turns one SBML-qual document into rules, with errors naming the file and line."""

    def __init__(self, lib, path: str | None):
        self.lib, self.path = lib, path
        self.species: set[str] = set()
        self.thresholds: dict[str, int] = {}

    def error(self, msg: str, element=None) -> RulesError:
        line = element.getLine() if element is not None and element.getLine() else None
        return RulesSyntaxError(msg, self.path, line)

    def level(self, ast, where) -> int | None:
        lib = self.lib
        if ast.getType() == lib.AST_INTEGER:
            return int(ast.getValue())
        if ast.getType() == lib.AST_REAL and float(ast.getValue()).is_integer():
            return int(ast.getValue())
        if ast.getType() == lib.AST_NAME and ast.getName() in self.thresholds:
            return self.thresholds[ast.getName()]
        return None

    def relation(self, ast, where) -> E.Expr:
        lib = self.lib
        if ast.getNumChildren() != 2:
            raise self.error(f"comparison {lib.formulaToL3String(ast)!r} must have two "
                             "operands", where)
        a, b = ast.getChild(0), ast.getChild(1)
        op = {lib.AST_RELATIONAL_EQ: "==", lib.AST_RELATIONAL_NEQ: "!=",
              lib.AST_RELATIONAL_GEQ: ">=", lib.AST_RELATIONAL_GT: ">",
              lib.AST_RELATIONAL_LEQ: "<=", lib.AST_RELATIONAL_LT: "<"}[ast.getType()]
        if a.getType() != lib.AST_NAME or a.getName() not in self.species:
            a, b = b, a
            op = {"==": "==", "!=": "!=", ">=": "<=", ">": "<", "<=": ">=", "<": ">"}[op]
        k = self.level(b, where)
        if a.getType() != lib.AST_NAME or a.getName() not in self.species or k is None:
            raise self.error(f"unsupported comparison {lib.formulaToL3String(ast)!r}; expected "
                             "a species compared with a level 0 or 1", where)
        var = E.Var(a.getName())
        holds = {v: {"==": v == k, "!=": v != k, ">=": v >= k, ">": v > k, "<=": v <= k,
                     "<": v < k}[op] for v in (0, 1)}
        if holds[0] == holds[1]:
            return E.Const(holds[0])
        return var if holds[1] else E.Not(var)

    def math(self, root, where) -> E.Expr:
        """The expression tree of a MathML formula, walked with an explicit stack (AEON writes
        long rules as deeply nested binary and/or); trees deeper than MAX_NESTING are refused."""
        lib = self.lib
        if root is None:
            raise self.error("function term without math", where)
        relational = (lib.AST_RELATIONAL_EQ, lib.AST_RELATIONAL_NEQ, lib.AST_RELATIONAL_GEQ,
                      lib.AST_RELATIONAL_GT, lib.AST_RELATIONAL_LEQ, lib.AST_RELATIONAL_LT)
        logical = (lib.AST_LOGICAL_NOT, lib.AST_LOGICAL_AND, lib.AST_LOGICAL_OR,
                   lib.AST_LOGICAL_XOR)
        stack: list[tuple[Any, list[tuple[E.Expr, int]]]] = [(root, [])]  # libsbml ASTNodes
        while True:
            ast, done = stack[-1]
            t = ast.getType()
            if t in logical and len(done) < ast.getNumChildren():
                stack.append((ast.getChild(len(done)), []))
                continue
            stack.pop()
            item: tuple[E.Expr, int]
            if t == lib.AST_CONSTANT_TRUE or t == lib.AST_CONSTANT_FALSE:
                item = (E.Const(t == lib.AST_CONSTANT_TRUE), 0)
            elif t in relational:
                item = (self.relation(ast, where), 1)
            elif t == lib.AST_LOGICAL_NOT and len(done) == 1:
                item = (E.Not(done[0][0]), done[0][1] + 1)
            elif t in (lib.AST_LOGICAL_AND, lib.AST_LOGICAL_OR) and done:
                op = E.And if t == lib.AST_LOGICAL_AND else E.Or
                item = (joined(op, [e for e, _ in done]),
                        max(d if isinstance(e, op) or len(done) == 1 else d + 1
                            for e, d in done))
            elif t == lib.AST_LOGICAL_XOR and done:
                out: E.Expr
                out, depth = done[0]
                for b, d in done[1:]:
                    out = E.Or((E.And((out, E.Not(b))), E.And((E.Not(out), b))))
                    depth = max(depth, d) + 3
                item = (out, depth)
            else:
                raise self.error(f"unsupported math {lib.formulaToL3String(ast)!r}; expected "
                                 "and, or, not, xor, true, false or a comparison of a species "
                                 "with 0 or 1", where)
            if item[1] > MAX_NESTING:
                raise self.error(f"math nested deeper than {MAX_NESTING} levels", where)
            if not stack:
                return item[0]
            stack[-1][1].append(item)

    def transition_rules(self, tr) -> list[tuple[str, E.Expr | None]]:
        """(output species, its rule) of a transition; rule None: a free input."""
        self.thresholds = {}
        for i in range(tr.getNumInputs()):
            inp = tr.getInput(i)
            if inp.isSetId() and inp.isSetThresholdLevel():
                self.thresholds[inp.getId()] = inp.getThresholdLevel()
        outs = [tr.getOutput(i).getQualitativeSpecies() for i in range(tr.getNumOutputs())]
        if not outs:
            raise self.error(f"transition {tr.getId()!r} has no output", tr)
        for i, o in enumerate(outs):
            if o not in self.species:
                raise self.error(f"transition {tr.getId()!r} outputs {o!r}, which is not a "
                                 "qualitativeSpecies", tr.getOutput(i))
        default = tr.getDefaultTerm()
        if default is None and tr.getNumFunctionTerms() == 0 and tr.getNumInputs() == 0:
            return [(o, None) for o in outs]  # AEON's free input: no inputs, no terms
        if default is None:
            raise self.error(f"transition {tr.getId()!r} has no defaultTerm", tr)
        base = default.getResultLevel()
        differs = []
        for i in range(tr.getNumFunctionTerms()):
            ft = tr.getFunctionTerm(i)
            level = ft.getResultLevel()
            if level not in (0, 1) or base not in (0, 1):
                raise self.error(f"transition {tr.getId()!r} has result level "
                                 f"{max(level, base)}; only Boolean (0/1) models are "
                                 "supported", ft)
            if level != base:
                differs.append(self.math(ft.getMath(), ft))
        if base not in (0, 1):
            raise self.error(f"transition {tr.getId()!r} has default level {base}; only "
                             "Boolean (0/1) models are supported", default)
        if not differs:
            rule: E.Expr = E.Const(bool(base))
        else:
            any_term = joined(E.Or, differs)
            rule = any_term if base == 0 else E.Not(any_term)
        return [(o, rule) for o in outs]

    def read(self, doc) -> tuple[list[Rule], str]:
        lib = self.lib
        errors = [doc.getError(i) for i in range(doc.getNumErrors())
                  if doc.getError(i).getSeverity() >= lib.LIBSBML_SEV_ERROR
                  and doc.getError(i).getErrorId() != lib.MissingXMLEncoding]
        fatal = [e for e in errors if not _harmless(e)]
        if errors and not fatal:
            first = " ".join(errors[0].getMessage().split())
            kinds = len({e.getErrorId() for e in errors})
            more = f" (and {kinds - 1} more kind{'s' * (kinds > 2)})" if kinds > 1 else ""
            warnings.warn(f"{self.path or '<text>'}: SBML problems that do not change the "
                          f"model, ignored: {first}{more}", ModelWarning, stacklevel=2)
        if fatal:
            err = fatal[0]
            message = " ".join(err.getMessage().split())
            raise RulesSyntaxError(f"invalid SBML: {message}", self.path,
                                   err.getLine() or None, err.getColumn() or None)
        model = doc.getModel()
        qual = model.getPlugin("qual") if model is not None else None
        if qual is None or qual.getNumQualitativeSpecies() == 0:
            raise RulesSyntaxError("not an SBML-qual model: no qual:qualitativeSpecies found",
                                   self.path, 1)
        species = [qual.getQualitativeSpecies(i) for i in range(qual.getNumQualitativeSpecies())]
        self.species = {s.getId() for s in species}
        for s in species:
            if s.getId() in _RESERVED:
                raise self.error(f"species id {s.getId()!r} is a reserved word of the rules "
                                 "syntax and cannot name a node", s)
        for s in species:
            if s.isSetMaxLevel() and s.getMaxLevel() > 1:
                raise self.error(f"species {s.getId()!r} has maxLevel {s.getMaxLevel()}; only "
                                 "Boolean (0/1) models are supported", s)
        found: dict[str, tuple[E.Expr, int, tuple[str, ...]]] = {}
        for i in range(qual.getNumTransitions()):
            tr = qual.getTransition(i)
            for node, rule in self.transition_rules(tr):
                if node in found:
                    raise self.error(f"species {node!r} is the output of two transitions", tr)
                if rule is not None:  # None: a free input
                    found[node] = (rule, tr.getLine(), _notes(tr))
        names = _written_names(species)
        rules = []
        for s in species:
            node = s.getId()
            rule, line, refs = found.get(node, (E.Var(node), s.getLine(), ()))
            if s.getConstant() and node not in found and s.isSetInitialLevel():
                rule = E.Const(bool(s.getInitialLevel()))
            rule = E.rename(rule, names)
            uses = tuple((v, None) for v in sorted(E.variables(rule)))
            rules.append(Rule(names.get(node, node), rule, self.path, line or 1, None, refs,
                              (), uses))
        return rules, model.getId() or ""


def _written_names(species) -> dict[str, str]:
    """id -> node name: each species' `qual:name` where it has one (CellCollective's `S_4` is
    named `Slmb`, CaSQ's `csa7` `BMPR1/2/ACTR2_complex`), as AEON reads them: characters a
    node name cannot hold become '_'. A species keeps its id when it has no name, or when the
    name would be reserved, digits only, or shared with another species."""
    out = {}
    for s in species:
        if not s.isSetName() or not s.getName().strip():
            continue
        name = re.sub(r"[^\w.{}\-]", "_", s.getName().strip())
        if not NAME_RE.match(name):
            name = "_" + name
        if name not in _RESERVED and not DIGITS.match(name):
            out[s.getId()] = name
    ids = {s.getId() for s in species}
    counts: dict[str, int] = {}
    for name in out.values():
        counts[name] = counts.get(name, 0) + 1
    # a name another species also takes (as its name or its kept id) stays the id
    return {sid: name for sid, name in out.items()
            if counts[name] == 1 and (name == sid or name not in ids)}


def _notes(element) -> tuple[str, ...]:
    """The paragraphs of an element's notes (as `to_sbml` writes a rule's references)."""
    from html import unescape
    if not element.isSetNotes():
        return ()
    return tuple(unescape(" ".join(p.split()))
                 for p in re.findall(r"<p>(.*?)</p>", element.getNotesString(), re.S))


def read_sbml(text: str, path: str | None = None) -> tuple[list[Rule], str]:
    """The rules and the model name of SBML-qual XML text; errors name `path` and the line.
    (`Model.from_sbml` builds the model.)"""
    lib = _libsbml()
    doc = lib.readSBMLFromString(text)
    return _Reader(lib, path).read(doc)
