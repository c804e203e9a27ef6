"""The caseload page: searching and filtering the children."""

from dslapp.models.child import ChildStatus, Designation

CASELOAD_TITLE = "Caseload"
CASELOAD_SEARCH = "Search names and case notes…"
CASELOAD_SEARCH_NAME = "Search the caseload"
CASELOAD_STATUS_ANY = "Any status"
CASELOAD_DESIGNATION_ANY = "Any designation"
CASELOAD_CATEGORY_ANY = "Any category"
CASELOAD_ALERTS = "Has alerts"
CASELOAD_OPEN = "Open cases"
CASELOAD_CLOSED = "Closed cases"
CASELOAD_ALL = "Open and closed"
CASELOAD_COUNT = "{shown} of {total} children"
CASELOAD_EMPTY = "No children match. Try fewer words or clear the filters."
CASELOAD_CLEAR = "Clear filters"
CASELOAD_COLUMNS = ("Name", "Date of birth", "Year", "Status", "Designations", "Concerns", "Last concern", "Alerts")
CASELOAD_MATCH = "Match"
CASELOAD_ALERT_TIP = "{count} needing attention (overdue or a practice alert)"

# ---- names read by screen readers
CASELOAD_STATUS_NAME = "Filter by status"
CASELOAD_DESIGNATION_NAME = "Filter by designation"
CASELOAD_CATEGORY_NAME = "Filter by category of concern"
CASELOAD_OPEN_NAME = "Open or closed cases"
CASELOAD_TABLE_NAME = "Children on the caseload"

# ---- short labels for the status badge and the designations column
STATUS_SHORT = {
    ChildStatus.UNIVERSAL: "Universal",
    ChildStatus.EARLY_HELP: "Early Help",
    ChildStatus.CIN: "CIN",
    ChildStatus.CP: "CP plan",
    ChildStatus.CLA: "CLA",
    ChildStatus.CLOSED: "Closed",
    ChildStatus.TRANSFERRED: "Transferred",
}
DESIGNATION_SHORT = {
    Designation.SEND: "SEND",
    Designation.EHCP: "EHCP",
    Designation.FSM: "FSM",
    Designation.PUPIL_PREMIUM: "PP",
    Designation.YOUNG_CARER: "Young carer",
    Designation.EAL: "EAL",
    Designation.PREVIOUSLY_LOOKED_AFTER: "PLAC",
    Designation.KINSHIP_CARE: "Kinship",
    Designation.PRIVATE_FOSTERING: "Private fostering",
}
