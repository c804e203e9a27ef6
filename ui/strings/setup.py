"""The first-run wizard: welcome, about you and your school, the passphrase and the recovery key, the demo."""

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
SETUP_KEY_PRINT_BY = "Set up by {name} on {date}"
SETUP_STRENGTH_NAME = "Passphrase strength"
