"""The team casebook in the app (issue 18): Settings → Team (start, invite, remove) and the wizard's join."""

# ---- Settings → Team ---------------------------------------------------------------------------------------
TEAM_START = "Start a team casebook…"
TEAM_INVITE = "Invite a deputy…"
TEAM_REMOVE = "Remove a device…"
TEAM_DEMO_NOTE = "The demo casebook cannot be shared with a team."

# ---- start a team casebook -------------------------------------------------------------------------------------
TEAM_START_TITLE = "Start a team casebook"
TEAM_START_TEXT = (
    "Your deputy DSLs each keep their own copy of this casebook on their laptop, and the copies keep each other "
    "up to date through a folder the school already syncs: OneDrive or SharePoint, Google Drive, a network share "
    "or Syncthing.\n"
    "This casebook is copied into that folder encrypted; only the team's laptops can read it. DSL Casebook never "
    "uses the network itself: the school's sync program moves the files."
)
TEAM_START_FOLDER = "Team folder"
TEAM_START_FOLDER_HINT = "An empty folder, used for nothing else, that every member's laptop syncs."
TEAM_START_BROWSE = "Choose…"
TEAM_START_PASSPHRASE = "Your passphrase, again"
TEAM_START_BUTTON = "Start the team casebook"
TEAM_START_NEED_FOLDER = "Choose the team folder first."
TEAM_START_NEED_PASSPHRASE = "Type your passphrase again: the casebook is about to be copied out of this laptop."
TEAM_STARTED = "This casebook is now shared through {folder}. Invite each deputy DSL from here."

# ---- invite a deputy -------------------------------------------------------------------------------------------
TEAM_INVITE_TITLE = "Invite a deputy DSL"
TEAM_INVITE_MAKING = "Making a one-time code…"
TEAM_INVITE_TEXT = (
    "Read this code out to the deputy, in person or on the phone. Do not email or message it. It is shown only "
    "now: once this window is closed nobody can see it again."
)
TEAM_INVITE_CODE_NAME = "One-time enrolment code"
TEAM_INVITE_EXPIRES = "It works once, until {when}."
TEAM_INVITE_NEXT_TITLE = "What the deputy does next, on their own laptop"
TEAM_INVITE_NEXT = (
    "1. Make sure the team folder has synced to their laptop.\n"
    "2. Install DSL Casebook and choose \u201cJoin my team's casebook\u201d.\n"
    "3. Choose the same team folder, as it appears on their laptop.\n"
    "4. Type this code, their name and role, and a passphrase of their own."
)
TEAM_INVITE_DONE = "I have read the code out"

# ---- remove a device -------------------------------------------------------------------------------------------
TEAM_REMOVE_TITLE = "Remove a device from the team"
TEAM_REMOVE_TEXT = (
    "Remove a laptop when a member leaves the team or a laptop is lost. Its later changes are refused, and "
    "everything written from now on uses a new team key it never receives."
)
TEAM_REMOVE_LIST = "Devices in the team"
TEAM_REMOVE_DEVICE = "{name} ({role}) · device {short}"
TEAM_REMOVE_INVITED = "An invitation not yet used · device {short}"
TEAM_REMOVE_NONE = "There is no other device in the team to remove."
TEAM_REMOVE_PICK = "Choose the device to remove."
TEAM_REMOVE_HOLDS = (
    "Removing {name} cannot take anything back. That laptop still holds its own copy of the casebook as it was "
    "when it last synced (locked with that member's passphrase and recovery key), and it can still read every "
    "change written to the team folder before now. It gets nothing written after the removal."
)
TEAM_REMOVE_LOST = (
    "If the laptop was lost: also ask IT to take its account off the shared folder, and record the loss as a "
    "data breach decision with the DPO."
)
TEAM_REMOVE_BUTTON = "Remove this device"
TEAM_REMOVED_DONE = "{name} has been removed from the team."

# ---- the setup wizard: join ------------------------------------------------------------------------------------
JOIN_CHOICE = "Join my team's casebook"
JOIN_CHOICE_TEXT = (
    "Your DSL has started a team casebook and given you a one-time code. Your own copy is made from the "
    "team folder the school syncs to this computer."
)
JOIN_TITLE = "Join your team's casebook"
JOIN_TEXT = (
    "Choose the team folder as it appears on this computer (it must have finished syncing), and type the code "
    "your DSL read out to you."
)
JOIN_FOLDER = "Team folder"
JOIN_FOLDER_CHOOSE = "Choose the team folder"
JOIN_CODE = "Enrolment code"
JOIN_CODE_PLACEHOLDER = "e.g. ABCD-EFGH-JKLM-NPQR-STUV-WXYZ"
JOIN_NEED_FOLDER = "Choose the team folder: the one your school syncs to this computer."
JOIN_NEED_CODE = "Type the enrolment code your DSL read out to you."
JOIN_PASS_TEXT = (
    "Choose your own passphrase for your copy of the team casebook. Nobody else needs to know it. If it is "
    "lost, only the recovery key for your copy, shown next, can set a new one. Four or more unrelated words "
    "make a strong, memorable passphrase."
)
JOIN_BUTTON = "Join the team"
JOIN_WORKING_TITLE = "Joining your team's casebook"
JOIN_WORKING = "Measuring this computer, then making your copy from the team folder…"
JOIN_KEY_TEXT = (
    "This is the recovery key for your own copy of the team casebook (each member's copy has its own). If your "
    "passphrase is ever forgotten, it is the only way back in. It is shown this once: print it or write it "
    "down, and keep it in the school safe."
)
