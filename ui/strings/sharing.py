"""Information sharing decisions."""

SHARING_RECORD = "Record a sharing decision"
# Information sharing advice for safeguarding practitioners (DfE, May 2024) and KCSIE 2025: consent is rarely
# the lawful basis for safeguarding sharing; schools normally rely on public task or legal obligation, with the
# DPA 2018 "safeguarding of children and of individuals at risk" condition (Schedule 1, Part 2, paragraph 18)
# for special category data.
SHARING_INTRO = (
    "Record every decision about sharing information, and the reasons, whether or not you shared. "
    "Consent is rarely the lawful basis for safeguarding sharing: a school normally shares under public task "
    "or legal obligation. A lack of consent is not a barrier where a child is at risk; be open with the family "
    "unless that would put the child at greater risk."
)
SHARING_SAVE = "Save the decision"
SHARING_DECIDED_ON = "Decided on"
SHARING_WHAT_PLACEHOLDER = "What information"
SHARING_WHAT = "What"
SHARING_WITH_WHOM_PLACEHOLDER = "Name, role and agency"
SHARING_WITH_WHOM = "With whom"
SHARING_WHY_PLACEHOLDER = "Why share it: the purpose, and what it means for the child"
SHARING_WHY = "Why"
SHARING_BASIS = "Lawful basis"
SHARING_CONSENT = "Consent"
SHARING_CONSENT_WHY_PLACEHOLDER = "If consent was not sought or was refused, why (e.g. it would increase risk)"
SHARING_CONSENT_WHY = "About consent"
SHARING_SHARED = "Shared"
SHARING_NOT_SHARED = "Not shared"
SHARING_DECISION = "Decision"
SHARING_REASONS_PLACEHOLDER = "The reasons for the decision, either way"
SHARING_REASONS = "Reasons"
SHARING_COLUMN_DATE = "Date"
SHARING_COLUMN_WITH_WHOM = "With whom"
SHARING_COLUMN_SHARED = "Shared?"
SHARING_COLUMN_WHAT = "What"
SHARING_LIST_NAME = "Information sharing"

# ---- choices, and what the record says
CONSENT_LABELS = {
    "given": "Consent given",
    "refused": "Consent refused",
    "not_sought": "Consent not sought",
    "not_needed": "Consent not needed",
}
LAWFUL_BASES = (
    "",
    "Public task (UK GDPR 6(1)(e)); safeguarding of children condition (DPA 2018 Sch 1 para 18)",
    "Legal obligation (UK GDPR 6(1)(c)); safeguarding of children condition (DPA 2018 Sch 1 para 18)",
    "Vital interests (UK GDPR 6(1)(d)): to protect someone's life",
    "Consent (UK GDPR 6(1)(a)): rarely the right basis for safeguarding",
)
SHARING_WHY_PREFIX = "Why share: {why}"  # written into the decision's reasons
SHARING_CONSENT_PREFIX = "Consent: {why}"
SHARING_MISSING = "Please fill in {missing}."
SHARING_MISSING_WHAT = "what"
SHARING_MISSING_WITH_WHOM = "with whom"
SHARING_MISSING_SHARED = "whether it was shared"
SHARING_MISSING_REASONS = "the reasons"
SHARING_MISSING_CONSENT_WHY = "why consent was not sought or was overridden"
