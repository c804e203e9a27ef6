"""Local contacts and the front-door route, as the DSL reads them (``resources/guidance/local_contacts.toml``).

Pure: settings in, lines out. The school fills the numbers in; a shipped placeholder is always shown marked.
"""

from __future__ import annotations

from dataclasses import dataclass

from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import fill


@dataclass(frozen=True)
class ContactLine:
    service: str
    phone: str
    """The number as shown: a placeholder carries the note that it is to be filled in."""
    when: str
    notes: str
    placeholder: bool


def phone_follow_up(config: GuidanceConfig | None = None) -> str:
    """When the online form is due after phoning the front door: the local procedure's time, or a reminder
    to check it (the app never invents one)."""
    door = resolve(config).local.front_door
    if door.phone_follow_up_hours:
        return fill(door.phone_follow_up, hours=door.phone_follow_up_hours)
    return door.phone_follow_up_unset


def front_door_route(config: GuidanceConfig | None = None) -> str:
    """How a request for support is made here, with the written follow-up of a phone call."""
    door = resolve(config).local.front_door
    return f"{door.route} {phone_follow_up(config)}"


def online_form(config: GuidanceConfig | None = None) -> str:
    """The online form's address as shown (marked while it is the shipped placeholder)."""
    local = resolve(config).local
    door = local.front_door
    return f"{door.online_form} ({local.placeholder_note})" if door.online_form_placeholder else door.online_form


def contact_lines(config: GuidanceConfig | None = None) -> list[ContactLine]:
    """The local contacts in the order the settings give them."""
    local = resolve(config).local
    return [
        ContactLine(
            service=c.service,
            phone=f"{c.phone} ({local.placeholder_note})" if c.placeholder else c.phone,
            when=c.when,
            notes=c.notes,
            placeholder=c.placeholder,
        )
        for c in local.contacts
    ]


__all__ = ["ContactLine", "contact_lines", "front_door_route", "online_form", "phone_follow_up"]
