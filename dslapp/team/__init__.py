"""The team casebook (issue 18): change files, their encryption and signatures, the hybrid logical clock,
enrolment codes and the fold that makes every device's copy of a record the same.

Pure parts only: bytes and dicts in, bytes and dicts out. No SQL (that is ``dslapp.store.team``) and no
network: files in a folder another program replicates are the only transport.
"""
