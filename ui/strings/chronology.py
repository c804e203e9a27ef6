"""The chronology tab, its entries, the timeline, and the export and print of the chronology."""

CHRONOLOGY_COLUMNS = ("Date", "Significant event", "Source", "Impact on the child", "Action taken / outcome", "By")
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
