"""The hand-made multilingual check set is well formed: every gold file points at an article
of the corpus, its ids are unique, its relations join declared entities with the contract's
relation names. No network, no extraction."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

# checkset was read while tuning; checkset2 and checkset3 were written later, before reading the extractor
CHECKSETS = [Path(__file__).parent / "data" / name for name in ("checkset", "checkset2", "checkset3")]
GOLD = [p for d in CHECKSETS for p in sorted((d / "gold").glob("*.json"))]

# ../shared/spec/graph-contract.md, "Relations"
RELATIONS = {"cooperatesWith", "represents", "memberOf", "partOf", "jurisdiction", "organizes", "participatesIn", "partyTo"}
TYPES = {"Agency", "InternationalOrganization", "PrivateOrganization", "State", "Person", "Event", "Agreement"}
LANGS = {"en", "de", "fr", "es", "ru", "pt"}


def _norm(text: str) -> str:
    # the scorer's normalization (case, accents, punctuation, a leading "the")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’'`´]s\b", "s", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _corpus(gold_path: Path) -> Path:
    return gold_path.parent.parent / "corpus"


def _gold_id(p: Path) -> str:
    return f"{p.parent.parent.name}/{p.stem}"


@pytest.mark.parametrize("checkset", CHECKSETS, ids=lambda d: d.name)
def test_the_check_set_covers_every_language(checkset):
    gold = sorted((checkset / "gold").glob("*.json"))
    assert len(gold) >= 12
    langs = [_load(p)["lang"] for p in gold]
    for lang in LANGS:
        assert langs.count(lang) >= 2, lang


@pytest.mark.parametrize("checkset", CHECKSETS, ids=lambda d: d.name)
def test_every_article_has_a_gold_file(checkset):
    corpus = checkset / "corpus"
    docs = {_load(p)["doc"] for p in (checkset / "gold").glob("*.json")}
    articles = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
    assert articles == docs


@pytest.mark.parametrize("path", GOLD, ids=_gold_id)
def test_gold_file_is_well_formed(path):
    gold = _load(path)
    assert set(gold) == {"doc", "lang", "entities", "relations"}
    assert (_corpus(path) / gold["doc"]).is_file(), gold["doc"]
    assert gold["lang"] in LANGS
    assert path.stem.split("-")[0] == gold["lang"], "gold files are named <lang>-NN"

    ids = [e["id"] for e in gold["entities"]]
    assert len(ids) == len(set(ids)), "entity ids must be unique"
    types = {}
    for e in gold["entities"]:
        assert set(e) <= {"id", "type", "names", "optional"}, e["id"]
        assert e["names"] and all(isinstance(n, str) and n.strip() for n in e["names"]), e["id"]
        assert set(e["type"].split("|")) <= TYPES, e["type"]
        assert e.get("optional", False) in (True, False)
        types[e["id"]] = set(e["type"].split("|"))
        if "State" in types[e["id"]]:
            assert re.fullmatch(r"[A-Z]{2}", e["id"]), "States are identified by their ISO code"

    for rel in gold["relations"]:
        assert len(rel) == 3 or (len(rel) == 4 and rel[3] == "optional"), rel
        subj, name, obj = rel[:3]
        assert name in RELATIONS, rel
        for end in (subj, obj):
            for alt in end.split("|"):
                assert alt in types, f"{rel}: {alt!r} is not a declared entity"
        if name in {"jurisdiction", "represents"}:
            assert all("State" in types[o] for o in obj.split("|")), f"{rel}: {name} points at a State"

    keys = [(r[0], r[1], r[2]) for r in gold["relations"]]
    assert len(keys) == len(set(keys)), "a relation is listed twice"


@pytest.mark.parametrize("path", GOLD, ids=_gold_id)
def test_no_name_stands_for_two_entities(path):
    gold = _load(path)
    owner: dict[str, str] = {}
    for e in gold["entities"]:
        for n in {_norm(n) for n in e["names"]}:
            assert owner.setdefault(n, e["id"]) == e["id"], f"{n!r}: {owner[n]} and {e['id']}"
