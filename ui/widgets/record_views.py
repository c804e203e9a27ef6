"""Read-only renderings of records as HTML for the record panes (escaped: case text is never markup).

The child's own words are set apart: quoted, in a tinted block with a bar, so they are never mistaken
for the adult's account.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError

from dslapp.models import Attachment, Concern, Record
from dslapp.models.base import STORED, Amendment
from dslapp.models.concern import CATEGORY_LABELS, DECISION_LABELS, BodyMark, Category, DslDecision
from dslapp.services.attachments import describe_record
from dslapp.services.chronology import link_lines
from dslapp.views.body_map import marks_summary
from ui import strings, theme
from ui.formatting import dmy, dmy_hm
from ui.widgets.body_map import map_image_html, marks_key_html


def esc(text: Any) -> str:
    return html.escape(str(text)).replace("\n", "<br>")


def _style() -> str:
    c = theme.colours()
    return (
        "<style>"
        f"body {{ color: {c.text}; }}"
        f"h2 {{ font-size: 14pt; margin: 0 0 2px 0; }}"
        f"h3 {{ font-size: 10.5pt; color: {c.muted}; margin: 14px 0 3px 0; font-weight: 600; }}"
        f".meta {{ color: {c.muted}; }}"
        f".chip {{ background-color: {c.accent_soft}; color: {c.accent}; }}"
        f".amended {{ color: {c.warning}; }}"
        f"td {{ padding: 2px 10px 2px 0; vertical-align: top; }}"
        f"td.k {{ color: {c.muted}; white-space: nowrap; }}"
        "</style>"
    )


def quote_block(words: str) -> str:
    c = theme.colours()
    return (
        f'<table width="100%" cellspacing="0" cellpadding="10" style="margin: 4px 0 4px 0;">'
        f'<tr><td width="4" style="background-color: {c.quote_bar};"></td>'
        f'<td style="background-color: {c.quote};"><i>“{esc(words)}”</i></td></tr></table>'
    )


def section(title: str, body: str) -> str:
    return f"<h3>{esc(title)}</h3><div>{body}</div>" if body else ""


def chips(labels: Iterable[str]) -> str:
    return " ".join(f'<span class="chip">&nbsp;{esc(label)}&nbsp;</span>' for label in labels)


def links_html(record: Record, records: Iterable[Record]) -> str:
    """The records this one follows and led to ("Following: concern of 02/03/2026."), or nothing."""
    lines = link_lines(record, records)
    return section(strings.RECORD_LINKS, "<br>".join(esc(line) for line in lines)) if lines else ""


def concern_html(concern: Concern, amendments: Sequence[Amendment] = (), records: Iterable[Record] = ()) -> str:
    records = list(records)
    categories = chips(c.label for c in concern.categories)
    parts = [
        _style(),
        f"<h2>{esc(concern.LABEL)}: {dmy_hm(concern.observed_at)}</h2>",
        f'<div class="meta">{esc(strings.CONCERN_META_REPORTED.format(name=concern.reporter_name))}'
        + (f" ({esc(concern.reporter_role)})" if concern.reporter_role else "")
        + f" · {esc(strings.CONCERN_META_RECORDED.format(when=dmy_hm(concern.recorded_at), by=concern.created_by))}"
        + f" · {esc(strings.CONCERN_META_SEVERITY.format(severity=strings.SEVERITY_LABELS[concern.severity.value]))}"
        + "</div>",
        f"<p>{categories}</p>",
    ]
    if amendments:
        parts.append(f'<p class="amended">{esc(strings.AMENDED_NOTE.format(count=len(amendments)))}</p>')
    if concern.where:
        parts.append(section(strings.CONCERN_WHERE, esc(concern.where)))
    parts.append(section(strings.CONCERN_FACTS, esc(concern.what_happened)))
    if concern.child_words:
        parts.append(section(strings.CONCERN_WORDS, quote_block(concern.child_words)))
    parts.append(section(strings.CONCERN_BODY, esc(concern.body_map_notes)))
    if concern.body_marks:
        drawn = map_image_html([mark.model_dump(mode="json") for mark in concern.body_marks])
        title = marks_summary(concern.body_marks)
        parts.append(section(title, drawn + marks_key_html(concern.body_marks, esc)))
    parts.append(section(strings.CONCERN_IMMEDIATE, esc(concern.immediate_action)))
    decision = f"<b>{esc(concern.dsl_decision.label)}</b>"
    if concern.decision_reasons:
        decision += f"<br>{esc(concern.decision_reasons)}"
    parts.append(section(strings.CONCERN_DECISION, decision))
    parts.append(section(strings.CONCERN_OUTCOME, esc(concern.outcome)))
    parts.append(section(strings.CONCERN_IMPACT, esc(concern.impact_on_child)))
    parts.append(links_html(concern, records))
    parts.append(attached_html(concern, records))
    if concern.significant:
        parts.append(f'<p class="meta">{esc(strings.CONCERN_ON_CHRONOLOGY)}</p>')
    for amendment in reversed(amendments):
        parts.append(earlier_version_html(amendment))
    return "".join(parts)


def attached_html(record: Record, records: Iterable[Record]) -> str:
    """The files attached to ``record`` (its original first), named, for its reading pane."""
    files = [r for r in records if isinstance(r, Attachment) and r.attached_to == record.id and not r.withdrawn]
    files.sort(key=lambda a: (not a.original_of, a.created_at))
    lines = [esc(strings.ATTACHED_ORIGINAL.format(name=a.shown_name) if a.original_of else a.shown_name) for a in files]
    return section(strings.ATTACHED_FILES, "<br>".join(lines)) if lines else ""


def earlier_version_html(amendment: Amendment) -> str:
    header = strings.EARLIER_VERSION.format(
        version=amendment.version - 1, when=dmy_hm(_local(amendment.at)), by=amendment.by, reason=amendment.reason
    )
    rows = []
    for key, value in amendment.previous.items():
        if value in ("", None, [], {}):
            continue
        rows.append(f'<tr><td class="k">{esc(_label(key))}</td><td>{esc(_value_text(key, value))}</td></tr>')
    return f'<h3>{esc(header)}</h3><table cellspacing="0">{"".join(rows)}</table>'


def _local(moment: datetime) -> datetime:
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


_FIELD_LABELS = {
    "where": strings.CONCERN_WHERE,
    "what_happened": strings.CONCERN_FACTS,
    "child_words": strings.CONCERN_WORDS,
    "body_map_notes": strings.CONCERN_BODY,
    "body_marks": strings.BODY_MAP,
    "immediate_action": strings.CONCERN_IMMEDIATE,
    "impact_on_child": strings.CONCERN_IMPACT,
    "dsl_decision": strings.CONCERN_DECISION,
    "decision_reasons": strings.CONCERN_REASONS,
    "observed_at": strings.CONCERN_OBSERVED,
    "reporter_name": strings.CONCERN_REPORTER,
    "reporter_role": strings.CONCERN_REPORTER_ROLE,
}


def _label(key: str) -> str:
    return _FIELD_LABELS.get(key, key.replace("_", " ").capitalize())


def _value_text(key: str, value: Any) -> str:
    if key == "categories" and isinstance(value, list):
        return ", ".join(
            CATEGORY_LABELS.get(Category(v), str(v)) if v in Category._value2member_map_ else str(v) for v in value
        )
    if key == "body_marks" and isinstance(value, list):
        return " ".join(_mark_text(v) for v in value)
    if key == "dsl_decision" and value in DslDecision._value2member_map_:
        return DECISION_LABELS[DslDecision(value)]
    if isinstance(value, bool):
        return strings.YES if value else strings.NO
    if isinstance(value, str) and len(value) in (10, 19) and value[4:5] == "-":
        try:
            parsed = datetime.fromisoformat(value)
            return dmy(parsed) if len(value) == 10 else dmy_hm(parsed)
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(_value_text(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_value_text(k, v)}" for k, v in value.items() if v not in ("", None))
    return str(value)


def _mark_text(value: Any) -> str:
    try:
        return BodyMark.model_validate(value, context=STORED).description()
    except ValidationError:
        return str(value)


def plain_value(value: Any) -> str:
    """Any model field value as text for a read-only listing."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        label = getattr(value, "label", None)
        return str(label) if label else str(value.value).replace("_", " ").capitalize()
    if isinstance(value, datetime):
        return dmy_hm(_local(value))
    if isinstance(value, date):
        return dmy(value)
    if isinstance(value, bool):
        return strings.YES if value else strings.NO
    if isinstance(value, BaseModel):
        return "; ".join(f"{_label(k)}: {plain_value(v)}" for k, v in value if v not in ("", None, []))
    if isinstance(value, list):
        return "\n".join(plain_value(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{_label(str(k))}: {plain_value(v)}" for k, v in value.items() if v)
    return str(value)


_LINK_FIELDS = {"concern_ids", "follows_id", "started_from_id"}
"""Shown as "Linked records" (described), not as ids."""


def record_html(record: Record, amendments: Sequence[Amendment] = (), records: Iterable[Record] = ()) -> str:
    """Every filled-in field of a record, labelled (for the read-only tabs); with the child's ``records``, the
    records it follows and led to."""
    records = list(records)
    if isinstance(record, Concern):
        return concern_html(record, amendments, records)
    if isinstance(record, Attachment):
        return attachment_html(record, amendments, records)
    skip = {"id", "child_id", "created_at", "created_by", "version", "source_id", "source_record_id", "plan_id"}
    skip |= _LINK_FIELDS
    rows = []
    for key in type(record).model_fields:
        if key in skip:
            continue
        value = getattr(record, key)
        if value in ("", None, [], {}):
            continue
        rows.append(f'<tr><td class="k">{esc(_label(key))}</td><td>{esc(plain_value(value))}</td></tr>')
    meta = esc(strings.RECORD_META.format(when=dmy_hm(_local(record.created_at)), by=record.created_by))
    parts = [_style(), f"<h2>{esc(record.LABEL)}</h2>", f'<div class="meta">{meta}</div>']
    if amendments:
        parts.append(f'<p class="amended">{esc(strings.AMENDED_NOTE.format(count=len(amendments)))}</p>')
    parts.append(f'<table cellspacing="0" style="margin-top: 8px">{"".join(rows)}</table>')
    parts.append(links_html(record, records))
    for amendment in reversed(amendments):
        parts.append(earlier_version_html(amendment))
    return "".join(parts)


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return strings.ATTACH_SIZE_KB.format(size=max(size / 1024, 1))
    return strings.ATTACH_SIZE_MB.format(size=size / 1024 / 1024)


def attachment_html(
    attachment: Attachment, amendments: Sequence[Amendment] = (), records: Iterable[Record] = ()
) -> str:
    """An attachment described in words (the record it belongs to, its hashes, the packs it goes in)."""
    owner = next((r for r in records if r.id == attachment.attached_to), None)
    belongs = describe_record(owner) if owner is not None else strings.ATTACH_DETAIL_TO_CHILD
    packs = [
        strings.ATTACH_PACKS_REFERRAL if attachment.in_referral_pack else "",
        strings.ATTACH_PACKS_TRANSFER if attachment.in_transfer_pack else "",
    ]
    rows = [
        (strings.ATTACH_DETAIL_TITLE, attachment.shown_name),
        (strings.ATTACH_DETAIL_FILE, attachment.file_name),
        (strings.ATTACH_DETAIL_TYPE, attachment.media_type.label),
        (strings.ATTACH_DETAIL_SIZE, _size(attachment.size)),
        (strings.ATTACH_DETAIL_ON, dmy(attachment.attached_on)),
        (strings.ATTACH_DETAIL_TO, belongs),
        (strings.ATTACH_DETAIL_ORIGINAL, strings.YES if attachment.original_of else ""),
        (strings.ATTACH_DETAIL_HASH, attachment.stored_sha256),
        (
            strings.ATTACH_DETAIL_GIVEN_HASH,
            attachment.original_sha256 if attachment.original_sha256 != attachment.stored_sha256 else "",
        ),
        (strings.ATTACH_DETAIL_CHANGES, attachment.changes_made),
        (strings.ATTACH_DETAIL_WITHDRAWN, attachment.withdrawn_reason if attachment.withdrawn else ""),
        (strings.ATTACH_DETAIL_PACKS, ", ".join(p for p in packs if p) or strings.ATTACH_DETAIL_NO_PACKS),
    ]
    body = "".join(f'<tr><td class="k">{esc(k)}</td><td>{esc(v)}</td></tr>' for k, v in rows if v)
    meta = esc(strings.RECORD_META.format(when=dmy_hm(_local(attachment.created_at)), by=attachment.created_by))
    parts = [_style(), f"<h2>{esc(attachment.LABEL)}</h2>", f'<div class="meta">{meta}</div>']
    if amendments:
        parts.append(f'<p class="amended">{esc(strings.AMENDED_NOTE.format(count=len(amendments)))}</p>')
    parts.append(f'<table cellspacing="0" style="margin-top: 8px">{body}</table>')
    for amendment in reversed(amendments):
        parts.append(earlier_version_html(amendment))
    return "".join(parts)


def concern_text(concern: Concern) -> str:
    """A plain-text copy of a concern (for the clipboard, cleared after 30 s)."""
    lines = [
        strings.CONCERN_TEXT_HEADING.format(when=dmy_hm(concern.observed_at)),
        strings.CONCERN_TEXT_REPORTED.format(name=concern.reporter_name)
        + (f" ({concern.reporter_role})" if concern.reporter_role else ""),
        strings.CONCERN_TEXT_CATEGORIES.format(categories=", ".join(c.label for c in concern.categories)),
        "",
        f"{strings.CONCERN_FACTS}:",
        concern.what_happened,
    ]
    if concern.child_words:
        lines += ["", f"{strings.CONCERN_WORDS}:", f"“{concern.child_words}”"]
    if concern.immediate_action:
        lines += ["", f"{strings.CONCERN_IMMEDIATE}:", concern.immediate_action]
    lines += ["", f"{strings.CONCERN_DECISION}: {concern.dsl_decision.label}"]
    if concern.decision_reasons:
        lines.append(concern.decision_reasons)
    return "\n".join(lines)
