"""The main window: navigation, menus, the draft banner, keyboard shortcuts and About."""

NAV_TODAY = "Today"
NAV_CASELOAD = "Caseload"
NAV_RECORD = "Record a concern"
NAV_LOCK = "Lock"
MENU_CASEBOOK = "&Casebook"
MENU_GO = "&Go"
MENU_HELP = "&Help"
ACTION_RECORD = "&Record a concern…"
ACTION_LOCK = "&Lock now"
ACTION_SETTINGS = "&Settings…"
ACTION_QUIT = "&Quit"
ACTION_TODAY = "&Today"
ACTION_CASELOAD = "&Caseload"
ACTION_FIND = "&Find in the caseload"
ACTION_BACK = "&Back"
ACTION_SHORTCUTS = "&Keyboard shortcuts"
ACTION_ABOUT = "&About DSL Casebook"
SIGNED_IN_AS = "Signed in as"
LOCKED_STATUS = "Locked"
DRAFT_BANNER_ONE = "You have an unfinished record of concern{about}, last saved {when}."
DRAFT_BANNER_MANY = "You have {count} unfinished records of concern; the newest{about} was saved {when}."
DRAFT_ABOUT = " about {name}"
DRAFT_CONTINUE = "Continue it"
DRAFT_DISCARD = "Discard"
DRAFT_DISCARD_CONFIRM = "Discard this unfinished record of concern? What was typed in it will be lost."
SHORTCUTS_TITLE = "Keyboard shortcuts"
SHORTCUTS = (
    ("Ctrl+N", "Record a concern (from anywhere)"),
    ("Ctrl+Shift+N", "Add a child"),
    ("Ctrl+L", "Lock the casebook now"),
    ("Ctrl+1", "Go to Today"),
    ("Ctrl+2", "Go to the caseload"),
    ("Ctrl+F", "Search the caseload"),
    ("Alt+Left", "Back"),
    ("Enter", "Open the selected child or item"),
    ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous tab in a child's record"),
    ("Ctrl+S or Ctrl+Enter", "Save the record you are writing"),
    ("Esc", "Close a dialog (you will be asked before anything is lost)"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list"),
)
SHORTCUTS_KEYS = "Keys"
SHORTCUTS_WHAT = "What it does"
NAV_LEARNING = "Learning library"
NAV_SUPERVISION = "Supervision"
