"""A child's record (overview, the record tabs, history) and adding a child."""

CHILD_TABS = (
    "Overview",
    "Concerns",
    "Actions",
    "Chronology",
    "Early Help",
    "Referrals",
    "Escalations",
    "Information sharing",
    "Attachments",
    "History",
)
CHILD_BACK = "Back"
CHILD_RECORD_CONCERN = "Record a concern"
CHILD_LEGAL_NAME = "Legal name"
CHILD_KNOWN_AS = "Known as"
CHILD_DOB = "Date of birth"
CHILD_GENDER = "Gender"
CHILD_ETHNICITY = "Ethnicity"
CHILD_LANGUAGE = "First language"
CHILD_INTERPRETER = "interpreter needed"
CHILD_RELIGION = "Religion"
CHILD_DISABILITY = "Disability / SEND"
CHILD_UPN = "UPN"
CHILD_NHS = "NHS number"
CHILD_ADDRESS = "Address"
CHILD_SCHOOL = "School"
CHILD_YEAR = "Year group"
CHILD_GP = "GP"
CHILD_STATUS = "Status"
CHILD_STATUS_SINCE = "since {date}"
CHILD_PLAN = "Current plan"
CHILD_DESIGNATIONS = "Designations"
CHILD_RETAIN = "Keep the file until"
CHILD_RECEIVED_FROM = "CP file received from"
CHILD_SECTION_DETAILS = "The child"
CHILD_SECTION_STATUS = "Status and plan"
CHILD_SECTION_PR = "Parental responsibility and household"
CHILD_SECTION_PROFESSIONALS = "Professionals and key contacts"
CHILD_PR = "Parental responsibility"
CHILD_LIVES_WITH = "Lives with the child"
CHILD_KEY_CONTACT = "Key contact"
CHILD_NO_PEOPLE = "No household members or significant adults recorded."
CHILD_NO_PROFESSIONALS = "No professionals recorded."
NO_RECORDS = "Nothing recorded yet."
SELECT_RECORD = "Select a record to read it here."
CONCERN_AMEND = "Amend…"
CONCERN_COPY = "Copy text"
COPIED = "Copied. The clipboard will be cleared in {seconds} seconds."
ACTION_MARK_DONE = "Mark as done"
ACTION_DONE_REASON = "Marked as done"
HISTORY_ACTIONS = {
    "create": "Recorded",
    "amend": "Amended",
    "view": "Viewed",
    "export": "Exported",
    "print": "Printed",
    "import": "Imported",
}
HISTORY_VIEWED_FILE = "Viewed the child's record"
ADD_CHILD_TITLE = "Add a child"
ADD_CHILD_TEXT = "Start the child's CP file. You can record more details and the people around them later."
ADD_CHILD_BUTTON = "Add a child…"
ADD_CHILD_SAVE = "Add child"
ADD_CHILD_FORENAME = "Legal first name"
ADD_CHILD_SURNAME = "Legal surname"
ADD_CHILD_GENDER = "Gender"
ADD_CHILD_ADDRESS = "Address"
ADD_CHILD_NEED_NAMES = "Enter the child's legal first name and surname."
ADD_CHILD_DONE = "{name} has been added."
NEW_CHILD_LINK = "New child…"
ACTION_ADD_CHILD = "&Add a child…"

# ---- the record's lists and tables, its history, and the practice alerts on the Overview
YEAR_GROUPS = ("Nursery", "Reception", *(f"Year {n}" for n in range(1, 14)))
RECORD_READER_NAME = "Record"
CHILD_TABS_NAME = "Parts of the child's record"
CONCERNS_LIST_NAME = "Records of concern"
CONCERNS_COLUMN_DATE = "Date"
CONCERNS_COLUMN_CATEGORIES = "Categories"
CONCERNS_COLUMN_DECISION = "Decision"
ACTIONS_LIST_NAME = "Actions"
ACTIONS_COLUMN_WHAT = "What"
ACTIONS_COLUMN_OWNER = "Owner"
ACTIONS_COLUMN_DUE = "Due"
ACTIONS_COLUMN_DONE = "Done"
HISTORY_LIST_NAME = "History of this record"
HISTORY_COLUMN_WHEN = "When"
HISTORY_COLUMN_WHO = "Who"
HISTORY_COLUMN_WHAT = "What"
HISTORY_CHILD_DETAILS = "the child's details"
HISTORY_A_RECORD = "a {what}"
HISTORY_AN_RECORD = "an {what}"  # before a vowel
CHILD_UPN_SHORT = "UPN {upn}"
ACKNOWLEDGE_ALERT_TITLE = "Acknowledge alert"
ACKNOWLEDGE_ALERT_ASK = "{alert}\n\nWhat are you doing about it? (kept in the record)"
# An alert whose acknowledgement means something more than "seen", by rule id.
ACKNOWLEDGE_ALERT_ASKS = {
    "cumulative_neglect": (
        "{alert}\n\nYou are reviewing the pattern as a whole, not one concern. What have you decided about it, "
        "and why? (kept in the record; the alert stands again if another neglect concern follows)"
    ),
}
ALERTS_TITLE = "Practice alerts"
ALERTS_TITLE_COUNT = "Practice alerts ({count})"
ALERTS_SHOW_ALL = "Show all {count} alerts"
ALERT_ACKNOWLEDGED = "Acknowledged {date}: {note}"
ALERT_ACKNOWLEDGE = "Acknowledge with a note…"
ALERT_ACKNOWLEDGE_NAME = "Acknowledge: {alert}"
