"""The one table of graphkit's vocabulary: entity types, relation types, their RDF terms and their looks.

Every other module reads the kinds of things and ties in the graph from here: the RDF
mapping (``rdf.py``), the gazetteer, the NetworkX projections and the maps. The terms are
those of ``ontology/ccg.ttl`` and of the graph contract; ``tests/test_ontology.py``
checks that this table and the ontology agree (every term exists, with the declared
domain and range, and the English labels match).

>>> ENTITY["State"].iri
'https://w3id.org/ccg/ontology#State'
>>> RELATION["partOf"].iri
'http://www.w3.org/ns/org#subOrganizationOf'
>>> [r.name for r in RELATIONS if r.symmetric]
['cooperatesWith']
>>> relation_of("http://www.w3.org/ns/org#memberOf").name
'memberOf'
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace

CCG = Namespace("https://w3id.org/ccg/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")


@dataclass(frozen=True)
class EntityType:
    """A core entity class of the graph contract, with how it is named and drawn.

    ``segment`` is its path segment in resource IRIs (``res:state/BY``); ``label`` is the
    ontology's English ``rdfs:label``; ``color`` and ``shape`` (a vis-network node shape)
    are its looks on the maps.
    """

    name: str
    segment: str
    label: str
    color: str
    shape: str

    @property
    def iri(self) -> str:
        """The class IRI (``ccg:`` + name)."""
        return str(CCG[self.name])


@dataclass(frozen=True)
class RelationType:
    """A relation of the graph contract: its property, direction and the entity types it joins.

    ``domain`` and ``range`` are the core types graphkit uses it between: the ontology's
    own for ``ccg:`` properties, the ccg use (scope note) for the two reused from W3C ORG.
    """

    name: str
    iri: str
    label: str
    domain: frozenset[str]
    range: frozenset[str]
    symmetric: bool = False


#: The core entity types, in order of precedence (an entity typed twice is the first).
#: Colours: the colour-blind-friendly Tableau 10 palette.
ENTITIES: tuple[EntityType, ...] = (
    EntityType("Agency", "agency", "Agency", "#4e79a7", "dot"),
    EntityType("InternationalOrganization", "io", "International organization", "#b07aa1", "hexagon"),
    EntityType("PrivateOrganization", "org", "Private organization", "#f28e2b", "square"),
    EntityType("State", "state", "State", "#59a14f", "diamond"),
    EntityType("Person", "person", "Person", "#e15759", "triangle"),
    EntityType("Event", "event", "Event", "#9c755f", "star"),
    EntityType("Agreement", "agreement", "Agreement", "#edc948", "triangleDown"),
)

#: Organizations of any kind: the nodes of the ``agencies`` projection.
ORGANIZATIONS = frozenset({"Agency", "InternationalOrganization", "PrivateOrganization"})
#: Who can act: the actor side of the ``actor-event`` projection.
ACTORS = ORGANIZATIONS | {"State", "Person"}

_PARTIES = ORGANIZATIONS | {"State"}

#: The relations of the graph contract.
RELATIONS: tuple[RelationType, ...] = (
    RelationType("cooperatesWith", str(CCG.cooperatesWith), "cooperates with", _PARTIES, _PARTIES, symmetric=True),
    RelationType("represents", str(CCG.represents), "represents", frozenset({"Person"}), frozenset({"State"})),
    RelationType("memberOf", str(ORG.memberOf), "member of", frozenset({"Person"}), ORGANIZATIONS),
    RelationType(
        "partOf",
        str(ORG.subOrganizationOf),
        "part of",
        frozenset({"Agency", "InternationalOrganization"}),
        frozenset({"Agency", "InternationalOrganization"}),
    ),
    RelationType("jurisdiction", str(CCG.jurisdiction), "jurisdiction", frozenset({"Agency"}), frozenset({"State"})),
    RelationType("organizes", str(CCG.organizes), "organizes", _PARTIES, frozenset({"Event"})),
    RelationType(
        "participatesIn",
        str(CCG.participatesIn),
        "participates in",
        frozenset({"Agency", "InternationalOrganization", "State", "Person"}),
        frozenset({"Event"}),
    ),
    RelationType(
        "partyTo",
        str(CCG.partyTo),
        "party to",
        frozenset({"State", "Agency", "InternationalOrganization"}),
        frozenset({"Agreement"}),
    ),
)

#: Look-ups by name.
ENTITY: dict[str, EntityType] = {e.name: e for e in ENTITIES}
RELATION: dict[str, RelationType] = {r.name: r for r in RELATIONS}

#: Colour of nodes of no core type.
OTHER_COLOR = "#9aa0a6"
#: Shape of nodes of no core type.
OTHER_SHAPE = "dot"

# Views of the table under the names older modules use (kept as aliases, never edited apart).
ENTITY_TYPES: tuple[str, ...] = tuple(ENTITY)
RELATION_TYPES: tuple[str, ...] = tuple(RELATION)
RELATION_PROPERTIES: dict[str, str] = {r.name: r.iri for r in RELATIONS}
SYMMETRIC: frozenset[str] = frozenset(r.name for r in RELATIONS if r.symmetric)
TYPE_SEGMENTS: dict[str, str] = {e.name: e.segment for e in ENTITIES}
TYPE_COLORS: dict[str, str] = {e.name: e.color for e in ENTITIES}
TYPE_SHAPES: dict[str, str] = {e.name: e.shape for e in ENTITIES}
TYPE_LABELS: dict[str, str] = {e.name: e.label for e in ENTITIES}
RELATION_LABELS: dict[str, str] = {r.name: r.label for r in RELATIONS}

_BY_IRI: dict[str, RelationType] = {r.iri: r for r in RELATIONS}
_TYPE_BY_IRI: dict[str, EntityType] = {e.iri: e for e in ENTITIES}


def relation_of(iri: str) -> RelationType | None:
    """The contract relation whose property is ``iri``, or None.

    >>> relation_of("https://w3id.org/ccg/ontology#cooperatesWith").symmetric
    True
    >>> relation_of("http://example.org/other") is None
    True
    """
    return _BY_IRI.get(iri)


def entity_type_of(iri: str) -> EntityType | None:
    """The core entity type whose class is ``iri``, or None.

    >>> entity_type_of("https://w3id.org/ccg/ontology#Agency").segment
    'agency'
    """
    return _TYPE_BY_IRI.get(iri)
