"""The About dialog: version, where the data lives, and the licences of what is bundled."""

ABOUT_TITLE = "About DSL Casebook"
ABOUT_VERSION = "Version {version}"
ABOUT_SUMMARY = (
    "An offline, encrypted casebook for Designated Safeguarding Leads in schools in England. It never uses the "
    "network: nothing is sent anywhere. The casebook locks itself after {minutes} minutes without use."
)
ABOUT_TAB_GENERAL = "About"
ABOUT_TAB_LICENCES = "Licences"
ABOUT_WHERE = "Where your data lives"
ABOUT_WHERE_NOTE = (
    "Uninstalling the app never removes these folders. To move to a new laptop, make a backup (Settings, "
    "Backups), restore it there, and unlock it with your passphrase or the recovery key from the school safe."
)
ABOUT_LOCATIONS = {
    "casebook": "Casebook (encrypted)",
    "settings": "Settings (no case data)",
    "logs": "Event log (no case data)",
}
ABOUT_LICENCES_INTRO = "DSL Casebook is built from these components. Choose one to read its licence and how it is used."
ABOUT_COMPONENTS = "Bundled components"
ABOUT_PACKAGES = "Python packages"
ABOUT_COMPONENT_LINE = "{name} {version}"
ABOUT_COMPONENT_LICENCE = "Licence: {licence}"
ABOUT_PACKAGE_DETAIL = (
    "{name} {version} is a Python package bundled with DSL Casebook under this licence: {licence}. Its full "
    "licence text is shipped with it in the program's folder."
)
ABOUT_QT_RUNNING = "Running on Qt {version}."
