"""A damaged casebook, backups and restoring one."""

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
    "The newest good copy was made on {when}. Lock the casebook now and restore it: the damaged file is kept "
    "aside, not deleted. Anything recorded since that copy was made will need to be added again."
)
PAGES_LOCK_AND_RESTORE = "Lock and restore…"
PAGES_LATER = "Not now"
UNLOCK_RESTORING = "Restoring…"
SETTINGS_BACKUPS = "Backups"
SETTINGS_BACKUPS_DAILY = "Daily backups to keep"
SETTINGS_BACKUPS_WEEKLY = "Weekly backups to keep"
SETTINGS_BACKUP_NOW = "Back up now"
SETTINGS_BACKUP_DONE = "Backup made and checked: {name}"
SETTINGS_BACKUPS_HELD_ONE = (
    "An older automatic backup holds far more records than the casebook does now, so it is being kept and will "
    "not rotate out. If records were removed by mistake, restore it."
)
SETTINGS_BACKUPS_HELD = (
    "{n} older automatic backups hold far more records than the casebook does now, so they are being kept and "
    "will not rotate out. If records were removed by mistake, restore the newest of them."
)
SETTINGS_BACKUPS_RELEASE = "The casebook is smaller on purpose…"
SETTINGS_BACKUPS_RELEASE_CONFIRM = (
    "Only continue if records were disposed of on purpose under the retention policy. The older, larger backups "
    "will then rotate out as usual. This is recorded in the audit trail. Continue?"
)
BACKUP_MADE_AT = "{day} {made:%B %Y at %H:%M}"  # 3 March 2025 at 14:05
