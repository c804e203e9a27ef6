"""The school roll: importing the MIS export, and roll pupils in the concern dialog's child picker."""

ROLL_IMPORT_TITLE = "Import the school roll"
ROLL_IMPORT_BUTTON = "Import school roll…"
ACTION_IMPORT_ROLL = "&Import the school roll…"
ROLL_STEPS = ("1 Choose the file", "2 Match the columns", "3 Preview", "4 Report")

ROLL_CHOOSE_TEXT = (
    "Export the pupils from your management information system (SIMS, Arbor, Bromcom or another) as a CSV "
    "file: UPN, legal and preferred names, date of birth, year group, gender, and address and a contact if "
    "you have them. The roll is kept encrypted in this casebook so you can find a pupil by name when you "
    "record a concern. Only the pupils you choose become children with a CP file."
)
ROLL_CHOOSE_BUTTON = "Choose the CSV file…"
ROLL_CHOOSE_FILTER = "CSV files (*.csv *.txt);;All files (*)"
ROLL_NO_FILE = "No file chosen yet."
ROLL_FILE_READ = "{name}: {rows} rows, {columns} columns (read as {encoding})."
ROLL_DELETE_EXPORT = "After the import, delete the exported file: it holds every pupil's details unencrypted."

ROLL_MAP_TEXT = (
    "Say which column of your export holds each detail. The casebook guessed from the column names and "
    "remembers your choices for next time. Names and date of birth are needed; the rest are optional."
)
ROLL_NOT_IN_FILE = "(not in this file)"
ROLL_EXAMPLE = "e.g. {value}"
ROLL_NEED_COLUMNS = "Choose the columns for the legal forename, legal surname and date of birth."

ROLL_PREVIEW_TEXT = (
    "Tick the pupils to add as children with a CP file (none are ticked: add only those you need), and the "
    "updates to make to children already in the casebook. Each update is kept as an amendment with its "
    "reason; the earlier details stay in the record's history."
)
ROLL_PREVIEW_COUNTS = "{pupils} pupils read · {new} without a file · {updates} to update · {skipped} rows skipped"
ROLL_PREVIEW_COLUMNS = ("", "Name", "Date of birth", "UPN", "Year", "What happens")
ROLL_NEW = "Add as a child with a file"
ROLL_NEW_UNTICKED = "On the roll only (type-ahead when recording a concern)"
ROLL_UPDATE = "Update ({how}): {fields}"
ROLL_UP_TO_DATE = "Up to date ({how})"
ROLL_SKIPPED = "Skipped, row {row}: {reason}"
ROLL_FIELD_NAMES = {
    "legal_forename": "legal forename",
    "legal_surname": "legal surname",
    "known_as": "known as",
    "dob": "date of birth",
    "upn": "UPN",
    "year_group": "year group",
    "gender": "gender",
    "address": "address",
}
ROLL_TICK_NAME = "Include this pupil"

ROLL_REPORT_HEAD = "The school roll now holds {pupils} pupils (imported {on})."
ROLL_REPORT_ADDED = "Added as children with a file: {count}"
ROLL_REPORT_UPDATED = "Updated from the roll (each an amendment with its reason): {count}"
ROLL_REPORT_UNCHANGED = "Already up to date, or update not ticked: {count}"
ROLL_REPORT_ROLL_ONLY = "On the roll without a file: {count}"
ROLL_REPORT_SKIPPED = "Rows skipped: {count}"
ROLL_REPORT_LINE = "    {text}"

ROLL_BACK = "Back"
ROLL_NEXT = "Next"
ROLL_IMPORT = "Import"
ROLL_CLOSE = "Close"

# ---- the concern dialog's child picker
ROLL_PICKER_ITEM = "{name} ({dob}{year}) · school roll"
ROLL_PICKER_HINT = "On the school roll, with no file yet: saving starts their CP file from the roll."
