"""Escalations: disagreeing with another agency and stepping up."""

ESCALATION_COLUMNS = ("Raised", "Stage", "With", "Summary", "Resolved")
