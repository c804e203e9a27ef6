"""Item delegates: status pills, alert counts, and search snippets with the matches highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui import theme
from ui.formatting import snippet_html

Index = QModelIndex | QPersistentModelIndex


def tone_colours(tone: str) -> tuple[str, str]:
    c = theme.colours()
    return {
        "accent": (c.accent_soft, c.accent),
        "danger": (c.danger_soft, c.danger),
        "warning": (c.warning_soft, c.warning),
        "success": (c.success_soft, c.success),
        "muted": (c.surface_alt, c.muted),
    }.get(tone, (c.surface_alt, c.text))


def _draw_cell_without_text(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem, index: Index
) -> None:
    """The cell's background, selection and focus as the style draws them, leaving the text to the delegate."""
    delegate.initStyleOption(option, index)
    option.text = ""
    style = option.widget.style() if option.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)


class PillDelegate(QStyledItemDelegate):
    """Draws the cell's text as a small rounded pill coloured by ``tone_role``."""

    def __init__(self, tone_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.tone_role = tone_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _draw_cell_without_text(self, painter, option, index)
        if not text:
            return
        background, foreground = tone_colours(str(index.data(self.tone_role) or ""))
        metrics = QFontMetrics(option.font)
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = QRectF(option.rect.x() + 6, option.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, size.height())


class AlertDelegate(QStyledItemDelegate):
    """A count in the danger colour, with nothing drawn for zero."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        _draw_cell_without_text(self, painter, option, index)
        if not text:
            return
        c = theme.colours()
        metrics = QFontMetrics(option.font)
        size = max(metrics.height() + 2, metrics.horizontalAdvance(text) + 12)
        rect = QRectF(option.rect.center().x() - size / 2, option.rect.center().y() - size / 2 + 1, size, size - 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.danger_soft))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(QColor(c.danger))
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()


class SnippetDelegate(QStyledItemDelegate):
    """Renders a search snippet (\\x02..\\x03 around matches) with the matches highlighted."""

    def __init__(self, snippet_role: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.snippet_role = snippet_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        snippet = str(index.data(self.snippet_role) or "")
        _draw_cell_without_text(self, painter, option, index)
        if not snippet:
            return
        c = theme.colours()
        mark = f"background-color: {c.warning_soft}; color: {c.warning}; font-weight: 600;"
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(f'<span style="white-space: nowrap">{snippet_html(snippet, mark)}</span>')
        painter.save()
        painter.setClipRect(option.rect)
        top = option.rect.y() + (option.rect.height() - document.size().height()) / 2
        painter.translate(option.rect.x() + 6, top)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()
