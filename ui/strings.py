"""Every piece of text the desktop app shows, in one place to review (and later translate).

British English; dates dd/mm/yyyy; 24-hour times; the words DSLs use (DOMAIN.md "Words").
"""

from __future__ import annotations

APP = "DSL Casebook"
DEMO_BADGE = "DEMO"
DEMO_TITLE_SUFFIX = "DEMO (fictional data)"
DEMO_BANNER = "You are exploring the demo casebook. Every child, family and school in it is fictional."

# ---- general ------------------------------------------------------------------------------------
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
LOCKED_ERROR = "The casebook is locked. Unlock it to continue."
WORKING = "Working…"

# ---- first run -------------------------------------------------------------------------------------
WELCOME_TITLE = "Welcome to DSL Casebook"
WELCOME_TEXT = (
    "A private, encrypted casebook for your safeguarding records. It works offline and keeps everything "
    "on this computer, locked with your passphrase."
)
SETUP_CHOICE = "Set up my school's casebook"
SETUP_CHOICE_TEXT = "Create your encrypted casebook: your name, your school and a passphrase only you know."
DEMO_CHOICE = "Explore with fictional demo data"
DEMO_CHOICE_TEXT = (
    "Look around a casebook full of fictional children and records. It is kept separately and "
    "clearly marked DEMO; nothing you do there touches your real casebook."
)
SETUP_ABOUT_TITLE = "About you and your school"
SETUP_ABOUT_TEXT = "Your name appears on everything you record. You can add deputy DSLs later, in Settings."
SETUP_NAME = "Your name"
SETUP_NAME_PLACEHOLDER = "e.g. Mrs Jo Bloggs"
SETUP_ROLE = "Your role"
ROLES = ("DSL", "Deputy DSL")
SETUP_SCHOOL = "School"
SETUP_SCHOOL_PLACEHOLDER = "e.g. Fictionton Primary Academy"
SETUP_NEED_NAME = "Enter your name: it appears on everything you record."
SETUP_NAME_PROBLEM = "Your name {problem}."
SETUP_NEED_SCHOOL = "Enter your school's name."
SETUP_PASS_TITLE = "Choose a passphrase"
SETUP_PASS_TEXT = (
    "Your passphrase unlocks the casebook. Nobody, including us, can tell you what it was: if it is lost, "
    "only the recovery key shown next can set a new one. Four or more unrelated words make a strong, "
    "memorable passphrase."
)
SETUP_PASS = "Passphrase"
SETUP_PASS_CONFIRM = "Type it again"
SETUP_PASS_SHOW = "Show passphrase"
SETUP_CREATE = "Create my casebook"
SETUP_PASS_MISMATCH = "The two passphrases are different."
SETUP_PASS_TOO_WEAK = "Choose a stronger passphrase: at least 12 characters, or four or more words."
SETUP_CREATING_TITLE = "Creating your casebook"
SETUP_CALIBRATING = "Measuring this computer, so your passphrase is slow to guess but quick to use…"
SETUP_CREATING = "Creating your encrypted casebook…"
SETUP_KEY_TITLE = "Your recovery key"
SETUP_KEY_TEXT = (
    "If a passphrase is ever forgotten, this key is the only way back into the casebook. "
    "It is shown this once. Print it or write it down, and keep it in the school safe."
)
SETUP_KEY_PRINT = "Print recovery key…"
SETUP_KEY_STORED = "I have stored the recovery key safely"
SETUP_FINISH = "Open my casebook"
SETUP_KEY_PRINT_TITLE = "DSL Casebook recovery key"
SETUP_KEY_PRINT_BODY = (
    "Keep this sheet in the school safe. With it, a DSL can set a new passphrase if theirs is forgotten. "
    "Anyone holding it and a copy of the casebook can read the casebook."
)
DEMO_BUILDING = "Building the demo casebook with fictional children…"
DEMO_CANCELLED = "The demo casebook was not created."
STRENGTH_LABELS = ("Too weak", "Weak", "Fair", "Strong", "Very strong")

# ---- unlock --------------------------------------------------------------------------------------
UNLOCK_TITLE = "Unlock your casebook"
UNLOCK_DEMO_TITLE = "Unlock the demo casebook"
UNLOCK_WHO = "Who are you?"
UNLOCK_PASSPHRASE = "Passphrase"
UNLOCK_BUTTON = "Unlock"
UNLOCKING = "Unlocking…"
UNLOCK_RECOVERY = "Forgotten your passphrase? Use the recovery key"
UNLOCK_DEMO_HINT = "Demo passphrase (fictional data only): “{passphrase}”"
UNLOCK_SWITCH_DEMO = "Explore the demo casebook instead"
UNLOCK_SWITCH_REAL = "Go to my school's casebook"
UNLOCK_SETUP_REAL = "Set up my school's casebook"
UNLOCK_LOCKED_NOTE = "Locked. Your work is saved; unlock to carry on where you left off."
UNLOCK_EMPTY = "Enter your passphrase."
RECOVERY_TITLE = "Use the recovery key"
RECOVERY_TEXT = (
    "Type the recovery key from the printed sheet (dashes and capitals do not matter), then choose a new "
    "passphrase for yourself."
)
RECOVERY_KEY = "Recovery key"
RECOVERY_NEW = "New passphrase"
RECOVERY_CONFIRM = "Type it again"
RECOVERY_NEED_KEY = "Type the recovery key from the printed sheet."
RECOVERY_BUTTON = "Set passphrase and unlock"
RECOVERY_FOR = "For"

# ---- main window -----------------------------------------------------------------------------------
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

# ---- today -----------------------------------------------------------------------------------------
TODAY_GREETING_MORNING = "Good morning, {name}"
TODAY_GREETING_AFTERNOON = "Good afternoon, {name}"
TODAY_GREETING_EVENING = "Good evening, {name}"
TODAY_NOTHING = "Nothing here today."
TODAY_ALL_CLEAR = "Nothing is due or overdue. Well done."
TODAY_DUE = "due {date}"
TODAY_OVERDUE = "overdue since {date}"
TODAY_HINT = "Click an item, or select it and press Enter, to open the child's record."
TODAY_SUMMARY = "{overdue} overdue · {due} due this week · {total} in all"

# ---- caseload --------------------------------------------------------------------------------------
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

# ---- child record ----------------------------------------------------------------------------------
CHILD_TABS = (
    "Overview",
    "Concerns",
    "Actions",
    "Chronology",
    "Early Help",
    "Referrals",
    "Escalations",
    "Information sharing",
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
ACTION_COLUMNS = ("What", "Owner", "Due", "Done")
CHRONOLOGY_COLUMNS = ("Date", "Significant event", "Source", "Impact on the child", "Action taken / outcome", "By")
HISTORY_COLUMNS = ("When", "Who", "What")
HISTORY_ACTIONS = {
    "create": "Recorded",
    "amend": "Amended",
    "view": "Viewed",
    "export": "Exported",
    "print": "Printed",
    "import": "Imported",
}
HISTORY_VIEWED_FILE = "Viewed the child's record"
EARLY_HELP_COLUMNS = ("Date", "Record", "Summary")
REFERRAL_COLUMNS = ("Started", "Type", "Status", "Sent", "Outcome")
ESCALATION_COLUMNS = ("Raised", "Stage", "With", "Summary", "Resolved")
SHARING_COLUMNS = ("Date", "What", "With whom", "Shared?")

# ---- record a concern ------------------------------------------------------------------------------
CONCERN_TITLE = "Record a concern"
CONCERN_CHILD = "Child"
CONCERN_CHILD_PLACEHOLDER = "Type a name…"
CONCERN_OBSERVED = "When it was seen or heard"
CONCERN_REPORTER = "Reported by"
CONCERN_REPORTER_ROLE = "Their role"
CONCERN_WHERE = "Where"
CONCERN_WHERE_PLACEHOLDER = "e.g. Year 4 classroom, playground"
CONCERN_SEVERITY = "How serious"
SEVERITY_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
CONCERN_CATEGORIES = "Categories (choose all that apply)"
CONCERN_FACTS = "What was seen or heard"
CONCERN_FACTS_HINT = "Facts only: what happened, when, who was there. Say whose account it is."
CONCERN_WORDS = "The child's own words"
CONCERN_WORDS_HINT = "Exactly as said, even if it is not grammatical. Leave empty if the child said nothing."
CONCERN_BODY = "Marks or injuries: where on the body"
CONCERN_BODY_PLACEHOLDER = "e.g. bruise about 3 cm, left upper arm, yellowing"
CONCERN_IMMEDIATE = "Immediate action taken"
CONCERN_DECISION = "DSL decision"
CONCERN_REASONS = "Reasons for the decision"
CONCERN_REASONS_HINT = "Required for every decision, including a decision not to refer."
CONCERN_ACTIONS = "Follow-up actions"
CONCERN_ADD_ACTION = "Add an action"
CONCERN_ACTION_WHAT = "What needs doing"
CONCERN_ACTION_OWNER = "Who"
CONCERN_ACTION_DUE = "By"
CONCERN_ACTION_REMOVE = "Remove this action"
CONCERN_SIGNIFICANT = "Significant: add to the chronology"
CONCERN_ON_CHRONOLOGY = "Significant event: shown on the chronology."
CONCERN_SAVE = "Save record"
CONCERN_DRAFT_SAVED = "Draft saved {when}, encrypted in the casebook"
CONCERN_DRAFT_NOT_YET = "Drafts are saved as you type"
CONCERN_SAVED = "Record of concern saved."
CONCERN_CLOSE_TITLE = "Keep this draft?"
CONCERN_CLOSE_TEXT = "This record of concern has not been saved yet. Keep it as a draft to finish later, or discard it?"
CONCERN_KEEP_DRAFT = "Keep draft"
NEED_CHILD = "Choose the child this concern is about."
NEED_REPORTER = "Say who reported the concern."
NEED_CATEGORY = "Choose at least one category."
NEED_FACTS = "Describe what was seen or heard."
NEED_REASONS = "Record the reasons for the decision, including a decision not to refer."
NEED_ACTION_FIELDS = "Each action needs what, who and by when (or remove it)."
OBSERVED_IN_FUTURE = "The time seen or heard cannot be in the future."

# ---- amend -----------------------------------------------------------------------------------------
AMEND_TITLE = "Amend a record of concern"
AMEND_ORIGINAL = "As it stands now"
AMEND_CHANGES = "Your amendment"
AMEND_REASON = "Reason for the amendment"
AMEND_REASON_HINT = "Required. The original is kept, with your name, the time and this reason."
AMEND_SAVE = "Save amendment"
AMEND_NEED_REASON = "Say why you are amending this record."
AMEND_NOTHING = "Nothing has changed, so there is nothing to amend."
AMENDED_NOTE = "Amended {count} time(s); earlier versions are kept below."
EARLIER_VERSION = "Version {version}, replaced {when} by {by}. Reason: {reason}"

# ---- settings --------------------------------------------------------------------------------------
SETTINGS_TITLE = "Settings"
SETTINGS_IDLE = "Lock after this many minutes without use"
SETTINGS_CLIPBOARD = "Clear copied text after (seconds)"
SETTINGS_USERS = "People who can unlock this casebook"
SETTINGS_ADD_DEPUTY = "Add a deputy DSL…"
SETTINGS_CHANGE_PASS = "Change my passphrase…"
ADD_DEPUTY_TITLE = "Add a deputy DSL"
ADD_DEPUTY_TEXT = (
    "The deputy chooses their own passphrase now, at this computer. They unlock with their own name and "
    "passphrase, and what they record carries their name."
)
ADD_DEPUTY_DONE = "{name} can now unlock the casebook with their own passphrase."
CHANGE_PASS_TITLE = "Change my passphrase"
CHANGE_PASS_CURRENT = "Current passphrase"
CHANGE_PASS_DONE = "Your passphrase has been changed."

# ---- help ------------------------------------------------------------------------------------------
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
ABOUT_TEXT = (
    "<p><b>DSL Casebook</b> {version}</p>"
    "<p>An offline, encrypted casebook for Designated Safeguarding Leads in schools in England.</p>"
    "<p>Everything is stored on this computer only, encrypted with a key that your passphrase unlocks. "
    "The casebook locks itself after {minutes} minutes without use.</p>"
)

# ---- add a child -----------------------------------------------------------------------------------
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

# ---- chronology tab, export and print (ui/windows/chronology_tab.py, ui/dialogs/export_pdf.py) ---------
CHRONO_COLUMNS = (
    "",
    "Date / period",
    "Significant event",
    "Source / agency",
    "Impact on the child",
    "Action taken and outcome",
    "Recorded by",
)
CHRONO_HINT_COLUMN_TIP = "A gentle suggestion about this entry's wording (hover or select the entry to read it)"
CHRONO_HINT_COUNT = "{count} suggestions"
CHRONO_IMPACT_LABELS = {"positive": "Positive", "negative": "Negative", "unknown": "Not known"}
CHRONO_ADD = "Add entry…"
CHRONO_ADD_TIP = "An event from another agency, or from before the child joined (an approximate date is fine)"
CHRONO_EDIT = "Edit wording…"
CHRONO_EDIT_TIP = "Put this entry in your own words. The original is always kept."
CHRONO_TIMELINE = "Timeline"
CHRONO_PRINT = "Print…"
CHRONO_EXPORT = "Export PDF…"
CHRONO_FROM = "From"
CHRONO_TO = "To"
CHRONO_ANY_DATE = "Any"
CHRONO_CATEGORY = "Category"
CHRONO_ALL_CATEGORIES = "All categories"
CHRONO_SOURCE_FILTER = "Source or agency contains…"
CHRONO_SIGNIFICANT_ONLY = "Significant only"
CHRONO_CLEAR = "Clear filters"
CHRONO_TABLE_NAME = "Chronology"
CHRONO_EMPTY = "No chronology entries match. Significant records appear here as you record them."
CHRONO_ENTRY_TAB = "This entry"
CHRONO_SUMMARY_TAB = "Summary"
CHRONO_TOTAL = "Total"
CHRONO_RISING = "▲ rising"
CHRONO_RISING_TIP = "▲ rising: more in the last two quarters than in any two quarters before them."
CHRONO_SUMMARY_EARLIER = "{count} earlier quarters are counted in the totals."
CHRONO_SUMMARY_OTHER = "{count} entries have no category (referrals, plans, decisions, status changes)."
CHRONO_SUMMARY_HELP = "Entries by category per quarter, so a pattern building up stands out."
CHRONO_COUNT = "{count} entries · {hints} with suggestions"
CHRONO_NO_HINTS = "No suggestions: this entry says what happened, who said so, the action and the impact."
CHRONO_HINTS_TITLE = "Suggestions (they never stop you saving or exporting)"
CHRONO_WORDING = "Your chronology wording"
CHRONO_SOURCE = "Source record"
CHRONO_MANUAL_ENTRY = "Entered by hand"
CHRONO_ADD_TITLE = "Add a chronology entry"
CHRONO_EDIT_TITLE = "Edit the chronology wording"
CHRONO_ADD_NOTE = (
    "For events from other agencies or from before the child joined. If you only know roughly when, "
    "give a period such as “Spring 2019” or “2018”."
)
CHRONO_AMEND_NOTE = "This is an amendment: the original wording is kept, with your name, the time and your reason."
CHRONO_CURATE_NOTE = (
    "This gives the chronology your own wording for this event. The record it comes from is not changed."
)
CHRONO_WHEN = "When"
CHRONO_EXACT_DATE = "Date"
CHRONO_APPROXIMATE = "Approximate period"
CHRONO_PERIOD_HINT = "e.g. Spring 2019, March 2020, 2018"
CHRONO_EVENT = "Significant event (facts: what happened)"
CHRONO_SOURCE_LABEL = "Source / agency"
CHRONO_SOURCE_HINT = "Who told us, e.g. Health visitor, Police, previous school"
CHRONO_NO_CATEGORY = "No category"
CHRONO_IMPACT = "Impact on the child"
CHRONO_IMPACT_KIND = "Impact was"
CHRONO_ACTION = "Action taken and outcome"
CHRONO_RECORDED_BY = "Recorded by"
CHRONO_SIGNIFICANT = "Significant (shown in the chronology)"
CHRONO_NEED_EVENT = "Say what happened."
CHRONO_NEED_PERIOD = "Give an approximate period with a year, such as “Spring 2019” or “2018”."
CHRONO_EXPORT_TITLE = "Export the chronology as a PDF"
CHRONO_PRINT_TITLE = "Chronology"
CHRONO_PRINT_PAGE = "Page {page} of {pages}"
CHRONO_PRINT_BY = "Printed by {name} on {when}"
CASE_EXPORT = "Export"
CASE_EXPORT_PACK = "Export referral pack…"
CASE_EXPORT_PACK_TITLE = "Export the referral pack as a PDF"
CASE_EXPORT_MASH = "Export MASH enquiry…"
CASE_EXPORT_MASH_TITLE = "Export the MASH enquiry as a PDF"
CASE_EXPORT_MASH_NONE = "No MASH enquiry has been started for this child."
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

# ---- damaged casebook, backups and exports that leave the vault (issue 8) ----
UNLOCK_DAMAGED = "This casebook's file is damaged and cannot be opened safely. Nothing has been changed."
UNLOCK_DAMAGED_NO_BACKUP = (
    "There is no good backup to restore from. Leave the casebook folder as it is and ask your IT support for help."
)
UNLOCK_RESTORE_OFFER = (
    "The newest good backup was made on {when}. Restoring it puts the damaged file aside (nothing is deleted); "
    "anything recorded after {when} is not in the backup."
)
UNLOCK_RESTORE_BUTTON = "Restore the newest good backup"
PAGES_DAMAGED = (
    "DSL Casebook checked this casebook's file after unlocking and found that part of it is damaged (a disk or "
    "sync fault). Nothing has been changed, and no backup of the damaged file will replace a good one."
)
PAGES_DAMAGED_RESTORE = (
    "The newest good copy is {name}. Lock the casebook now and restore it: the damaged file is kept aside, "
    "not deleted. Anything recorded since that copy was made will need to be added again."
)
PAGES_LOCK_AND_RESTORE = "Lock and restore…"
PAGES_LATER = "Not now"
UNLOCK_RESTORING = "Restoring…"
SETTINGS_BACKUPS = "Backups"
SETTINGS_BACKUPS_DAILY = "Daily backups to keep"
SETTINGS_BACKUPS_WEEKLY = "Weekly backups to keep"
SETTINGS_BACKUP_NOW = "Back up now"
SETTINGS_BACKUP_DONE = "Backup made and checked: {name}"
SETTINGS_BACKUPS_HELD = (
    "{n} older automatic backup(s) hold far more records than the casebook does now, so they are being kept and "
    "will not rotate out. If records were removed by mistake, restore the newest of them."
)
SETTINGS_BACKUPS_RELEASE = "The casebook is smaller on purpose…"
SETTINGS_BACKUPS_RELEASE_CONFIRM = (
    "Only continue if records were disposed of on purpose under the retention policy. The older, larger backups "
    "will then rotate out as usual. This is recorded in the audit trail. Continue?"
)
SETTINGS_EXPORT_PLAIN = "Export whole casebook (unencrypted)…"
EXPORT_BUNDLE_CHILD = "Export this child's case bundle…"
EXPORT_UNENCRYPTED_TITLE = "Export without encryption"
EXPORT_UNENCRYPTED_WARNING = (
    "The file you are about to save is NOT encrypted: anyone who can reach it can read every record in it. "
    "Save it only somewhere you control, and delete it when it is no longer needed. The export is recorded in "
    "the audit trail. Re-enter your passphrase to go on."
)
EXPORT_UNENCRYPTED_DONE = "Saved, unencrypted, to {path}"
