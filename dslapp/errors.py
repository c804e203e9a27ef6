"""Every error a DSL may see, with a message in their words.

The UI and CLI show ``str(error)``; nothing here carries case data, so messages are safe to log. Every
message is one line: input a message quotes (a file name, a key from a file) is quoted with
``dslapp.text.quote_for_message``, and line breaks and control characters left in any message are shown
as escapes.
"""

from __future__ import annotations

from pathlib import Path

from dslapp.text import name_problem, one_line


class CasebookError(Exception):
    """Base for errors shown to the user. The message is complete and kind; no traceback is shown."""

    default_message = "Something went wrong. Nothing has been lost."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(one_line(message or self.default_message))


class UsageError(CasebookError):
    """Wrong use of the command line (exit 2)."""


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

    def __init__(self, message: str | None = None, *, newest_backup: Path | None = None) -> None:
        text = message or self.default_message
        if newest_backup is not None:
            text = f"{text} The newest good backup is {newest_backup.name}, in {newest_backup.parent}."
        super().__init__(text)
        self.newest_backup = newest_backup
        """The newest backup that passed its checks (offer to restore it), or None if there is none."""


class BuildCancelled(CasebookError):
    default_message = "The demo casebook was not created."


class WrongKeyFile(CasebookError):
    default_message = (
        "The key file (vault.keys) in this folder belongs to a different casebook, so it cannot open this one. "
        "Nothing has been changed. Put back this casebook's own vault.keys (from a backup of this folder)."
    )


class BadBackupFile(CasebookError):
    """The file given as a backup is not one, or is damaged (the casebook itself is not the problem)."""

    default_message = "That file is not a DSL Casebook backup, or it is damaged. Nothing has been changed."


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


class VaultLocked(CasebookError):
    """Case data was asked for after the casebook was locked."""

    default_message = "The casebook is locked. Unlock it to continue."


class PassphraseRequired(CasebookError):
    """A passphrase must be chosen and none was given."""

    default_message = "Choose a new passphrase."


class NameRequired(CasebookError):
    """A user's name was left empty."""

    default_message = "Enter your name: it appears on everything you record."


class NewUserIncomplete(CasebookError):
    default_message = "A new user needs a name and a passphrase."


class CannotRemoveSelf(CasebookError):
    default_message = "You cannot remove yourself while signed in. Ask another DSL to do it."


class UserNotFound(CasebookError):
    default_message = "That user was not found."


class InvalidRecord(CasebookError):
    """A record failed validation; the message names the field in plain words."""


def check_user_name(name: str, *, whose: str = "Your name") -> None:
    """Refuse a user's name that shows nothing once invisible characters are taken out, or holds a NUL, as
    names in records are refused (it is shown on the unlock screen and credited in every audit row)."""
    problem = name_problem(name.strip())
    if name.strip() and problem:
        raise InvalidRecord(f"{whose} {problem}.")


class RecordNotFound(CasebookError):
    default_message = "That record could not be found in this casebook."


class AmbiguousId(CasebookError):
    """The start of an id given on the command line matches more than one record."""


class AlreadyImported(CasebookError):
    """A case bundle or transfer pack that is already in this casebook; nothing was imported."""


class CannotReadFile(CasebookError):
    """A file the user chose (a case bundle, a transfer pack) is missing, is a folder, or could not be read."""


class AttachmentRefused(CasebookError):
    """A file could not be attached (not a PDF, PNG, JPEG or HEIC by its content, too large, or damaged), or an
    attached file no longer matches its recorded hash; nothing was attached or shown."""


class MalformedBundle(CasebookError):
    """A case bundle file could not be imported; nothing was written."""


class FutureDatedRecord(MalformedBundle):
    """A case bundle or transfer pack holds a record dated after today (the receiving casebook's date); nothing
    was imported. The message names the record's kind and date."""


class DuplicateChild(AlreadyImported):
    """The child in a case bundle or transfer pack is already in this casebook under another id (same UPN, or
    the same legal name and date of birth); nothing was imported, so the child never has a second file."""


class DiskFull(CasebookError):
    default_message = (
        "The disk is full, so the last change could not be saved. Nothing already saved has been lost. "
        "Free some space and try again."
    )


class CannotWriteFile(CasebookError):
    """An output file (PDF, bundle, backup) could not be written where the user asked."""


class ExportCancelled(CasebookError):
    """The user pressed Cancel. Nothing was written and nothing was audited; show no error."""

    default_message = "The export was cancelled. No file was saved."


class WeakPdfPassword(CasebookError):
    """A PDF password shorter than ``minimum`` characters; nothing is saved."""

    def __init__(self, minimum: int) -> None:
        super().__init__(f"A PDF password needs at least {minimum} characters. Nothing was saved.")


class WeakPassphrase(CasebookError):
    """A new casebook passphrase the strength estimate (``dslapp.passphrase_policy``) would not accept; nothing
    was created or changed."""

    def __init__(self, advice: str) -> None:
        super().__init__(f"That passphrase would be too easy to guess. {advice} Nothing was changed.")


class SettingsInvalid(CasebookError):
    """A settings file (practice guidance, chronology hints, the MASH form, the learning library, a school's
    override, the app's settings.json) could not be read or is not valid; the message names the file, the
    setting and what was expected (``dslapp.settings_files``)."""


class EnquiryFormInvalid(SettingsInvalid):
    """The MASH enquiry form settings file could not be read; the message says where and why."""


class AuditBroken(CasebookError):
    """The audit trail failed verification."""


class TransferPackUnreadable(CasebookError):
    default_message = (
        "This transfer pack could not be opened: either the passphrase is not right, or the file has been changed "
        "or damaged since it was made. Check the passphrase; if it is right, ask the sending school to send it again."
    )


class ReceiptNotPossible(CasebookError):
    """A transfer's receipt cannot be recorded or checked (received here, already confirmed, or not sent as a
    transfer pack); the message says which."""


class DisposalNotAllowed(CasebookError):
    """A CP file cannot be disposed of yet (still within retention, or a transfer awaits receipt)."""


class WrongReceiptCode(CasebookError):
    default_message = (
        "That receipt code does not match the CP file that was sent. Check it with the receiving DSL, letter by letter."
    )


class ConsentReasonNeeded(InvalidRecord):
    """A MASH enquiry cannot be marked as sent without saying why parents were not told or asked."""

    default_message = (
        "Say why the parents were not told, or why consent was not sought or given. "
        "The enquiry has not been marked as sent."
    )


class EnquiryNotOfThisChild(CasebookError):
    default_message = "That MASH enquiry belongs to a different child, so it cannot go in this pack."


class ReferralStepNotAllowed(CasebookError):
    """A referral status change out of order (e.g. an outcome for an enquiry that was never sent)."""


# ---- the team casebook (issue 18) ---------------------------------------------------------------------


class TeamError(CasebookError):
    """Something about the team casebook that the DSL must act on; the message says what."""


class NotInTeam(TeamError):
    default_message = (
        "This casebook is not part of a team yet. Start one in Settings, Team casebook, or with: dslapp team "
        "create --vault DIR --folder TEAMDIR"
    )


class AlreadyInTeam(TeamError):
    default_message = "This casebook is already part of a team, so it cannot start or join another one."


class TeamFolderUnusable(TeamError):
    default_message = (
        "The team folder cannot be used: check it exists, that this computer can write to it, and that the "
        "program which shares it (OneDrive, Google Drive, a network share or Syncthing) is running."
    )


class WrongEnrolmentCode(TeamError):
    default_message = (
        "That enrolment code does not match any invitation in the team folder. Check it letter by letter; if the "
        "team folder has not finished copying to this computer yet, wait a minute and try again."
    )


class EnrolmentExpired(TeamError):
    default_message = (
        "That enrolment code has expired. Ask the DSL for a new one (in the app: Settings, Team casebook, Invite a "
        "deputy; or 'dslapp team invite')."
    )


class EnrolmentUsed(TeamError):
    default_message = (
        "That enrolment code has already been used to join the team. Ask the DSL for a new one (in the app: "
        "Settings, Team casebook, Invite a deputy; or 'dslapp team invite')."
    )


class TeamDeviceUnknown(TeamError):
    default_message = "There is no device with that id in this team. 'dslapp team status' lists the devices."


class CannotRemoveThisDevice(TeamError):
    default_message = (
        "A device cannot remove itself from the team. Ask another member of the team to remove it from their laptop."
    )


class RemovedFromTeam(TeamError):
    default_message = (
        "This laptop has been removed from the team, so it can no longer send or receive the team's changes. "
        "Its own copy of the casebook still opens as before."
    )


class UnknownSharedSetting(TeamError):
    default_message = "That is not a setting the team shares."


class TeamFileRejected(CasebookError):
    """One file in the team folder failed its checks; the message (completed by the caller with the file's
    name) says why in a few words. Nothing from the file is used."""

    default_message = "it failed its checks"


class RollFileUnreadable(CasebookError):
    """A school roll export (CSV) that cannot be read as a table of pupils; nothing was imported."""

    default_message = (
        "That file cannot be read as a school roll. Export the roll from your MIS as a CSV file, "
        "with one row of column names, and try again."
    )


class RollMappingInvalid(CasebookError):
    """The column mapping does not say where the pupils' names or dates of birth are, or names a column the file
    does not have; nothing was imported."""


class RollPupilGone(CasebookError):
    default_message = (
        "That pupil is no longer on the school roll (it was imported again meanwhile). Choose the child again."
    )


# ---- concerns from staff (issue 19) ----------------------------------------------------------------------


class RecordKeptAsSent(CasebookError):
    default_message = (
        "A concern from staff is kept exactly as the member of staff sent it, so it cannot be amended. Record your "
        "corrections and decision in the concern you make from it."
    )


class StaffConfigUnusable(CasebookError):
    default_message = (
        "The staff reporting configuration file cannot be read. Ask the DSL or IT for a fresh copy "
        "(Settings → Staff reporting in the DSL's casebook exports it)."
    )


class StaffConcernIncomplete(CasebookError):
    default_message = "Some of the concern is missing. Please fill in the parts marked as needed."


class NoReportingKey(CasebookError):
    default_message = (
        "This casebook has no reporting key yet. Create one with 'dslapp team reporting-key' or in Settings → "
        "Staff reporting."
    )


class StaffReportNotFound(CasebookError):
    default_message = "That concern from staff cannot be found in this casebook."
