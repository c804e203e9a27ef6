"""Words used across the app: its name, the demo marking, buttons, and the general errors."""

APP = "DSL Casebook"
DEMO_BADGE = "DEMO"
DEMO_TITLE_SUFFIX = "DEMO (fictional data)"
DEMO_BANNER = "You are exploring the demo casebook. Every child, family and school in it is fictional."
OK = "OK"
CANCEL = "Cancel"
CLOSE = "Close"
BACK = "Back"
NEXT = "Next"
SAVE = "Save"
CONTINUE = "Continue"
DISCARD = "Discard"
LATER = "Later"
YES = "Yes"
NO = "No"
NONE_RECORDED = "None recorded"
NOT_RECORDED = "Not recorded"
UNEXPECTED_ERROR = (
    "Something went wrong inside DSL Casebook. Nothing that was already saved has been lost. "
    "If this keeps happening, please tell your IT support (details are in the app's log, without case data)."
)
WORKING = "Working…"
DEMO_BADGE_NAME = "Demo casebook: fictional data"
DEMO_BADGE_TIP = "This is the demo casebook. Every child, family and school in it is fictional."
PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"  # printed at the top and foot of every case document
THE_CHILD = "the child"  # when the child's name is not to hand
DONE = "Done"
PRINT = "Print"
SHORTCUT_TIP = "{action} ({keys})"  # a button's tooltip naming its keyboard shortcut
