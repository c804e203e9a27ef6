"""Use cases the UI and CLI call. Each takes plain arguments and returns models plus a ``Changes`` record."""

from dslapp.services.changes import Changes

__all__ = ["Changes"]
