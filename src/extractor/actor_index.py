"""The actor gazetteer: armed groups, the generic nouns that name actors, and demonyms.

Data, all edited by hand and validated row by row on load (a bad row is a ResourceError that
names the file and line):

- gazetteers/actors.jsonl: one armed group (or named force) per line, with its aliases (matched
  whatever the case) and acronyms (matched case-sensitively in mixed-case text, because "IS",
  "FAR" or "LET" are also words);
- gazetteers/actor_nouns.jsonl: "gunmen", "soldiers", "villagers", "police station"..., with the
  role they tend to play and the actor kind they name;
- gazetteers/demonyms.jsonl: country names, adjectives and peoples ("Syrian", "Salvadorans",
  "U.S."), so that "Syrian army" is the state forces of SY. Ambiguous forms ("Congolese") list
  every country; stateless ones ("Kurdish") none.

The index is built once per process (load_actor_index); matching an 800-word article takes a
few milliseconds.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import resources
from .errors import ResourceError
from .schema import ActorKind
from .text import Match, NameMatcher, Word, fold, words

ACTORS_FILE = "gazetteers/actors.jsonl"
NOUNS_FILE = "gazetteers/actor_nouns.jsonl"
DEMONYMS_FILE = "gazetteers/demonyms.jsonl"

GroupKind = Literal["armed_group", "state_forces", "police", "militia", "criminal_group", "other"]
NounRole = Literal["perpetrator", "target", "either"]
DemonymType = Literal["country", "adjective", "people", "abbreviation", "region", "ethnic"]
Row = tuple[int, Mapping[str, Any]]  # (line number, JSON object)

# English words (and a first name) that are acronyms, or words of multi-word acronyms, in
# actors.jsonl. In capitals such an acronym names the group only with a cue ("(FAR)", "[IS]",
# "THE"/"BY" before it) and the group named otherwise in the text. tests/test_actor_index.py
# checks that every acronym with an English Zipf frequency >= 3.0 (wordfreq) is either here or
# reviewed there as not an ordinary word (CIA, IRA, ...).
CAPS_WORDS = frozenset(
    {"is", "had", "let", "far", "fact", "tip", "jan", "cam", "bra", "bras", "gal", "elf", "hum"}
    | {"cobra", "mend", "ism", "group", "army", "white", "ana"}
)
_CUE_BEFORE = frozenset({"the", "by"})
_WEAPON_WORDS = frozenset(
    {"rifle", "rifles", "mine", "mines", "grenade", "grenades", "launcher", "launchers"}
    | {"missile", "missiles", "carbine", "carbines", "round", "rounds"}
)
_FUNCTION_WORDS = frozenset(
    {"the", "of", "and", "for", "de", "la", "del", "el", "los", "les", "du"}
)

_Name = Annotated[str, Field(min_length=1, pattern=r"^\S(.*\S)?$")]
_Code = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
_SQUASH = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"(?<=[^\W_])['\u2019\u02bc][sS](?![^\W_])")
_BRACKETS = str.maketrans("()[]", "    ")


@functools.lru_cache(maxsize=1 << 14)
def _key(name: str) -> str:
    """A name's matching key: its words as text.words reads them, folded and with a possessive
    's left out, so that "People's Protection Units" matches the text it names. (The same as
    " ".join(w.key for w in words(name)), which the tests check, at a third of the cost.)"""
    name = _POSSESSIVE.sub("", name)
    if name.isascii():
        return " ".join(_SQUASH.sub(" ", name.lower().replace("'", "").replace("`", "")).split())
    return fold(name)


def _squash(text: str) -> str:
    """Letters and digits only, case kept: "U.S." -> "US", "IS-K" -> "ISK"."""
    return _SQUASH.sub("", text)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_E = TypeVar("_E", bound=_Entry)
T = TypeVar("T")


class GroupEntry(_Entry):
    """An armed group or named force of the actor gazetteer."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    name: _Name
    kind: GroupKind
    aliases: tuple[_Name, ...] = ()
    acronyms: tuple[Annotated[str, Field(pattern=r"^\S*[A-Z]\S*( \S+)*$")], ...] = ()
    countries: tuple[_Code, ...] = ()
    parent: str | None = None
    active: tuple[Annotated[int, Field(ge=1800)], Annotated[int, Field(ge=1800)] | None]
    notes: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        first, last = self.active
        if first > dt.date.today().year or (last is not None and last < first):
            raise ValueError(f"active {list(self.active)} is not a [first, last or null] range")
        if len(set(self.countries)) != len(self.countries):
            raise ValueError("a country is listed twice")
        if self.parent == self.id:
            raise ValueError("a group cannot be its own parent")
        return self


class NounEntry(_Entry):
    """A generic noun that names an actor ("gunman", "security forces", "church")."""

    noun: _Name
    plural: _Name | None = None
    plural_only: bool = False
    role: NounRole
    kind: ActorKind
    context_only: bool = Field(
        default=False, description="Names an attacker only when the sentence makes it the agent."
    )
    notes: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _regular_plural(cls, data: Any) -> Any:
        if isinstance(data, dict) and "plural" not in data and not data.get("plural_only"):
            noun = data.get("noun")
            if isinstance(noun, str) and noun.strip():
                return {**data, "plural": regular_plural(noun)}
        return data

    @model_validator(mode="after")
    def _one_number(self) -> Self:
        if self.plural_only and self.plural is not None:
            raise ValueError("a plural-only noun has no separate plural")
        return self

    def is_plural(self, key: str) -> bool:
        """Whether a matched (folded) form is the plural."""
        return self.plural_only or (self.plural is not None and key == _key(self.plural))


class DemonymEntry(_Entry):
    """A country name, adjective, people or abbreviation, with the countries it points to."""

    form: _Name
    countries: tuple[_Code, ...]
    type: DemonymType
    note: str | None = None

    @property
    def country(self) -> str | None:
        """The country code when the form names exactly one country."""
        return self.countries[0] if len(self.countries) == 1 else None


@dataclass(frozen=True, slots=True)
class NounHit:
    """A generic actor noun found in text, with the demonym before it when there is one."""

    entry: NounEntry
    plural: bool
    demonym: DemonymEntry | None = None

    @property
    def country(self) -> str | None:
        """The country of "Syrian army" (SY); None for "Kurdish fighters" or "soldiers"."""
        return self.demonym.country if self.demonym else None


@dataclass(frozen=True, slots=True)
class _Key:
    """What a folded key of the group matcher stands for: an alias, or acronyms by case."""

    group: GroupEntry | None
    acronyms: tuple[tuple[str, GroupEntry], ...] = ()


def regular_plural(noun: str) -> str:
    """The regular English plural of a noun phrase: its head word takes the ending.

    "gunman" -> "gunmen", "embassy" -> "embassies", "bus" -> "buses", "member of parliament" ->
    "members of parliament". Irregular plurals are written in actor_nouns.jsonl.
    """
    head, of, tail = noun.partition(" of ")
    if of:
        return regular_plural(head) + of + tail
    stem, space, word = noun.rpartition(" ")
    lower = word.lower()
    if lower.endswith("man") and lower not in {"german", "human", "roman", "shaman"}:
        word = word[:-3] + "men"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        word += "es"
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        word = word[:-1] + "ies"
    else:
        word += "s"
    return stem + space + word


class _KeyedMatcher(NameMatcher[T]):
    """A NameMatcher over names given as their keys already (_key), so that building the index
    does not fold ~8,000 names a second time (the payload of a key given twice is the last)."""

    def __init__(self, items: Iterable[tuple[str, T]]) -> None:
        super().__init__(())
        for key, value in items:
            parts = tuple(key.split())
            if not parts:
                continue
            self._table[parts] = value
            self._longest[parts[0]] = max(len(parts), self._longest.get(parts[0], 0))


class ActorIndex:
    """Groups, nouns and demonyms, indexed once for lookup and matching in raw text."""

    def __init__(
        self,
        groups: Iterable[GroupEntry],
        nouns: Iterable[NounEntry],
        demonyms: Iterable[DemonymEntry],
    ) -> None:
        self.groups: dict[str, GroupEntry] = {entry.id: entry for entry in groups}
        self.nouns: tuple[NounEntry, ...] = tuple(nouns)
        self.demonyms: tuple[DemonymEntry, ...] = tuple(demonyms)
        names: dict[str, _Key] = {}
        shared: dict[str, list[tuple[str, GroupEntry]]] = {}
        for entry in self.groups.values():
            acronym_keys = {_key(acronym) for acronym in entry.acronyms}
            for alias in (entry.name, *entry.aliases):
                if _key(alias) not in acronym_keys:  # a name like "ETA" is matched as its acronym
                    names[_key(alias)] = _Key(entry)
            for acronym in entry.acronyms:
                shared.setdefault(_key(acronym), []).append((acronym, entry))
        names.update((key, _Key(None, tuple(found))) for key, found in shared.items())
        self._names: dict[str, _Key] = names
        self._group_matcher: NameMatcher[_Key] = _KeyedMatcher(names.items())
        self._noun_matcher: NameMatcher[NounHit] = _KeyedMatcher(
            (_key(form), NounHit(entry, is_plural))
            for entry in self.nouns
            for form, is_plural in ((entry.noun, entry.plural_only), (entry.plural, True))
            if form
        )
        self._demonyms: dict[str, DemonymEntry] = {}
        self._abbreviations: dict[str, DemonymEntry] = {}
        for demonym in self.demonyms:
            if demonym.type == "abbreviation":
                self._abbreviations[_squash(demonym.form)] = demonym
            else:
                self._demonyms[_key(demonym.form)] = demonym
        self._demonym_matcher: NameMatcher[DemonymEntry] = _KeyedMatcher(
            (_key(demonym.form), demonym) for demonym in self.demonyms
        )

    # ------------------------------------------------------------------ lookups
    def group(self, group_id: str) -> GroupEntry:
        """The group with this id; KeyError if there is none."""
        try:
            return self.groups[group_id]
        except KeyError:
            raise KeyError(f"no group {group_id!r} in {ACTORS_FILE}") from None

    def lineage(self, group_id: str) -> tuple[GroupEntry, ...]:
        """The group, then its parent, grandparent...: iswap -> (iswap, islamic_state)."""
        chain = [self.group(group_id)]
        while chain[-1].parent:
            chain.append(self.groups[chain[-1].parent])
        return tuple(chain)

    def canonical(self, name: str) -> GroupEntry | None:
        """The group a name, alias or acronym stands for, whatever its case; None when unknown
        or when an acronym is shared by several groups and the case does not decide."""
        key = _key(name)
        if key.startswith("the ") and key not in self._names:
            key = key[4:]
        found = self._names.get(key)
        if found is None:
            return None
        if found.group is not None:
            return found.group
        exact = {
            entry.id: entry
            for surface, entry in found.acronyms
            if _squash(surface) == _squash(name)
        }
        candidates = exact or {entry.id: entry for _, entry in found.acronyms}
        return next(iter(candidates.values())) if len(candidates) == 1 else None

    def demonym(self, word: str) -> str | None:
        """The country code of a country name, adjective or people ("Syrian" -> "SY",
        "U.S." -> "US"); None when unknown, stateless ("Kurdish") or ambiguous ("Congolese")."""
        entry = self.demonym_entry(word)
        return entry.country if entry else None

    def demonym_entry(self, word: str) -> DemonymEntry | None:
        """The demonym row of a word (abbreviations by exact case: "US", not "us")."""
        return self._abbreviations.get(_squash(word)) or self._demonyms.get(_key(word))

    # ------------------------------------------------------------------ matching
    def find_groups(
        self,
        text: str,
        *,
        all_caps: bool,
        tokens: list[Word] | None = None,
        countries: Collection[str] = (),
        year: int | None = None,
    ) -> list[Match[GroupEntry]]:
        """Every group named in the text, left to right, longest name first.

        Aliases match whatever the case. Acronyms match in their own case in mixed-case text. In
        capitals (the whole document, or a run of capitals such as a headline) an acronym that
        is also a word ("IS", "FAR") needs a cue, brackets or "THE"/"BY" before it, and the
        group named otherwise somewhere in the text. An acronym the text spells out as another
        name ("SOCIALIST INTERNATIONAL [IS]", "IRA [INSTITUTE OF SUPPLY REGULATION]") is not the
        group anywhere in that text. An acronym shared by groups of different countries ("SNA",
        "ADF") goes to the group whose countries the text names (country words, other groups,
        `countries`); with `year`, groups not active then are left out; an acronym the text
        does not decide is left out.
        """
        tokens = words(text) if tokens is None else tokens
        starts = {token.start: index for index, token in enumerate(tokens)}
        # Brackets read as spaces (offsets unchanged), so "Communist Party of India (Maoist)"
        # and "NSCN (IM)" match; no alias spans a bracket otherwise.
        matches = list(self._group_matcher.finditer(text.translate(_BRACKETS), tokens=tokens))
        alias_ends = {m.end: m.value.group for m in matches if m.value.group is not None}
        confirmed = {group.id for group in alias_ends.values()}
        found: list[tuple[Match[_Key], tuple[GroupEntry, ...]]] = []
        acronyms: list[tuple[Match[_Key], tuple[GroupEntry, ...], bool]] = []
        other_sense: set[str] = set()
        spelled: dict[str, set[str]] = {}
        for match in matches:
            if match.value.group is not None:
                found.append((match, (match.value.group,)))
                continue
            index = starts[match.start]
            caps = all_caps or _in_capitals(text, tokens, index, match.end, self._names)
            candidates = tuple(
                entry
                for surface, entry in match.value.acronyms
                if _active(entry, year)
                and ((caps and not _title_case(surface)) or _squash(surface) == _squash(match.text))
            )
            sense = self._spelled_out(text, tokens, index, match, alias_ends, all_caps=all_caps)
            if sense is not None:
                ours = {entry.id for entry in candidates} & sense
                if ours:
                    spelled.setdefault(match.key, set()).update(ours)
                    confirmed.update(ours)
                else:
                    other_sense.add(match.key)
            if candidates and not _names_weapon(text, tokens, index, match.end):
                acronyms.append((match, candidates, caps))
        for key in other_sense & spelled.keys():
            other_sense.discard(key)  # spelled out as ours somewhere: ours everywhere
        acronyms = [
            (match, tuple(e for e in candidates if e.id in spelled[match.key]) or candidates, caps)
            if match.key in spelled
            else (match, candidates, caps)
            for match, candidates, caps in acronyms
        ]
        for match, candidates, caps in acronyms:
            if match.key in other_sense:
                continue
            if len(candidates) == 1 and not (caps and _is_word(match.key)):
                confirmed.add(candidates[0].id)
        for match, candidates, caps in acronyms:
            if match.key in other_sense:
                continue
            if caps and _is_word(match.key):
                index = starts[match.start]
                cue = _bracketed(text, match) or (
                    index > 0 and tokens[index - 1].key in _CUE_BEFORE
                )
                if not cue or not any(entry.id in confirmed for entry in candidates):
                    continue
            found.append((match, candidates))
        found.sort(key=lambda item: item[0].start)
        hints: Counter[str] | None = None
        result: list[Match[GroupEntry]] = []
        for match, candidates in found:
            chosen: GroupEntry | None = candidates[0]
            if len({entry.id for entry in candidates}) > 1:
                if hints is None:
                    hints = self._country_hints(text, tokens, found, countries, all_caps=all_caps)
                chosen = _by_country(candidates, hints)
            if chosen is not None:
                end = match.end
                if text.count("(", match.start, end) > text.count(")", match.start, end):
                    end += text.startswith(")", end)  # "Communist Party of India (Maoist)"
                result.append(Match(match.start, end, text[match.start : end], match.key, chosen))
        return result

    def _spelled_out(
        self,
        text: str,
        tokens: list[Word],
        index: int,
        match: Match[_Key],
        alias_ends: Mapping[int, GroupEntry | None],
        *,
        all_caps: bool,
    ) -> set[str] | None:
        """The groups the text spells an acronym out as, when it does: "ERP [PEOPLE'S
        REVOLUTIONARY ARMY]", "Islamic State (IS)"; an empty set for a name that is none of ours
        ("SOCIALIST INTERNATIONAL [IS]", "COLOMBIAN COMMUNIST PARTY (PCC)"); None when the text
        does not spell it out here."""
        after = text[match.end : match.end + 2].lstrip()
        if after[:1] in ("(", "["):
            opening = text.index(after[0], match.end)
            closing = text.find(")" if after[0] == "(" else "]", opening, opening + 90)
            inside = text[opening + 1 : closing] if closing > 0 else ""
            named = {
                m.value.group.id for m in self._group_matcher.finditer(inside) if m.value.group
            }
            if named:
                return named
            content = [t for t in words(inside) if t.key not in _FUNCTION_WORDS]
            name_like = all_caps or all(inside[t.start].isupper() for t in content)
            return set() if len(content) >= 2 and name_like else None  # "(a Kurdish-led force)"
        before = text[max(0, match.start - 2) : match.start].rstrip()
        if not before.endswith(("(", "[")):
            return None
        opening = text.rindex(before[-1], 0, match.start)
        group = alias_ends.get(len(text[:opening].rstrip(" \"'\u201d")))
        if group is not None:
            return {group.id}
        previous = [t for t in tokens[max(0, index - 6) : index] if t.key not in _FUNCTION_WORDS]
        initials = {text[t.start].upper() for t in previous[-len(match.key) - 1 :]}
        capitalised = all_caps or all(text[t.start].isupper() for t in previous[-2:])
        letters = set(_squash(match.text).upper())
        if len(previous) >= 2 and capitalised and letters <= initials:
            return set()
        return None

    def find_nouns(
        self, text: str, *, all_caps: bool, tokens: list[Word] | None = None
    ) -> list[Match[NounHit]]:
        """Every generic actor noun in the text, with a demonym right before it folded into the
        match: "Iraqi security forces" -> security forces, plural, country IQ."""
        tokens = words(text) if tokens is None else tokens
        ends = {
            match.end: match for match in self.find_demonyms(text, all_caps=all_caps, tokens=tokens)
        }
        result: list[Match[NounHit]] = []
        for match in self._noun_matcher.finditer(text, tokens=tokens):
            hit = NounHit(match.value.entry, match.value.entry.is_plural(match.key))
            start = _before_modifier(text, match.start)
            demonym = ends.get(start)
            if demonym is None and text[start - 1 : start] == ".":  # "U.S. troops"
                demonym = ends.get(start - 1)
                demonym = demonym if demonym and demonym.value.type == "abbreviation" else None
            if demonym is not None:
                hit = NounHit(hit.entry, hit.plural, demonym.value)
                start = demonym.start
            else:
                start = match.start
            result.append(Match(start, match.end, text[start : match.end], match.key, hit))
        return result

    def find_demonyms(
        self, text: str, *, all_caps: bool, tokens: list[Word] | None = None
    ) -> list[Match[DemonymEntry]]:
        """Country names, adjectives and peoples in the text. Outside capitals a name must be
        capitalised ("Chad", not "chad") and an abbreviation written as listed ("US", not "us")."""
        result = []
        for match in self._demonym_matcher.finditer(text, tokens=tokens):
            entry = match.value
            if entry.type == "abbreviation":
                if _squash(match.text) != _squash(entry.form) and not (
                    all_caps and _squash(match.text) == _squash(entry.form).upper()
                ):
                    continue
            elif not all_caps and not match.text[:1].isupper():
                continue
            result.append(match)
        return result

    def _country_hints(
        self,
        text: str,
        tokens: list[Word],
        found: list[tuple[Match[_Key], tuple[GroupEntry, ...]]],
        countries: Collection[str],
        *,
        all_caps: bool,
    ) -> Counter[str]:
        hints: Counter[str] = Counter(countries)
        for match in self.find_demonyms(text, all_caps=all_caps, tokens=tokens):
            if match.value.country:
                hints[match.value.country] += 1
        for _, candidates in found:
            if len(candidates) == 1:
                hints.update(candidates[0].countries)
        return hints


def _in_capitals(
    text: str, tokens: list[Word], index: int, end: int, names: Mapping[str, _Key]
) -> bool:
    """Whether a word of mixed-case text sits in a run of capitals (a headline, a shouted
    quote): the word before or after it is a capitalised word that is not itself an acronym."""
    after = next((i for i in range(index, len(tokens)) if tokens[i].start >= end), None)
    for neighbour in (index - 1 if index else None, after):
        if neighbour is None:
            continue
        raw = text[tokens[neighbour].start : tokens[neighbour].end]
        if len(raw) > 1 and raw.isupper() and raw.isalpha():
            known = names.get(tokens[neighbour].key)
            if known is None or known.group is not None:
                return True
    return False


def _before_modifier(text: str, start: int) -> int:
    """Where the word before a noun ends: back over one space or hyphen, and a possessive 's
    ("Syria's army"), which text.words leaves out of the word."""
    end = start
    while end > 0 and start - end < 2 and text[end - 1] in " -":
        end -= 1
    if text[end - 2 : end] in ("'s", "\u2019s"):
        end -= 2
    return end if end < start else -1


def _bracketed(text: str, match: Match[Any]) -> bool:
    """An acronym that opens a bracket: "(FAR)", "[IS]", "(GSIM, or JNIM ..."."""
    return text[max(0, match.start - 3) : match.start].rstrip().endswith(("(", "["))


def _names_weapon(text: str, tokens: list[Word], index: int, end: int) -> bool:
    """A weapon named like a group: "a FAL rifle", "M-18 mines", "AUTOMATIC RIFLE (FAL)"."""
    after = next((token for token in tokens[index:] if token.start >= end), None)
    if after is not None and after.key in _WEAPON_WORDS:
        return True
    return (
        index > 0
        and tokens[index - 1].key in _WEAPON_WORDS
        and "(" in text[tokens[index - 1].end : tokens[index].start]
    )


def _is_word(key: str) -> bool:
    return all(part in CAPS_WORDS for part in key.split())


def _title_case(surface: str) -> bool:
    """ "Wagner", "Isis", "Farc": a spelling for mixed-case text only (capitals have their own)."""
    return surface[:1].isupper() and surface[1:].islower()


def _active(entry: GroupEntry, year: int | None) -> bool:
    """Whether a group was active in a year, give or take one (any year when None)."""
    first, last = entry.active
    return year is None or (first - 1 <= year and (last is None or year <= last + 1))


def _by_country(candidates: tuple[GroupEntry, ...], hints: Counter[str]) -> GroupEntry | None:
    scores = {entry.id: sum(hints[code] for code in entry.countries) for entry in candidates}
    best = max(scores.values())
    winners = [entry for entry in candidates if scores[entry.id] == best]
    if best == 0 or len({entry.id for entry in winners}) != 1:
        return None
    return winners[0]


# ---------------------------------------------------------------------- loading and validation
def build_index(groups: Iterable[Row], nouns: Iterable[Row], demonyms: Iterable[Row]) -> ActorIndex:
    """Validate rows given as (line number, object) and index them; a bad row raises a
    ResourceError naming its file and line. load_actor_index() feeds it the data files."""
    demonym_rows = _validated(DemonymEntry, demonyms, DEMONYMS_FILE)
    _unique_forms(
        DEMONYMS_FILE,
        (
            (line, d.form if d.type == "abbreviation" else _key(d.form), d.form)
            for line, d in demonym_rows
        ),
    )
    known = {code for _, entry in demonym_rows for code in entry.countries}
    group_rows = _validated(GroupEntry, groups, ACTORS_FILE)
    _check_groups(group_rows, known)
    noun_rows = _validated(NounEntry, nouns, NOUNS_FILE)
    _unique_forms(
        NOUNS_FILE,
        ((line, _key(form), form) for line, n in noun_rows for form in (n.noun, n.plural) if form),
    )
    return ActorIndex(
        (entry for _, entry in group_rows),
        (entry for _, entry in noun_rows),
        (entry for _, entry in demonym_rows),
    )


def _validated(model: type[_E], rows: Iterable[Row], file: str) -> list[tuple[int, _E]]:
    entries = []
    for line, row in rows:
        try:
            entries.append((line, model.model_validate(row)))
        except ValidationError as e:
            problems = "; ".join(
                f"{'.'.join(str(part) for part in error['loc']) or 'row'}: {error['msg']}"
                for error in e.errors()
            )
            raise ResourceError(f"{file}:{line}: {problems}") from e
    return entries


def _unique_forms(file: str, forms: Iterable[tuple[int, str, str]]) -> None:
    seen: dict[str, int] = {}
    for line, key, form in forms:
        if key in seen:
            raise ResourceError(f"{file}:{line}: {form!r} is already listed on line {seen[key]}")
        seen[key] = line


def _check_groups(rows: list[tuple[int, GroupEntry]], known_countries: set[str]) -> None:
    error = functools.partial(_error, ACTORS_FILE)
    lines: dict[str, int] = {}
    for line, entry in rows:
        if entry.id in lines:
            error(line, f"id {entry.id!r} is already used on line {lines[entry.id]}")
        lines[entry.id] = line
        unknown = sorted(set(entry.countries) - known_countries)
        if unknown:
            error(
                line,
                f"{entry.id}: unknown country code {', '.join(unknown)} (not in {DEMONYMS_FILE})",
            )
    parents = {entry.id: entry.parent for _, entry in rows}
    for line, entry in rows:
        seen, parent = {entry.id}, entry.parent
        while parent is not None:
            if parent not in parents:
                error(line, f"{entry.id}: parent {parent!r} is not a group id")
            if parent in seen:
                error(line, f"{entry.id}: parent chain loops back to {parent!r}")
            seen.add(parent)
            parent = parents[parent]
    aliases: dict[str, str] = {}
    for line, entry in rows:
        acronym_keys = {_key(acronym) for acronym in entry.acronyms}
        own = {_key(entry.name)} if _key(entry.name) not in acronym_keys else set()
        for alias in entry.aliases:
            key = _key(alias)
            if key in own or key in acronym_keys:
                error(
                    line,
                    f"{entry.id}: {alias!r} is listed twice (as written, or as alias and acronym)",
                )
            own.add(key)
        for key in own:
            if key in aliases:
                error(line, f"{entry.id}: alias {key!r} is already claimed by {aliases[key]}")
            aliases[key] = entry.id
    surfaces: dict[str, GroupEntry] = {}
    for line, entry in rows:
        if len(set(entry.acronyms)) != len(entry.acronyms):
            error(line, f"{entry.id}: an acronym is listed twice")
        for acronym in entry.acronyms:
            key = _key(acronym)
            if aliases.get(key, entry.id) != entry.id:
                error(line, f"{entry.id}: acronym {acronym!r} is an alias of {aliases[key]}")
            other = surfaces.get(acronym)
            if other is not None and (
                not entry.countries
                or not other.countries
                or set(entry.countries) & set(other.countries)
            ):
                error(
                    line,
                    f"{entry.id}: acronym {acronym!r} is also {other.id}'s, in the same "
                    "countries; only groups of different countries may share one",
                )
            surfaces[acronym] = entry


def _error(file: str, line: int, message: str) -> None:
    raise ResourceError(f"{file}:{line}: {message}")


def _numbered(relative: str) -> list[Row]:
    """The rows of a JSONL data file with their line numbers (resources.iter_jsonl parses;
    the lines are counted over the same text with the same skipping rule)."""
    rows = list(resources.iter_jsonl(relative))
    text = resources.path(relative).read_text(encoding="utf-8")
    numbers = [
        number
        for number, line in enumerate(text.split("\n"), 1)
        if line.strip() and not line.strip().startswith("//")
    ]
    return list(zip(numbers, rows, strict=True))


@functools.cache
def load_actor_index() -> ActorIndex:
    """The actor index of the data files, built once per process."""
    return build_index(_numbered(ACTORS_FILE), _numbered(NOUNS_FILE), _numbered(DEMONYMS_FILE))


def find_groups(
    text: str,
    *,
    all_caps: bool,
    tokens: list[Word] | None = None,
    countries: Collection[str] = (),
    year: int | None = None,
) -> list[Match[GroupEntry]]:
    """Armed groups named in a text (see ActorIndex.find_groups)."""
    return load_actor_index().find_groups(
        text, all_caps=all_caps, tokens=tokens, countries=countries, year=year
    )


def find_nouns(
    text: str, *, all_caps: bool, tokens: list[Word] | None = None
) -> list[Match[NounHit]]:
    """Generic actor nouns in a text, with their demonyms (see ActorIndex.find_nouns)."""
    return load_actor_index().find_nouns(text, all_caps=all_caps, tokens=tokens)


def demonym(word: str) -> str | None:
    """The country code of a demonym or country name, or None (see ActorIndex.demonym)."""
    return load_actor_index().demonym(word)


def group(group_id: str) -> GroupEntry:
    """The group with this id (KeyError if none)."""
    return load_actor_index().group(group_id)


def canonical(name: str) -> GroupEntry | None:
    """The group a name, alias or acronym stands for, or None."""
    return load_actor_index().canonical(name)
