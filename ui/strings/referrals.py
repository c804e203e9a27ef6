"""Referrals: the MASH enquiry, its editor, and its status (sent, acknowledged, outcome, disagreement)."""

REFERRAL_COLUMNS = ("Started", "Type", "Status", "Sent", "Outcome")
