"""The Today page."""

TODAY_GREETING_MORNING = "Good morning, {name}"
TODAY_GREETING_AFTERNOON = "Good afternoon, {name}"
TODAY_GREETING_EVENING = "Good evening, {name}"
TODAY_NOTHING = "Nothing here today."
TODAY_ALL_CLEAR = "Nothing is due or overdue. Well done."
TODAY_DUE = "due {date}"
TODAY_OVERDUE = "overdue since {date}"
TODAY_HINT = "Click an item, or select it and press Enter, to open the child's record."
TODAY_SUMMARY = "{overdue} overdue · {due} due this week · {total} in all"

# ---- local contacts (Today and the MASH editor; the contacts themselves are in resources/guidance)
LOCAL_CONTACTS_FORM = "Online form: {address}"
LOCAL_CONTACTS_ROUTE = "How to ask for support"
