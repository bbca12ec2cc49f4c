"""Scopes: which incidents a codebook admits, applied as the last stage.

A scope is data, not code: a TOML file in models/scopes/ naming its rules. The default scope
keeps every specific attack; `muc4` keeps what MUC-4 codes. Every record says which scope made it.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import resources
from .errors import ResourceError, ScopeError
from .schema import ActorKind, Event, EventType, Method


class Scope(BaseModel):
    """The rules of one codebook."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    countries: tuple[str, ...] | None = Field(default=None, description="ISO alpha-2 codes kept.")
    max_age_days: int | None = Field(default=None, ge=0)
    exclude_target_kinds: tuple[ActorKind, ...] = ()
    exclude_clashes: bool = False
    exclude_methods_only: tuple[Method, ...] = ()
    types: tuple[EventType, ...] | None = None
    min_confidence: float = Field(default=0.0, ge=0, le=1)
    unknown_country: Literal["keep", "drop"] = "keep"


def scope_names() -> list[str]:
    """The scopes shipped with the package."""
    folder = resources.data_root() / "models" / "scopes"
    return sorted(p.stem for p in folder.glob("*.toml"))


@functools.cache
def load_scope(name: str) -> Scope:
    """A scope by name (models/scopes/NAME.toml)."""
    if name not in scope_names():
        raise ScopeError(f"unknown scope {name!r}; choose one of: {', '.join(scope_names())}")
    try:
        data = resources.read_toml(f"models/scopes/{name}.toml")
        return Scope.model_validate(data)
    except (ValidationError, ResourceError) as e:
        raise ScopeError(f"scope file models/scopes/{name}.toml is invalid: {e}") from e


_FORCES = frozenset({"state_forces", "police"})
_ARMED = frozenset({"armed_group", "unknown_armed", "militia"})


def rejection(scope: Scope, event: Event, published: dt.date | None) -> str | None:
    """Why a scope drops an event, or None when it keeps it."""
    if scope.types is not None and event.type not in scope.types:
        return f"type {event.type} not in scope"
    if event.confidence < scope.min_confidence:
        return "confidence below the scope's minimum"
    if scope.countries is not None:
        code = event.location.country_code if event.location else None
        if code is None and scope.unknown_country == "drop":
            return "country unknown"
        if code is not None and code not in scope.countries:
            return f"country {code} outside the scope"
    age = (published - event.date.end).days if published and event.date.end else None
    if scope.max_age_days is not None and age is not None and age > scope.max_age_days:
        return f"older than {scope.max_age_days} days before publication"
    if (
        scope.exclude_methods_only
        and event.methods
        and all(m in scope.exclude_methods_only for m in event.methods)
        and all(t.kind in _FORCES | _ARMED for t in event.targets)
    ):
        return f"only {', '.join(event.methods)}, between armed forces"
    if (
        scope.exclude_target_kinds
        and event.targets
        and all(target.kind in scope.exclude_target_kinds for target in event.targets)
    ):
        return "every target is of an excluded kind"
    if (
        scope.exclude_clashes
        and event.perpetrators
        and all(p.kind in _FORCES for p in event.perpetrators)
    ) and (not event.targets or all(t.kind in _ARMED | _FORCES for t in event.targets)):
        return "state forces against armed groups (a military action)"
    return None


def admits(scope: Scope, event: Event, published: dt.date | None) -> bool:
    """Whether the scope keeps an event."""
    return rejection(scope, event, published) is None


def apply(scope: Scope, events: list[Event], published: dt.date | None) -> list[Event]:
    """The events a scope keeps, renumbered in order."""
    kept = [event for event in events if admits(scope, event, published)]
    return [event.model_copy(update={"id": f"e{i}"}) for i, event in enumerate(kept, 1)]
