"""Dialogs: record a concern, amend, recovery key, settings, help."""
