"""Pydantic models for every record kind (DESIGN §4), and the registry the store uses."""

from __future__ import annotations

from dslapp.models.alerts import AlertAcknowledgement
from dslapp.models.attachment import Attachment, MediaType
from dslapp.models.base import Amendment, ChildRecord, Record
from dslapp.models.child import (
    Child,
    ChildStatus,
    CourtOrder,
    Designation,
    OrderType,
    Person,
    Professional,
    StatusChange,
)
from dslapp.models.chronology import ChronologyEntry, Impact
from dslapp.models.concern import Action, BodyMark, BodyView, Category, Concern, DslDecision, MarkType, Severity
from dslapp.models.cpd import CpdRecord, LearningCardShown
from dslapp.models.early_help import (
    EarlyHelpPlan,
    EarlyHelpReview,
    Goal,
    GoalProgress,
    Judgement,
    ReviewDecision,
    ThresholdDecision,
)
from dslapp.models.family import ChildLink, Household, LinkRelationship
from dslapp.models.referral import Escalation, Referral, ReferralOutcome, ReferralStatus, SharingDecision
from dslapp.models.staff_report import (
    ReportingKey,
    StaffAccount,
    StaffReport,
    StaffReportTriage,
    TriageOutcome,
)
from dslapp.models.statutory import CpCategory, EncompassNotice, StatutoryRecord, StatutoryType
from dslapp.models.supervision import LearningNote, SupervisionNote
from dslapp.models.transfer import Transfer, TransferDirection

RECORD_KINDS: dict[str, type[Record]] = {
    cls.KIND: cls
    for cls in (
        Child,
        AlertAcknowledgement,
        Person,
        Professional,
        StatusChange,
        CourtOrder,
        Concern,
        Action,
        ChronologyEntry,
        EarlyHelpPlan,
        EarlyHelpReview,
        ThresholdDecision,
        Referral,
        Escalation,
        SharingDecision,
        SupervisionNote,
        LearningNote,
        Transfer,
        CpdRecord,
        LearningCardShown,
        ReportingKey,
        StaffReport,
        StaffReportTriage,
        Attachment,
        Household,
        ChildLink,
        StatutoryRecord,
        EncompassNotice,
    )
}

__all__ = [
    "RECORD_KINDS",
    "Action",
    "AlertAcknowledgement",
    "Amendment",
    "Attachment",
    "BodyMark",
    "BodyView",
    "Category",
    "Child",
    "ChildLink",
    "ChildRecord",
    "ChildStatus",
    "ChronologyEntry",
    "Concern",
    "CourtOrder",
    "CpCategory",
    "CpdRecord",
    "Designation",
    "DslDecision",
    "EarlyHelpPlan",
    "EarlyHelpReview",
    "EncompassNotice",
    "Escalation",
    "Goal",
    "GoalProgress",
    "Household",
    "Impact",
    "Judgement",
    "LearningCardShown",
    "LearningNote",
    "LinkRelationship",
    "MarkType",
    "MediaType",
    "OrderType",
    "Person",
    "Professional",
    "Record",
    "Referral",
    "ReferralOutcome",
    "ReferralStatus",
    "ReportingKey",
    "ReviewDecision",
    "Severity",
    "SharingDecision",
    "StaffAccount",
    "StaffReport",
    "StaffReportTriage",
    "StatusChange",
    "StatutoryRecord",
    "StatutoryType",
    "SupervisionNote",
    "ThresholdDecision",
    "Transfer",
    "TransferDirection",
    "TriageOutcome",
]
