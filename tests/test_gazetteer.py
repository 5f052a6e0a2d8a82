"""The gazetteer data (ontology/gazetteer/*.ttl) and its loader, graphkit.gazetteer."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph

from graphkit.gazetteer import AgencyKind, Entry, Gazetteer, load_gazetteer, normalize
from graphkit.resources import ontology_dir

GAZ_DIR = ontology_dir() / "gazetteer"
TTL_FILES = ("countries.ttl", "international.ttl", "companies.ttl", "agencies.ttl", "agency-kinds.ttl")

# Names deliberately carried by more than one entry of agencies/international/companies.
# (None at present: a name shared by two bodies is left to the extractor's context.)
SHARED_NAMES: set[str] = set()
# Acronyms deliberately carried by more than one entry (case-sensitive).
SHARED_ACRONYMS: set[str] = set()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize("name", TTL_FILES)
def test_turtle_files_parse_with_rdflib(name: str) -> None:
    g = Graph()
    g.parse(GAZ_DIR / name, format="turtle")
    assert len(g) > 100


def test_loads_fast() -> None:
    load_gazetteer.cache_clear()
    start = time.perf_counter()
    gaz = load_gazetteer()
    assert time.perf_counter() - start < 1.0
    assert load_gazetteer() is gaz  # cached


def test_counts(gaz: Gazetteer) -> None:
    by_type: dict[str, int] = defaultdict(int)
    for e in gaz.entries.values():
        by_type[e.type] += 1
    assert by_type["State"] >= 249
    assert by_type["InternationalOrganization"] >= 60
    assert by_type["PrivateOrganization"] >= 40
    assert by_type["Agency"] >= 150
    assert len({e.jurisdiction for e in gaz.entries.values() if e.type == "Agency"}) >= 50
    assert len(gaz.kinds) >= 30


def test_every_iso_code_present_and_unique(gaz: Gazetteer) -> None:
    states = [e for e in gaz.entries.values() if e.type == "State"]
    codes = [e.iso for e in states]
    assert len(codes) == len(set(codes))
    for e in states:
        assert e.iso and len(e.iso) == 2 and e.iso.isupper()
        assert e.key == e.iso
        assert e.iri == f"https://w3id.org/ccg/resource/state/{e.iso}"
        assert e.pref_label and (e.pref_label, "en") in e.names
    # A sample over all continents and the ISO list's awkward names.
    for code in (
        "BY",
        "RU",
        "US",
        "GB",
        "DE",
        "IR",
        "VN",
        "KR",
        "KP",
        "CD",
        "CG",
        "CI",
        "VA",
        "PS",
        "TW",
        "HK",
        "AQ",
        "UM",
        "AX",
        "BQ",
        "SX",
        "ZW",
        "XK",
    ):
        assert gaz.state(code) is not None, code
    assert gaz.state("by").key == "BY"
    assert gaz.state("ru-mvd") is None
    assert gaz.state("ZZ") is None


def test_state_names_and_demonyms(gaz: Gazetteer) -> None:
    by = gaz.state("BY")
    assert ("Weißrussland", "de") in by.names
    assert ("Беларусь", "ru") in by.names
    assert ("belarussisch", "de") in by.demonyms
    assert ("Belarusian", "en") in by.demonyms
    assert ("белорусский", "ru") in by.demonyms
    assert gaz.state("RU").pref_label == "Russia"
    assert {"русский", "российский"} <= {d for d, lang in gaz.state("RU").demonyms if lang == "ru"}
    assert ("Swiss", "en") in gaz.state("CH").demonyms
    assert ("Dutch", "en") in gaz.state("NL").demonyms
    assert ("American", "en") in gaz.state("US").demonyms
    assert "USA" in gaz.state("US").acronyms and "U.S." in gaz.state("US").acronyms
    # Short forms that are also English words are acronyms (case-sensitive), never names.
    assert "us" not in {normalize(n) for n, _ in gaz.state("US").names}
    for name, code in [
        ("I.R. of Iran", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("Great Britain", "GB"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Holland", "NL"),
        ("Viet Nam", "VN"),
        ("Weissrussland", "BY"),
        ("Белоруссия", "BY"),
        ("Biélorussie", "BY"),
        ("UK", "GB"),
        ("United States of America", "US"),
        ("the Netherlands", "NL"),
        ("Türkiye", "TR"),
    ]:
        assert [e.key for e in gaz.find(name)] == [code], name


def test_no_demonym_of_two_states(gaz: Gazetteer) -> None:
    seen: dict[tuple[str, str], str] = {}
    for e in gaz.entries.values():
        for dem, lang in e.demonyms:
            key = (normalize(dem), lang)
            assert seen.setdefault(key, e.key) == e.key, (dem, seen[key], e.key)
        if e.type != "State":
            assert not e.demonyms


def test_find_and_agency_for(gaz: Gazetteer) -> None:
    assert [e.key for e in gaz.find("Russian Interior Ministry")] == ["ru-mvd"]
    assert [e.key for e in gaz.find("the Russian Interior Ministry")] == ["ru-mvd"]
    assert [e.key for e in gaz.find("MVD")] == ["ru-mvd"]
    assert gaz.find("mvd") == []  # acronyms are case-sensitive
    assert [e.key for e in gaz.find("Innenministerium Russlands")] == ["ru-mvd"]
    assert [e.key for e in gaz.find("МВД России")] == ["ru-mvd"]
    assert [e.key for e in gaz.find("Untersuchungsausschuss von Belarus")] == ["by-ic"]
    assert [e.key for e in gaz.find("Investigative Committee of the Republic of Belarus")] == ["by-ic"]
    assert [e.key for e in gaz.find("Следственный комитет Республики Беларусь")] == ["by-ic"]
    assert [e.key for e in gaz.find("EC3")] == ["ec3"]
    assert [e.key for e in gaz.find("European Cybercrime Centre")] == ["ec3"]
    assert [e.key for e in gaz.find("Interpol")] == ["interpol"]
    assert [e.key for e in gaz.find("Интерпол")] == ["interpol"]
    assert [e.key for e in gaz.find("СНГ")] == ["cis"]
    assert [e.key for e in gaz.find("Bundeskriminalamt Österreich")] == ["at-bk"]
    assert [e.key for e in gaz.find("FBI")] == ["us-fbi"]
    assert [e.key for e in gaz.find("Kaspersky Lab")] == ["kaspersky"]
    assert [e.key for e in gaz.find("Group-IB")] == ["group-ib"]
    assert gaz.find("nothing of the kind") == []
    assert gaz.agency_for("interior-ministry", "RU").key == "ru-mvd"
    assert gaz.agency_for("interior-ministry", "ru").key == "ru-mvd"
    assert gaz.agency_for("investigative-committee", "BY").key == "by-ic"
    assert gaz.agency_for("national-police", "TH").key == "th-rtp"
    assert gaz.agency_for("federal-criminal-police-office", "DE").key == "de-bka"
    assert gaz.agency_for("interior-ministry", "AQ") is None


def test_entry_fields(gaz: Gazetteer) -> None:
    mvd = gaz.entries["ru-mvd"]
    assert isinstance(mvd, Entry)
    assert (mvd.type, mvd.jurisdiction, mvd.kind, mvd.iso) == ("Agency", "RU", "interior-ministry", None)
    assert mvd.iri == "https://w3id.org/ccg/resource/agency/ru-mvd"
    assert mvd.pref_label == "Ministry of Internal Affairs of Russia"
    assert "MVD" in mvd.acronyms and all(n != "MVD" for n, _ in mvd.names)
    assert gaz.entries["ec3"].parent == "europol"
    assert gaz.entries["ec3"].type == "InternationalOrganization"
    assert gaz.entries["ec3"].iri == "https://w3id.org/ccg/resource/io/ec3"
    assert gaz.entries["j-cat"].parent == "ec3"
    assert gaz.entries["kaspersky"].type == "PrivateOrganization"
    assert gaz.entries["kaspersky"].iri == "https://w3id.org/ccg/resource/org/kaspersky"
    assert gaz.entries["us-fbi"].parent == "us-doj"
    assert gaz.entries["ua-cyberpolice"].parent == "ua-npu"


def test_kinds(gaz: Gazetteer) -> None:
    kind = gaz.kinds["interior-ministry"]
    assert isinstance(kind, AgencyKind)
    assert kind.label == "Ministry of Internal Affairs"
    assert (kind.label, "en") in kind.names
    names = {n for n, _ in kind.names}
    assert {
        "Ministry of the Interior",
        "Interior Ministry",
        "Innenministerium",
        "МВД",
        "Министерство внутренних дел",
        "ministère de l'Intérieur",
        "Ministerio del Interior",
    } <= names
    assert "Generalstaatsanwaltschaft" in {n for n, _ in gaz.kinds["prosecutor-general"].names}
    assert "Следственный комитет" in {n for n, _ in gaz.kinds["investigative-committee"].names}
    for key in (
        "investigative-committee",
        "prosecutor-general",
        "public-prosecution",
        "justice-ministry",
        "public-security-ministry",
        "state-security",
        "national-police",
        "federal-police",
        "state-police",
        "cyber-police",
        "criminal-police",
        "customs",
        "border-guard",
        "financial-intelligence-unit",
        "security-council",
        "foreign-ministry",
        "defence-ministry",
        "national-guard",
        "central-bank",
        "supreme-court",
        "national-crime-agency",
        "police-headquarters",
    ):
        assert key in gaz.kinds, key
    # No name belongs to two kinds.
    owner: dict[str, str] = {}
    for k in gaz.kinds.values():
        for n, _ in k.names:
            assert owner.setdefault(normalize(n), k.key) == k.key, (n, owner[normalize(n)], k.key)


def test_kind_label(gaz: Gazetteer) -> None:
    assert gaz.kind_label("interior-ministry", "RU") == "Ministry of Internal Affairs of Russia"
    assert gaz.kind_label("investigative-committee", "BY") == "Investigative Committee of Belarus"
    assert gaz.kind_label("national-police", "NL") == "National Police of the Netherlands"
    assert gaz.kind_label("justice-ministry", "US") == "Ministry of Justice of the United States"


def test_one_agency_per_kind_and_state(gaz: Gazetteer) -> None:
    seen: dict[tuple[str, str], str] = {}
    for e in gaz.entries.values():
        if e.kind:
            assert e.type == "Agency"
            assert e.kind in gaz.kinds, (e.key, e.kind)
            pair = (e.kind, e.jurisdiction)
            assert seen.setdefault(pair, e.key) == e.key, (pair, seen[pair], e.key)


def test_agencies_have_known_jurisdiction_and_parents_exist(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        if e.type == "Agency":
            assert e.jurisdiction and gaz.state(e.jurisdiction) is not None, e.key
            assert e.key.startswith(e.jurisdiction.lower() + "-"), e.key
        else:
            assert e.jurisdiction is None
        if e.parent:
            parent = gaz.entries.get(e.parent)
            assert parent is not None, (e.key, e.parent)
            assert parent.type == e.type, (e.key, e.parent)
            assert e.parent != e.key
    # No cycles.
    for e in gaz.entries.values():
        seen, cur = set(), e
        while cur.parent:
            assert cur.key not in seen, e.key
            seen.add(cur.key)
            cur = gaz.entries[cur.parent]


def test_keys_unique_across_files() -> None:
    subjects: dict[str, str] = {}
    for name in TTL_FILES:
        g = Graph()
        g.parse(GAZ_DIR / name, format="turtle")
        for s in set(g.subjects()):
            assert subjects.setdefault(str(s), name) == name, (s, subjects[str(s)], name)


def test_names_unique_across_entries(gaz: Gazetteer) -> None:
    """A name (normalized) or acronym names one entity, unless listed as deliberately shared."""
    names: dict[str, set[str]] = defaultdict(set)
    acronyms: dict[str, set[str]] = defaultdict(set)
    for e in gaz.entries.values():
        for n, _ in e.names:
            names[normalize(n)].add(e.key)
        for a in e.acronyms:
            acronyms[a].add(e.key)
    shared = {n: sorted(keys) for n, keys in names.items() if len(keys) > 1 and n not in SHARED_NAMES}
    assert not shared, shared
    shared = {a: sorted(keys) for a, keys in acronyms.items() if len(keys) > 1 and a not in SHARED_ACRONYMS}
    assert not shared, shared


def test_entry_names_are_not_kind_names(gaz: Gazetteer) -> None:
    """A generic kind name ("Bundeskriminalamt", "Police") never doubles as an entry's name."""
    kind_names = {normalize(n) for k in gaz.kinds.values() for n, _ in k.names}
    clash = {(e.key, n) for e in gaz.entries.values() for n, _ in e.names if normalize(n) in kind_names}
    assert not clash, clash


def test_labels_are_clean(gaz: Gazetteer) -> None:
    for e in gaz.entries.values():
        for n, lang in e.names:
            assert n == n.strip() and n and "  " not in n, (e.key, n)
            assert lang, (e.key, n)
        for a in e.acronyms:
            assert a == a.strip() and a, (e.key, a)


def test_normalize() -> None:
    assert normalize("The Prosecutor-General's Office") == "prosecutor general s office"
    assert normalize("Ministère de l'Intérieur") == "ministere de l interieur"
    assert normalize("  the   Hague ") == "hague"
    assert normalize("Weißrussland") == "weissrussland"
    assert normalize("Соединённые Штаты") == normalize("Соединенные Штаты")


def test_load_from_another_directory(tmp_path: Path) -> None:
    (tmp_path / "x.ttl").write_text(
        """@prefix ccg: <https://w3id.org/ccg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/ccg/resource/state/BY> a ccg:State ; ccg:isoCode "BY" ; skos:prefLabel "Belarus"@en .
<https://w3id.org/ccg/resource/agency/by-ic> a ccg:Agency ; skos:prefLabel "Investigative Committee of Belarus"@en ;
    ccg:jurisdiction <https://w3id.org/ccg/resource/state/BY> ; ccg:acronym "IC" .
""",
        encoding="utf-8",
    )
    gaz = load_gazetteer(tmp_path)
    assert set(gaz.entries) == {"BY", "by-ic"}
    assert gaz.entries["by-ic"].jurisdiction == "BY"
    assert [e.key for e in gaz.find("IC")] == ["by-ic"]
    assert gaz.kind_label("interior-ministry", "BY") == "Interior Ministry of Belarus"
