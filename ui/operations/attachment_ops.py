"""Attachments: add, view (bytes read in memory, never written to a file), withdraw, tick for packs, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from dslapp.models import Attachment
from dslapp.services import attachments
from dslapp.services.casebook import Casebook
from ui.operations.results import Wrote
from ui.operations.runner import Done, Failed
from ui.operations.session import Session


def attach(
    session: Session,
    child_id: str,
    path: Path,
    on_done: Wrote[Attachment],
    on_error: Failed,
    *,
    to: str | None = None,
    title: str = "",
    original_of: bool = False,
) -> None:
    session.write(
        lambda store: attachments.attach_path(store, child_id, path, to=to, title=title, original_of=original_of),
        on_done,
        on_error,
    )


def load_file(session: Session, attachment_id: str, on_done: Done, on_error: Failed, *, owner: QObject) -> None:
    """(Attachment, bytes) for the viewer; audited as a view by the core."""
    session.run(lambda store: attachments.attachment_bytes(store, attachment_id), on_done, on_error, owner=owner)


def withdraw(session: Session, attachment_id: str, reason: str, on_done: Wrote[Attachment], on_error: Failed) -> None:
    session.write(lambda store: attachments.withdraw_attachment(store, attachment_id, reason), on_done, on_error)


def choose_for_packs(
    session: Session,
    attachment_id: str,
    on_done: Wrote[Attachment],
    on_error: Failed,
    *,
    referral_pack: bool | None = None,
    transfer_pack: bool | None = None,
) -> None:
    session.write(
        lambda store: attachments.choose_for_packs(
            store, attachment_id, referral_pack=referral_pack, transfer_pack=transfer_pack
        ),
        on_done,
        on_error,
    )


def export_copy(
    session: Session, passphrase: str, attachment_id: str, out: Path, on_done: Done, on_error: Failed, *, owner: QObject
) -> None:
    """One attachment's file, unencrypted, after the passphrase is re-entered; audited by the core."""

    def work(store: Casebook) -> Path:
        attachments.export_attachment(store, attachment_id, out, passphrase)
        return out

    session.run(work, on_done, on_error, owner=owner)
