"""Optional password protection of a finished PDF: AES-256 (PDF 2.0, /V 5 /R 6) via pypdf.

reportlab's own AES-256 writes a malformed security handler (NOTES.md), so it is never used: the PDF is
built in memory without encryption and encrypted here, in memory, before anything touches the disk.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter

from dslapp.errors import WeakPdfPassword

MIN_PASSWORD_LENGTH = 8


def check_password(password: str) -> None:
    """Refuse an empty or very short password before any work is done."""
    if len(password.strip()) < MIN_PASSWORD_LENGTH:
        raise WeakPdfPassword(MIN_PASSWORD_LENGTH)


def encrypt_pdf(data: bytes, password: str, *, owner_password: str | None = None) -> bytes:
    """``data`` encrypted with AES-256 so that it opens only with ``password``.

    The owner password (needed to change permissions) is random unless given: nobody needs it.
    """
    check_password(password)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(
        user_password=password,
        owner_password=owner_password or secrets.token_urlsafe(32),
        algorithm="AES-256",
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
