"""Repositories: SQL in, models out. Records are added or amended, never updated in place or deleted."""

from dslapp.store.records import RecordStore, SearchHit

__all__ = ["RecordStore", "SearchHit"]
