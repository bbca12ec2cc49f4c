"""Parties of one incident: its perpetrators, each with the strongest attribution the article
gives, and its targets, each party once ("Vargas" and "the murdered diplomat Jorge Adolfo
Vargas" are one target; "the Jesuits" are "the Jesuit priests"), from the actor mentions and
claims of the incident's sentences (actors.py, claims.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .actors import FORCE_KINDS, ActorMention
from .roles import TITLES as _TITLES
from .schema import Perpetrator, Target
from .text import fold

if TYPE_CHECKING:
    from .claims import ClaimMention


def event_actors(
    actors: list[ActorMention], claims: list[ClaimMention]
) -> tuple[list[Perpetrator], list[Target]]:
    """The perpetrators (strongest attribution kept) and targets of an incident, each party
    once: "Vargas" and "the murdered diplomat Jorge Adolfo Vargas" are one target."""
    strength = {"claimed": 4, "accused": 3, "reported": 2, "suspected": 1, "implied": 0}
    claimants = [a for c in claims if c.status == "claimed" for a in c.by]
    perpetrators: dict[str, ActorMention] = {}
    targets: dict[str, ActorMention] = {}
    for actor in [*claimants, *actors]:
        if actor.role == "perpetrator":
            existing = perpetrators.get(actor.key)
            if existing is None or strength[actor.attribution] > strength[existing.attribution]:
                perpetrators[actor.key] = actor
        elif actor.role == "target" and actor.key not in targets:
            targets[actor.key] = actor
    unknown = any(a.role == "unattributed" for a in actors) or any(
        c.status in ("unclaimed", "denied") for c in claims
    )
    stated = [p for p in perpetrators.values() if p.attribution != "implied"]
    if unknown or any(p.actor_id or p.kind in FORCE_KINDS for p in stated):
        perpetrators = {k: p for k, p in perpetrators.items() if p.attribution != "implied"}
    claimed = [c for c in claims if c.status == "claimed"]
    groups = {k for k, p in perpetrators.items() if p.actor_id}
    if claimed and not any(a.actor_id for c in claimed for a in c.by) and len(groups) == 1:
        # "the attack was claimed" with no claimant named: the one group of the incident
        key = next(iter(groups))
        perpetrators[key] = replace(perpetrators[key], attribution="claimed", syntactic=False)
    perpetrator_list = _merge_mentions(list(perpetrators.values()), common=False)
    # an unnamed perpetrator ("gunmen") adds nothing next to a group the text names
    if any(p.actor_id and p.attribution != "implied" for p in perpetrator_list):
        perpetrator_list = [
            p for p in perpetrator_list if p.actor_id or p.kind not in ("unknown_armed",)
        ]
    names = {p.name.lower() for p in perpetrator_list}
    target_list = _merge_mentions(
        [t for t in targets.values() if t.name.lower() not in names], common=True
    )
    return (
        [
            Perpetrator(**_fields(actor), attribution=actor.attribution)
            for actor in perpetrator_list
        ],
        [Target(**_fields(actor)) for actor in target_list],
    )


def _fields(actor: ActorMention) -> dict[str, Any]:
    return {
        "name": actor.name,
        "text": actor.text,
        "kind": actor.kind,
        "actor_id": actor.actor_id,
        "country_code": actor.country_code,
        "evidence": actor.evidence,
        "confidence": 0.4 if actor.attribution == "implied" else 0.8 if actor.syntactic else 0.6,
    }


_NAME_FILLERS = frozenset(
    "the a an of and his her its their our this that these those some several other others "
    "another".split()
)


_PEOPLE_KINDS = frozenset(
    "civilians officials politicians journalists aid_workers religious business diplomats "
    "foreigners".split()
)


def _same_people(small: ActorMention, large: ActorMention) -> bool:
    """A one-word group of people inside a longer phrase of the same kind of people: 'the
    Jesuits' and 'the Jesuit priests', 'journalists' and 'journalists of a radio station'."""
    return small.kind == large.kind and small.kind in _PEOPLE_KINDS


def _core_words(name: str) -> set[str]:
    """The words of a name without its titles ('DR Guerrero': guerrero); a name made only of
    titles keeps them ('the attorney general')."""
    words = set(_name_words(name))
    return words - _TITLES or words


def _name_words(name: str) -> tuple[str, ...]:
    """The words of an actor name, folded, without determiners or numbers, a plural -s off."""
    found = []
    for word in fold(name).split():
        if word in _NAME_FILLERS or word.isdigit():
            continue
        found.append(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return tuple(found)


def _merge_mentions(actors: list[ActorMention], *, common: bool) -> list[ActorMention]:
    """One actor per party, in text order. A name whose words all appear in a longer name of
    the same incident is that party ("Oqueli" in "Hector Oqueli Colindres"); so is a common
    noun phrase with the same head inside a longer one ("people", "innocent people"), kept in
    its shorter form. Groups merge by gazetteer id before this."""
    kept: list[ActorMention] = []
    for actor in sorted(actors, key=lambda a: a.start):
        words = _core_words(actor.name)
        if not words:
            kept.append(actor)
            continue
        merged = False
        for i, other in enumerate(kept):
            if actor.actor_id or other.actor_id:
                continue
            other_words = _core_words(other.name)
            if not other_words:
                continue
            small, large = (actor, other) if len(words) <= len(other_words) else (other, actor)
            small_words = words if small is actor else other_words
            # a person's title stays in the text of their bare name ("Attorney General X")
            large_words = set(_name_words(large.name))
            if large.proper:
                large_words |= set(_name_words(large.text))
            if not small_words <= large_words:
                continue
            if small.proper or large.proper:
                kept[i] = large  # the full name, with its title
                merged = True
            elif common and _name_words(small.name)[-1:] == _name_words(large.name)[-1:]:
                kept[i] = small  # "people", "innocent people"
                merged = True
            elif common and len(small_words) == 1 and _same_people(small, large):
                kept[i] = large  # "the Jesuits", "the Jesuit priests"
                merged = True
            if merged:
                break
        if not merged:
            kept.append(actor)
    return kept
