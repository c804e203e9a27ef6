"""Attachments: originals and documents kept in the child's file."""

ATTACH_TAB = "Attachments"
ATTACH_ADD = "Attach a file…"
ATTACH_VIEW = "View"
ATTACH_EXPORT = "Export a copy…"
ATTACH_WITHDRAW = "Withdraw…"
ATTACH_IN_REFERRAL_PACK = "In referral pack"
ATTACH_IN_TRANSFER_PACK = "In transfer pack"
ATTACH_INTRO = (
    "Scans of handwritten forms, letters, minutes and other agencies' reports, kept encrypted inside the "
    "casebook (PDF, PNG, JPEG or HEIC, up to 25 MB). Location details are taken out of photos."
)
ATTACH_LIST_NAME = "Attachments"
ATTACH_COLUMN_DATE = "Attached"
ATTACH_COLUMN_TITLE = "What it is"
ATTACH_COLUMN_TYPE = "Type"
ATTACH_COLUMN_PACKS = "Packs"
ATTACH_PACKS_REFERRAL = "referral"
ATTACH_PACKS_TRANSFER = "transfer"
ATTACH_WITHDRAWN = "Withdrawn: {reason}"
ATTACH_PICK_TITLE = "Choose a file to attach"
ATTACH_PICK_FILTER = "Documents and photos (*.pdf *.png *.jpg *.jpeg *.heic *.heif);;All files (*)"
ATTACH_TITLE_PROMPT = "What is this file? (e.g. 'Letter from the clinic')"
ATTACH_WITHDRAW_TITLE = "Withdraw this attachment"
ATTACH_WITHDRAW_PROMPT = (
    "Why is it being withdrawn (e.g. attached to the wrong child)? The file stays in the casebook with your "
    "reason, and is left out of packs."
)
ATTACH_VIEWER_TITLE = "Attachment: {name}"
ATTACH_VIEWER_META = "{kind} · {name} · attached {when} by {by}"
ATTACH_VIEWER_HASH = "SHA-256 kept: {hash}"
ATTACH_VIEWER_CHANGED = "{changes} SHA-256 as given: {hash}"
ATTACH_VIEWER_CANNOT_SHOW = "This HEIC photo cannot be shown in the app. Export a copy to view it in another program."
ATTACH_VIEWER_UNREADABLE = "This file could not be shown. Export a copy to open it in another program."
ATTACH_VIEWER_PAGES = "{count} pages"
ATTACH_ZOOM_FIT = "Fit to window"
ATTACH_EXPORT_TITLE = "Export a copy of this attachment"
ATTACH_EXPORT_FILTER = "The same kind of file (*.{ext})"
ATTACH_ORIGINAL = "Attach the original…"
ATTACH_ORIGINAL_TIP = "A scan or photo of the paper form this concern was written on: kept as its original"
ATTACH_ORIGINAL_CHOSEN = "Original to attach: {name}"
ATTACH_ORIGINAL_TITLE = "Original concern form"
ATTACH_ORIGINAL_CLEAR = "Remove"

# The fictional scanned concern form drawn for the screenshots (ui/screenshot_attachments.py).
SHOT_FORM_TITLE = "Fictionton Primary Academy: record of concern"
SHOT_FORM_LINES = (
    "Child: (as on the demo record)        Date: this morning, 08:50",
    "What I saw or heard:",
    "  Same jumper as all last week, food stains down the front.",
    "  No coat although it was raining. Asked twice for toast.",
    "The child's own words:",
    '  "There wasn\'t anything in for breakfast again."',
    "Action taken: toast at breakfast club, coat from lost property.",
    "Passed to the DSL at: 09:05            Signed: Ms D. Example",
)

ATTACH_DETAIL_TITLE = "What it is"
ATTACH_DETAIL_FILE = "File name as received"
ATTACH_DETAIL_TYPE = "Type"
ATTACH_DETAIL_SIZE = "Size"
ATTACH_DETAIL_ON = "Attached on"
ATTACH_DETAIL_TO = "Belongs to"
ATTACH_DETAIL_TO_CHILD = "The child's file"
ATTACH_DETAIL_ORIGINAL = "The original of that record"
ATTACH_DETAIL_HASH = "SHA-256 kept"
ATTACH_DETAIL_GIVEN_HASH = "SHA-256 as given"
ATTACH_DETAIL_CHANGES = "Changes made"
ATTACH_DETAIL_WITHDRAWN = "Withdrawn"
ATTACH_DETAIL_PACKS = "Goes in"
ATTACH_DETAIL_NO_PACKS = "No pack"
ATTACH_SIZE_KB = "{size:.0f} KB"
ATTACH_SIZE_MB = "{size:.1f} MB"

ATTACH_DIALOG_INTRO = (
    "Choose the file and say what it is. It is kept encrypted inside the casebook; the file on disk is left "
    "as it is (delete it yourself if it should not stay on this computer)."
)
ATTACH_DIALOG_SAVE = "Attach"
ATTACH_DIALOG_FILE = "File"
ATTACH_DIALOG_BROWSE = "Choose…"
ATTACH_DIALOG_TITLE = "What it is"
ATTACH_DIALOG_TITLE_PLACEHOLDER = "e.g. Letter from the clinic, conference minutes"
ATTACH_DIALOG_TO = "Belongs to"
ATTACH_DIALOG_ORIGINAL = "It is the original of that record (e.g. the paper concern form)"
ATTACH_DIALOG_NEED_FILE = "Choose the file to attach."
ATTACHED_FILES = "Attached files (see the Attachments tab)"
ATTACHED_ORIGINAL = "{name} (the original)"
