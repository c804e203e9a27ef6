"""The caseload page: searching and filtering the children."""

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

# ---- short labels for the status badge and the designations column, keyed by the stored value
# (the model enums are string enums, so they look these up directly; importing the models here would load
# them all before the unlock window shows)
STATUS_SHORT = {
    "universal": "Universal",
    "early_help": "Early Help",
    "cin": "CIN",
    "cp": "CP plan",
    "cla": "CLA",
    "closed": "Closed",
    "transferred": "Transferred",
}
DESIGNATION_SHORT = {
    "send": "SEND",
    "ehcp": "EHCP",
    "fsm": "FSM",
    "pupil_premium": "PP",
    "young_carer": "Young carer",
    "eal": "EAL",
    "previously_looked_after": "PLAC",
    "kinship_care": "Kinship",
    "private_fostering": "Private fostering",
}
