"""The encrypted store: SQLCipher shim, key hierarchy, migrations, audit trail, backups."""
