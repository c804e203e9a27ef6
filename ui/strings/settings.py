"""The settings dialog, adding a deputy DSL and changing a passphrase."""

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
SETTINGS_TEAM = "Team casebook"
SETTINGS_TEAM_MERGE = "Merge now"
SETTINGS_TEAM_NONE = (
    "This casebook is not shared with a team: only this laptop has it. Your deputy DSLs can each have their own "
    "copy, kept up to date through a folder the school already syncs."
)
SETTINGS_TEAM_STATUS = (
    "Last merge: {when}. Changes waiting to go to the team folder: {pending}. Files waiting: {waiting}."
)
SETTINGS_TEAM_NEVER = "not yet"
SETTINGS_TEAM_REJECTED = (
    "Rejected: {n} file(s) in the team folder failed their checks and were not used. First: {first}"
)
SETTINGS_TEAM_REMOVED = "This laptop has been removed from the team; its own copy still opens as before."
SETTINGS_TEAM_DEVICES = "Devices: {names}."
