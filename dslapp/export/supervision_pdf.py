"""A supervision record: one session, with the children discussed, reflections and actions."""

from __future__ import annotations

import time as clock
import uuid
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable

from dslapp.export.common import ExportResult
from dslapp.export.form_layout import table
from dslapp.export.protect import check_password, encrypt_pdf
from dslapp.export.staff_page import NOTE, StaffPageInfo, body_width, build_staff_pdf, gap, heading, paragraph
from dslapp.models import Child, SupervisionNote
from dslapp.store import RecordStore
from dslapp.vault.audit import Action


def _d(day: object) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def supervision_story(note: SupervisionNote, children: list[Child]) -> list[Flowable]:
    width = body_width()
    story: list[Flowable] = [
        table(
            ["Date", "Supervisor", "Recorded by"],
            [(_d(note.held_on), note.supervisor, note.created_by)],
            [width * 0.2, width * 0.45, width * 0.35],
        ),
        heading("Children discussed"),
    ]
    if children:
        rows = [(c.display_name, _d(c.dob), c.status.label) for c in children]
        story.append(table(["Child", "Date of birth", "Status"], rows, [width * 0.5, width * 0.2, width * 0.3]))
    else:
        story.append(paragraph("No individual children were discussed.", NOTE))
    story += [
        heading("Reflections"),
        paragraph(note.reflections or "None recorded."),
        heading("What I will do differently"),
        paragraph(note.do_differently or "None recorded."),
        heading("Actions"),
    ]
    if note.actions:
        rows = [(a.what, _d(a.due), f"Done {_d(a.done_on)}" if a.done_on else "Open") for a in note.actions]
        story.append(table(["Action", "Due", "Status"], rows, [width * 0.64, width * 0.16, width * 0.2]))
    else:
        story.append(paragraph("No actions.", NOTE))
    story.append(gap(14))
    story.append(
        table(["Supervisee signature", "Supervisor signature"], [("\n\n", "\n\n")], [width * 0.5, width * 0.5])
    )
    return story


def render_supervision_pdf(
    note: SupervisionNote, children: list[Child], *, generated_by: str, generated_on: datetime, school: str = ""
) -> tuple[bytes, int]:
    info = StaffPageInfo(
        title="Supervision record",
        subtitle=f"Session held {_d(note.held_on)} with {note.supervisor}",
        generated_by=generated_by,
        generated_on=generated_on,
        school=school,
    )
    return build_staff_pdf(supervision_story(note, children), info)


def export_supervision_pdf(
    store: RecordStore, note_id: uuid.UUID | str, out: Path, *, password: str | None = None
) -> ExportResult:
    """Export one supervision session to ``out``. Audited as ``export``."""
    from dslapp.services.bundle import write_user_file
    from dslapp.services.supervision import children_discussed

    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    note = store.get_as(SupervisionNote, note_id)
    data, pages = render_supervision_pdf(
        note,
        children_discussed(store, note),
        generated_by=store.vault.user.label,
        generated_on=store.vault.now(),
        school=store.vault.school,
    )
    if password is not None:
        data = encrypt_pdf(data, password)
    write_user_file(out, data)
    store.vault.audit(Action.EXPORT, str(note.id), f"supervision record PDF: {pages} pages")
    return ExportResult(out, 1, pages, len(data), password is not None, clock.perf_counter() - started)


__all__ = ["export_supervision_pdf", "render_supervision_pdf", "supervision_story"]
