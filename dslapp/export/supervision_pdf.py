"""A supervision record: one session, with the children discussed, reflections and actions."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from dslapp.export.form_layout import table
from dslapp.export.staff_page import NOTE, StaffPageInfo, body_width, build_staff_pdf, gap, heading, paragraph
from dslapp.models import Child, SupervisionNote
from dslapp.text import dmy


def supervision_story(note: SupervisionNote, children: list[Child]) -> list[Flowable]:
    width = body_width()
    story: list[Flowable] = [
        table(
            ["Date", "Supervisor", "Recorded by"],
            [(dmy(note.held_on), note.supervisor, note.created_by)],
            [width * 0.2, width * 0.45, width * 0.35],
        ),
        heading("Children discussed"),
    ]
    if children:
        rows = [(c.display_name, dmy(c.dob), c.status.label) for c in children]
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
        rows = [(a.what, dmy(a.due), f"Done {dmy(a.done_on)}" if a.done_on else "Open") for a in note.actions]
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
        subtitle=f"Session held {dmy(note.held_on)} with {note.supervisor}",
        generated_by=generated_by,
        generated_on=generated_on,
        school=school,
    )
    return build_staff_pdf(supervision_story(note, children), info)


__all__ = ["render_supervision_pdf", "supervision_story"]
