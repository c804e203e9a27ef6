"""View models: what screens, documents and rules are given, built from records already read.

Pure: no database, no disk, no Qt. Services read the records and hand them here; guidance and export take
the results.
"""
