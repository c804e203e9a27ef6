"""The Attachments tab and a scan's preview for the screenshots (docs/screenshots/24-attachments.png and
25-attachment-preview.png), on the demo casebook: a fictional paper concern form, drawn here, attached."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from dslapp.services import attachments
from dslapp.services.casebook import Casebook
from ui import strings
from ui.dialogs.attachment_viewer import AttachmentViewer


def _scanned_form() -> bytes:
    """A PNG that looks like a scanned, handwritten concern form (fictional)."""
    image = QImage(1240, 900, QImage.Format.Format_RGB32)
    image.fill(QColor(250, 248, 240))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(40, 40, 40)))
    painter.setFont(QFont("DejaVu Sans", 26, QFont.Weight.Bold))
    painter.drawText(70, 90, strings.SHOT_FORM_TITLE)
    painter.setPen(QPen(QColor(120, 120, 120), 2))
    painter.drawRect(50, 130, 1140, 720)
    painter.setFont(QFont("DejaVu Serif", 22, QFont.Weight.Normal, True))
    painter.setPen(QPen(QColor(20, 40, 110)))
    for number, line in enumerate(strings.SHOT_FORM_LINES):
        painter.drawText(80, 200 + 80 * number, line)
    painter.end()
    out = QByteArray()
    buffer = QBuffer(out)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes the format as str; its stubs say bytes
    buffer.close()
    return bytes(out.data())


def attachment_shots(
    workspace: Any, store: Casebook, child_id: str, shot: Callable[[str, QWidget | None], None]
) -> None:
    """Attach the form to the child's latest concern as its original; show the tab, then the preview."""
    concerns = attachments.concerns_of(store, child_id)
    saved = attachments.attach_file(
        store,
        child_id,
        _scanned_form(),
        file_name="scan-0042.png",
        to=concerns[-1].id if concerns else None,
        title=attachments.ORIGINAL_TITLE,
        original_of=bool(concerns),
    ).value
    attachments.choose_for_packs(store, saved.id, referral_pack=True)
    workspace.go(type(workspace.location)("child", child_id, "attachments"))
    shot("24-attachments", None)
    attachment, data = attachments.attachment_bytes(store, saved.id)
    viewer = AttachmentViewer(attachment, data)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
    viewer.resize(1000, 860)
    viewer.show()
    shot("25-attachment-preview", viewer)
    viewer.close()
