"""Use cases the UI and CLI call. Each takes plain arguments; one that writes returns ``results.Saved``
(the value written, the ``Changes`` and the prompts it computed)."""

from dslapp.services.changes import Changes

__all__ = ["Changes"]
