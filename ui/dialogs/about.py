"""About DSL Casebook: the version, where this copy keeps its data, and the licences of what is bundled
(Qt under the LGPL with how to replace it, SQLCipher, OpenSSL, the DejaVu fonts, reportlab, and every Python
package, listed from installed metadata by ``dslapp.about``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dslapp import about
from ui import strings, theme
from ui.widgets.common import dialog_page, text_label

_HEADING_ROLE = Qt.ItemDataRole.UserRole + 1


class AboutDialog(QDialog):
    def __init__(self, idle_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(760, 560)
        layout = dialog_page(self, strings.ABOUT_TITLE)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(idle_minutes), strings.ABOUT_TAB_GENERAL)
        self.tabs.addTab(self._licences(), strings.ABOUT_TAB_LICENCES)
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _general(self, idle_minutes: int) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        icon = QLabel()
        icon.setPixmap(theme.app_icon().pixmap(64, 64))
        layout.addWidget(icon)
        self.version_label = text_label(strings.ABOUT_VERSION.format(version=about.version()), "SectionTitle")
        layout.addWidget(self.version_label)
        layout.addWidget(text_label(strings.ABOUT_SUMMARY.format(minutes=idle_minutes), wrap=True))
        layout.addWidget(text_label(strings.ABOUT_QT_RUNNING.format(version=qVersion()), "Hint"))
        layout.addSpacing(8)
        layout.addWidget(text_label(strings.ABOUT_WHERE, "SectionTitle"))
        form = QFormLayout()
        self.location_labels: dict[str, QLabel] = {}
        for place in about.data_locations():
            value = text_label(str(place.path), wrap=True, selectable=True)
            self.location_labels[place.what] = value
            form.addRow(strings.ABOUT_LOCATIONS[place.what], value)
        layout.addLayout(form)
        layout.addWidget(text_label(strings.ABOUT_WHERE_NOTE, "Hint", wrap=True))
        layout.addStretch(1)
        return page

    def _licences(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(text_label(strings.ABOUT_LICENCES_INTRO, wrap=True))
        split = QSplitter(Qt.Orientation.Horizontal)
        self.components = QListWidget()
        self.components.setAccessibleName(strings.ABOUT_TAB_LICENCES)
        self.details: dict[int, str] = {}
        self._add_heading(strings.ABOUT_COMPONENTS)
        for component in about.bundled_components():
            licence = strings.ABOUT_COMPONENT_LICENCE.format(licence=component.licence)
            text = "\n\n".join(part for part in (component.note, licence, component.text) if part)
            self._add(strings.ABOUT_COMPONENT_LINE.format(name=component.name, version=component.version), text)
        self._add_heading(strings.ABOUT_PACKAGES)
        for package in about.python_packages():
            detail = strings.ABOUT_PACKAGE_DETAIL.format(
                name=package.name, version=package.version, licence=package.licence
            )
            self._add(strings.ABOUT_COMPONENT_LINE.format(name=package.name, version=package.version), detail)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(strings.ABOUT_TAB_LICENCES)
        split.addWidget(self.components)
        split.addWidget(self.text)
        split.setSizes([260, 440])
        layout.addWidget(split, 1)
        self.components.currentRowChanged.connect(lambda row: self.text.setPlainText(self.details.get(row, "")))
        self.components.setCurrentRow(1)
        return page

    def _add_heading(self, title: str) -> None:
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(_HEADING_ROLE, True)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.components.addItem(item)

    def _add(self, title: str, detail: str) -> None:
        self.details[self.components.count()] = detail
        self.components.addItem(QListWidgetItem(title))


def show_about(parent: QWidget, idle_minutes: int) -> None:
    AboutDialog(idle_minutes, parent).exec()
