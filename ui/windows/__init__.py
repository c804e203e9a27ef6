"""Screens: first-run setup, unlock, the main window and its pages (Today, caseload, child record)."""
