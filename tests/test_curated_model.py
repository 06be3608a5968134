"""The curated model in rules/mtor/: citations, contract names, lint and validate.

Quotes are checked against `rules/mtor/seed_quotes.json`, the record of every (seed, quote)
pair verified against the seed texts (see tests/seed_quotes.py for why the seeds are not in the
repository); where the seed texts are on this machine they are checked again, verbatim.
"""

from __future__ import annotations

import re

import pytest

import boolmtor as bm
from boolmtor.cli import main as cli
from seed_quotes import (RECORD, SEED_FILES, citations, is_literature, literature_ref,
                         load_record, missing_quotes, normalise, parse_ref, seed_pairs, seeds_dir,
                         sha256)

CONTRACT_NODES = (
    "GF AA ENERGY_STRESS HYPOXIA "
    "RTK IRS1 PI3K PIP3 PTEN PDK1 AKT MTORC2 TSC RHEB RAG AMPK REDD1 PRAS40 MTORC1 S6K "
    "EIF4EBP1 EIF4E RAS RAF MEK ERK RSK FOXO BAD BCL2 CCND1 ULK1 "
    "PROLIFERATION APOPTOSIS AUTOPHAGY GROWTH").split()
CONTRACT_BACKGROUNDS = ("PTEN_loss", "PIK3CA_mut", "AKT_active", "TSC_loss", "BCL2_OE",
                        "CCND1_OE", "KRAS_mut", "MTOR_FRB_mut", "EIF4E_OE", "EIF4EBP1_loss",
                        "MCL1_OE")
CONTRACT_DRUGS = ("rapamycin", "everolimus", "temsirolimus", "ridaforolimus", "torin1",
                  "AZD8055", "INK128", "NVP-BEZ235", "XL765", "MK-2206", "capivasertib",
                  "alpelisib", "PD0325901", "SL327", "trametinib", "selumetinib", "lapatinib",
                  "linsitinib", "venetoclax", "S63845", "metformin")
DRUG_CLASSES = {"rapalog", "torkinib", "dual_pi3k_mtor", "akt_inhibitor", "mek_inhibitor",
                "pi3k_inhibitor", "ampk_activator", "rtk_inhibitor", "bh3_mimetic"}


@pytest.fixture(scope="module")
def model() -> bm.Model:
    return bm.load_model()


def _cited(ref: str) -> bool:
    """A seed reference (`<seed file> "<quote>"`) or a primary-literature one (with a year)."""
    return parse_ref(ref) is not None or is_literature(ref)


# ---------------------------------------------------------------------------- citations
def test_every_rule_cites_its_source(model):
    """Every rule of rules/mtor has at least one well-formed `# ref:` (level nodes share the
    evidence above their base node)."""
    base = {x: b for b, ls in model.levels.items() for x in ls}
    bare = [n for n in model.nodes
            if not any(_cited(r) for r in model.origins[base.get(n, n)].refs)]
    assert not bare, f"rules without a '# ref: <source> \"quote\"' line: {bare}"


def test_every_ref_is_well_formed(model):
    """Each ref reads `<seed file> "<quote>"` or `<authors> <year> <journal>... "<quote>"`."""
    bad = [(where, ref) for where, ref in citations(model) if not _cited(ref)]
    assert not bad


def test_literature_refs_name_year_and_quote():
    """A literature ref needs a year and a quote; a seed-like ref with an unknown file is not
    a seed ref."""
    assert literature_ref('Kim J et al. 2011 Nat Cell Biol, doi:10.1038/ncb2152 "AMPK and"')
    assert literature_ref('Kim J et al. Nat Cell Biol "no year"') is None
    assert literature_ref('Kim J et al. 2011 Nat Cell Biol') is None
    assert parse_ref('999_unknown.txt "quote"') is None


def test_most_rules_cite_a_seed(model):
    """The seeds stay the backbone: most rules quote one of them."""
    nodes = [n for n in model.nodes if n not in model.higher_levels]
    seeded = [n for n in nodes if any(parse_ref(r) for r in model.origins[n].refs)]
    assert len(seeded) >= 0.6 * len(nodes)


def test_literature_refs_need_a_year_and_an_identifier():
    """Without a quote, a literature ref needs a DOI or PMID; a seed quote is not literature."""
    assert is_literature("Slamon DJ et al. 1987 Science 235:177-182, PMID:3798106")
    assert is_literature("Barretina J et al. 2012 Nature 483:603-607, doi:10.1038/nature11003")
    assert not is_literature("Slamon DJ et al. 1987 Science")
    assert not is_literature('002_97e0c012a3367058.txt "quote 2012 doi:10.1/x"')


def test_drugs_backgrounds_environments_have_refs(model):
    """Every drug, genetic background and environment cites its source."""
    for group in (model.drugs, model.backgrounds, model.environments):
        missing = [name for name, item in group.items() if not _cited(item.ref)]
        assert not missing


def test_expectations_at_least_60_each_cited(model):
    """The manifest holds >= 60 literature expectations, each citing its source."""
    assert len(model.expectations) >= 60
    assert all(_cited(x.ref) for x in model.expectations)


def test_quotes_match_the_verified_record(model):
    """Every cited (seed, quote) pair is in rules/mtor/seed_quotes.json, and nothing else."""
    cited = seed_pairs(model)
    recorded = {(q["file"], q["quote"]) for q in load_record()["quotes"]}
    hint = "rerun `python tests/seed_quotes.py` with the seed texts present"
    assert not cited - recorded, f"quotes not verified yet ({hint}): {sorted(cited - recorded)}"
    assert not recorded - cited, f"stale quotes in {RECORD.name} ({hint})"


def test_record_names_the_five_seeds():
    """The record holds a sha256 for each of the five seed files."""
    seeds = load_record()["seeds"]
    assert sorted(seeds) == sorted(SEED_FILES)
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in seeds.values())


@pytest.mark.skipif(seeds_dir() is None, reason="seed texts not on this machine "
                                                "(set BOOLMTOR_SEEDS)")
def test_quotes_verbatim_in_seed_texts(model):
    """Each quote appears verbatim in its seed (whitespace, line breaks, hyphens ignored)."""
    folder = seeds_dir()
    assert {f: sha256(folder / f) for f in SEED_FILES} == load_record()["seeds"]
    assert missing_quotes(sorted(seed_pairs(model)), folder) == []


def test_normalise_ignores_layout_and_hyphenation():
    """A quote still matches across a line break, a line-end hyphenation or double spaces."""
    seed = normalise("activating mTOR in PI3K inde-\npendent  pathways")
    assert normalise("activating mTOR in PI3K independent pathways") in seed
    assert normalise("activating mTOR in PI3K dependent") not in seed


# ---------------------------------------------------------------------------- contract
def test_contract_node_names(model):
    """The node names of the DESIGN contract are all present; inputs and readouts as named."""
    assert set(CONTRACT_NODES) <= set(model.nodes)
    assert {"GF", "AA", "ENERGY_STRESS", "HYPOXIA"} <= set(model.inputs)
    assert set(model.readouts) == {"PROLIFERATION", "APOPTOSIS", "AUTOPHAGY", "GROWTH"}


def test_contract_drugs_backgrounds_environments(model):
    """Named drugs (aliases allowed), drug classes, backgrounds and environments exist."""
    for name in CONTRACT_DRUGS:
        model.drug(name)
    assert {d.drug_class for d in model.drugs.values()} <= DRUG_CLASSES
    assert set(CONTRACT_BACKGROUNDS) <= set(model.backgrounds)
    assert {"growth", "no_growth_factors", "amino_acid_starvation", "energy_stress",
            "hypoxia"} <= set(model.environments)


def test_frb_mutation_blocks_rapalogs_only(model):
    """MTOR_FRB_mut blocks the rapalogs' FRB site, not the ATP site of TORKinibs."""
    blocked = set(model.backgrounds["MTOR_FRB_mut"].blocks_sites)
    assert all(d.site in blocked for d in model.drugs.values() if d.drug_class == "rapalog")
    assert all(d.site not in blocked for d in model.drugs.values()
               if d.drug_class in ("torkinib", "dual_pi3k_mtor"))


# ---------------------------------------------------------------------------- tools
def test_lint_clean(capsys):
    """`boolmtor lint --strict` exits 0: every rule cites a source and every output is observed."""
    assert cli(["lint", "--strict"]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err and " 0 warnings" in captured.out


def test_validate_passes(capsys):
    """`boolmtor validate` exits 0 with no failed expectation."""
    assert cli(["validate"]) == 0
    assert " 0 failed" in capsys.readouterr().out


def test_known_disagreements_give_their_reason(model):
    """No expectation fails; each known disagreement carries its reason."""
    v = bm.validate(model)
    assert v.counts()["fail"] == 0
    assert all(r.expectation.disagreement for r in v.results if r.status == "known")


def test_every_environment_has_attractors(model):
    """Each named environment yields attractors (timings: benchmarks/bench_curated.py)."""
    for env in model.environments:
        atts = bm.attractors(model, environment=env, weights=True)
        assert atts and abs(sum(a.weight for a in atts) - 1) < 1e-9
