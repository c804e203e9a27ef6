"""Exports and printing: a PDF (optionally password-protected), the unencrypted exports that leave the vault."""

EXPORT_SAVE_AS = "Save as"
EXPORT_BROWSE = "Choose…"
EXPORT_PASSWORD = "Password (optional)"
EXPORT_PASSWORD_HINT = "At least {n} characters"
EXPORT_CONFIRM = "Type the password again"
EXPORT_UNENCRYPTED = (
    "Without a password this file is NOT encrypted: anyone who gets hold of it can read it. "
    "Set a password if it will be emailed or saved anywhere others can reach."
)
EXPORT_ENCRYPTED = (
    "The file will be encrypted (AES-256) and open only with this password. Send the password separately."
)
EXPORT_GO = "Export PDF"
EXPORT_WORKING = "Making the PDF…"
EXPORT_NEED_PATH = "Choose where to save the PDF."
EXPORT_SHORT_PASSWORD = "A PDF password needs at least {n} characters."
EXPORT_PASSWORD_MISMATCH = "The two passwords are different."
EXPORT_CANCELLED = "The export was cancelled. No file was saved."
EXPORT_DONE = "Saved to {path}"
EXPORT_DONE_UNENCRYPTED = "This file is not encrypted. Keep it somewhere only you can reach, and delete it when done."
SETTINGS_EXPORT_PLAIN = "Export whole casebook (unencrypted)…"
EXPORT_BUNDLE_CHILD = "Export this child's case bundle…"
EXPORT_UNENCRYPTED_TITLE = "Export without encryption"
EXPORT_UNENCRYPTED_WARNING = (
    "The file you are about to save is NOT encrypted: anyone who can reach it can read every record in it. "
    "Save it only somewhere you control, and delete it when it is no longer needed. The export is recorded in "
    "the audit trail. Re-enter your passphrase to go on."
)
EXPORT_UNENCRYPTED_DONE = "Saved, unencrypted, to {path}"
EXPORT_SAVE_TO = "Save to"
EXPORT_BUNDLE_FILTER = "Case bundle (*.json)"
EXPORT_PLAIN_FILTER = "SQLite database (*.sqlite)"
EXPORT_NEED_FILE_PATH = "Choose where to save the file."
PRINT_UNREADABLE = "The PDF could not be read for printing ({error})."
EXPORT_PDF_FILTER = "PDF (*.pdf)"
