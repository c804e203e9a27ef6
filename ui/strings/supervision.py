"""The supervision log and CPD record."""
