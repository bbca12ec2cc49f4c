"""The output contract: every type that crosses a stage boundary or reaches a user.

The field names fixed by schema_version "1" (article.id, events[].type, date.start, location.lat,
perpetrators[].name, killed.min, claim.status, ...) are read by evaluation tools; change them only
with a new schema version. Unknown is null; an explicit "no one was hurt" is a count of 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Literal["1"] = "1"

EventType = Literal[
    "armed_assault",
    "bombing",
    "assassination",
    "kidnapping",
    "hostage_taking",
    "arson",
    "facility_attack",
    "hijacking",
    "unarmed_assault",
    "other",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

# How an attack was carried out; an event may have several (a suicide car bomb is
# suicide + vehicle_bomb). Kept apart from the GTD-style type, as analysts code it.
Method = Literal[
    "ambush",
    "shooting",
    "ied",
    "vehicle_bomb",
    "suicide",
    "grenade",
    "landmine",
    "shelling",
    "rocket",
    "air_strike",
    "drone_strike",
    "stabbing",
    "beating",
    "arson",
    "sabotage",
    "raid",
    "massacre",
    "execution",
    "beheading",
    "hostage",
    "abduction",
    "hijacking",
    "robbery",
    "clash",
    "other",
]

Count = Annotated[int, Field(ge=0)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Confidence = Annotated[float, Field(ge=0, le=1)]

DatePrecision = Literal["day", "week", "month", "year", "unknown"]
PublishedSource = Literal["metadata", "cli", "dateline", "filename", "estimate", "none"]
# exact place, near a place, on a route between two places, a unit, a country, a curated region
GeoPrecision = Literal["exact", "near", "route", "admin2", "admin1", "country", "region", "unknown"]
Attribution = Literal["claimed", "accused", "suspected", "reported", "implied"]
ClaimStatus = Literal["claimed", "denied", "unclaimed", "not_mentioned"]
ClaimChannel = Literal[
    "statement",
    "video",
    "news_agency",
    "social_media",
    "website",
    "note",
    "phone_call",
    "radio",
    "press",
    "other",
]
ActorKind = Literal[
    "armed_group",
    "state_forces",
    "police",
    "militia",
    "criminal_group",
    "unknown_armed",
    "civilians",
    "officials",
    "politicians",
    "journalists",
    "aid_workers",
    "religious",
    "business",
    "diplomats",
    "foreigners",
    "infrastructure",
    "property",
    "other",
]
CountQualifier = Literal["exact", "at_least", "more_than", "about", "up_to", "fewer_than", "range"]


class Model(BaseModel):
    """Base of every schema type: strict about unknown keys, so typos fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    """Where a value came from: character offsets into the article text and the quoted text."""

    start: Count
    end: Count
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Article(Model):
    """An input document as the reader hands it to the pipeline."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: PublishedSource = "none"
    source: str | None = None
    warnings: list[str] = Field(default_factory=list)


class ArticleInfo(Model):
    """The article a record was extracted from."""

    id: str
    published: dt.date | None = None
    published_source: PublishedSource = "none"
    published_evidence: Span | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="File path, 'stdin', or 'path:line'.")
    language: str | None = None
    all_caps: bool = False
    chars: Count = 0


class EventDate(Model):
    """When an event happened, as an interval [start, end] with a precision.

    A date with no evidence near the incident is a wide interval ending at the publication date
    with precision "unknown", never a confident guess.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = "unknown"
    text: str | None = None
    evidence: Span | None = None
    resolved_against: Literal["publication", "event", "explicit", "none"] = "none"
    anchor: dt.date | None = Field(
        default=None, description="The date a relative expression was resolved against."
    )
    on_or_before: bool = Field(default=False, description="The event happened no later than end.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date end {self.end} is before its start {self.start}")
        return self


class Location(Model):
    """Where an event happened, resolved against the gazetteer when possible."""

    name: str | None = None
    admin2: str | None = None
    admin1: str | None = None
    country: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    lat: Latitude | None = None
    lon: Longitude | None = None
    geonames_id: int | None = None
    feature: str | None = Field(
        default=None, description="Kind of gazetteer entry: city, admin1, region, ..."
    )
    precision: GeoPrecision = "unknown"
    text: str | None = Field(default=None, description="The place as written.")
    evidence: Span | None = None
    source: Literal["text", "dateline", "article"] = "text"

    @model_validator(mode="after")
    def _both_coordinates(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must both be set or both be null")
        return self


class Actor(Model):
    """A party to an event: who attacked or who was attacked."""

    name: str = Field(
        description="Canonical name when the actor is known, else the normalised text."
    )
    text: str = Field(description="The actor as written.")
    kind: ActorKind = "other"
    actor_id: str | None = Field(default=None, description="Id in the actor gazetteer.")
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    evidence: Span | None = None
    confidence: Confidence = 0.5


class Perpetrator(Actor):
    """Who carried out the attack; name is empty-free, "unknown" attackers keep their text."""

    attribution: Attribution = "reported"


class Target(Actor):
    """Who or what was attacked."""


class Casualties(Model):
    """A count of people as [min, max]: min == max is exact, max null is open-ended."""

    min: Count
    max: Count | None = None
    qualifier: CountQualifier = "exact"
    text: str | None = None
    evidence: Span | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"count max {self.max} is below its min {self.min}")
        return self


class Claim(Model):
    """Whether and by whom an attack was claimed."""

    status: ClaimStatus
    by: list[str] = Field(default_factory=list)
    date: dt.date | None = None
    channel: ClaimChannel | None = None
    text: str | None = None
    evidence: Span | None = None


class Aggregate(Model):
    """A total over a period or over many attacks: never the toll of one incident."""

    kind: Literal["killed", "wounded", "kidnapped", "attacks"]
    count: Casualties
    period: str | None = Field(
        default=None, description="The period as written, e.g. 'since March 2019'."
    )
    since: dt.date | None = Field(
        default=None, description="The first day of the period, when the text says or implies it."
    )
    until: dt.date | None = Field(
        default=None, description="The last day of the period; an open period ends on publication."
    )
    source: str | None = Field(default=None, description="Who made the count, when the text says.")
    evidence: Span


class Event(Model):
    """One attack, with every field's evidence."""

    id: str
    type: EventType
    methods: list[Method] = Field(default_factory=list)
    status: Literal["accomplished", "attempted", "foiled"] = "accomplished"
    date: EventDate = Field(default_factory=EventDate)
    location: Location | None = None
    perpetrators: list[Perpetrator] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    killed: Casualties | None = None
    wounded: Casualties | None = None
    kidnapped: Casualties | None = None
    perpetrators_killed: Casualties | None = Field(
        default=None,
        description="Attackers who died (suicide bombers, gunmen shot dead), kept apart.",
    )
    claim: Claim | None = None
    confidence: Confidence = 0.5
    triggers: list[Span] = Field(
        default_factory=list, description="The words that name the attack."
    )
    evidence: list[Span] = Field(
        default_factory=list, description="The sentences the event was read from."
    )
    warnings: list[str] = Field(default_factory=list)


class Extraction(Model):
    """Everything extracted from one article: the record the CLI writes per line."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    extractor_version: str
    scope: str = "default"
    model: str = Field(description="The spaCy pipeline used, as name==version.")
    data_versions: dict[str, str] = Field(default_factory=dict)
    article: ArticleInfo
    events: list[Event] = Field(default_factory=list)
    aggregates: list[Aggregate] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class ErrorRecord(Model):
    """A document that could not be processed, written to the errors file."""

    source: str
    line: int | None = None
    id: str | None = None
    kind: Literal[
        "empty",
        "binary",
        "encoding",
        "too_large",
        "language",
        "malformed",
        "unreadable",
        "internal",
    ]
    message: str
