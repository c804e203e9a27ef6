"""Every error a DSL may see, with a message in their words.

The UI and CLI show ``str(error)``; nothing here carries case data, so messages are safe to log.
"""

from __future__ import annotations


class CasebookError(Exception):
    """Base for errors shown to the user. The message is complete and kind; no traceback is shown."""

    default_message = "Something went wrong. Nothing has been lost."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class WrongPassphrase(CasebookError):
    default_message = "That passphrase is not right for this casebook. Please check it and try again."


class WrongRecoveryKey(CasebookError):
    default_message = "That recovery key does not open this casebook. Check each group of letters and try again."


class VaultInUse(CasebookError):
    default_message = (
        "This casebook is already open in another window or program. Close it there first, then try again."
    )


class VaultDamaged(CasebookError):
    default_message = (
        "This casebook's file is damaged and cannot be read safely. Nothing has been changed. "
        "Restore it from your newest backup."
    )


class VaultTooNew(CasebookError):
    default_message = (
        "This casebook was saved by a newer version of DSL Casebook. Please update the app; "
        "the casebook has not been touched."
    )


class NotAVault(CasebookError):
    default_message = "There is no casebook in that folder."


class VaultExists(CasebookError):
    default_message = "There is already a casebook in that folder; it has not been changed."


class KeyFileDamaged(CasebookError):
    default_message = (
        "The casebook's key file (vault.keys) is missing or damaged, so the casebook cannot be unlocked. "
        "Restore vault.keys from a backup of this folder."
    )


class UnsafeDriver(CasebookError):
    default_message = (
        "The encryption library is missing, so DSL Casebook has stopped rather than save anything unencrypted."
    )


class InvalidRecord(CasebookError):
    """A record failed validation; the message names the field in plain words."""


class RecordNotFound(CasebookError):
    default_message = "That record could not be found in this casebook."


class MalformedBundle(CasebookError):
    """A case bundle file could not be imported; nothing was written."""


class DiskFull(CasebookError):
    default_message = (
        "The disk is full, so the last change could not be saved. Nothing already saved has been lost. "
        "Free some space and try again."
    )


class CannotWriteFile(CasebookError):
    """An output file (PDF, bundle, backup) could not be written where the user asked."""


class AuditBroken(CasebookError):
    """The audit trail failed verification."""
