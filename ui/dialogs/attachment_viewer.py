"""Viewing an attachment inside the app: pictures from their bytes, PDFs through QtPdf from a memory buffer.

Nothing is written to disk to show a file (no temporary files): the bytes come from the vault over the worker
thread, and the viewer drops them when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QWidget

from dslapp.models import Attachment, MediaType
from ui import strings
from ui.formatting import dmy
from ui.widgets.common import dialog_page, text_label

_MAX_PICTURE = (900, 640)


class AttachmentViewer(QDialog):
    def __init__(self, attachment: Attachment, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attachment = attachment
        layout = dialog_page(self, strings.ATTACH_VIEWER_TITLE.format(name=attachment.shown_name), min_width=720)
        meta = strings.ATTACH_VIEWER_META.format(
            kind=attachment.media_type.label,
            name=attachment.file_name or attachment.shown_name,
            when=dmy(attachment.attached_on),
            by=attachment.created_by,
        )
        layout.addWidget(text_label(meta, "PageSubtitle", wrap=True))
        layout.addWidget(text_label(strings.ATTACH_VIEWER_HASH.format(hash=attachment.stored_sha256), "Hint"))
        if attachment.original_sha256 != attachment.stored_sha256 or attachment.changes_made:
            changed = strings.ATTACH_VIEWER_CHANGED.format(
                changes=attachment.changes_made, hash=attachment.original_sha256
            )
            layout.addWidget(text_label(changed, "Hint", wrap=True))
        if attachment.withdrawn:
            layout.addWidget(
                text_label(
                    strings.ATTACH_WITHDRAWN.format(reason=attachment.withdrawn_reason), "InlineError", wrap=True
                )
            )
        self.document: QPdfDocument | None = None
        self.buffer: QBuffer | None = None
        self.picture: QLabel | None = None
        self.pdf_view: QPdfView | None = None
        if attachment.media_type is MediaType.PDF:
            layout.addWidget(self._pdf(data), 1)
        elif attachment.media_type in (MediaType.PNG, MediaType.JPEG):
            layout.addWidget(self._image(data), 1)
        else:
            layout.addWidget(text_label(strings.ATTACH_VIEWER_CANNOT_SHOW, "Hint", wrap=True), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 760)

    def _image(self, data: bytes) -> QWidget:
        image = QImage.fromData(data)
        if image.isNull():
            return text_label(strings.ATTACH_VIEWER_UNREADABLE, "Hint", wrap=True)
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > _MAX_PICTURE[0] or pixmap.height() > _MAX_PICTURE[1]:
            pixmap = pixmap.scaled(
                *_MAX_PICTURE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.picture = QLabel()
        self.picture.setPixmap(pixmap)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setAccessibleName(self.attachment.shown_name)
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        return scroll

    def _pdf(self, data: bytes) -> QWidget:
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        if self.document.status() == QPdfDocument.Status.Error:
            return text_label(strings.ATTACH_VIEWER_UNREADABLE, "Hint", wrap=True)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setDocument(self.document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setAccessibleName(self.attachment.shown_name)
        return self.pdf_view

    def done(self, result: int) -> None:
        if self.document is not None:
            self.document.close()
        if self.buffer is not None:
            self.buffer.close()
            self.buffer.setData(QByteArray())
        super().done(result)
