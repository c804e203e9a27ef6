-- Search-as-you-type stays fast in a large school. FTS5 answers a prefix query ("break"*) by
-- materialising every matching document, which costs tens of milliseconds for a common word.
-- Prefix indexes make 1-3 character prefixes cheap, and the vocabulary table lets the app expand
-- a longer prefix into the few real words it stands for ("breakfast", "breakfasts"), which FTS5
-- then walks newest-first and stops at the limit.
CREATE VIRTUAL TABLE search_rebuilt USING fts5 (
    text,
    child_id UNINDEXED,
    kind UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO search_rebuilt (rowid, text, child_id, kind) SELECT rowid, text, child_id, kind FROM search;
DROP TABLE search;
ALTER TABLE search_rebuilt RENAME TO search;

CREATE VIRTUAL TABLE search_terms USING fts5vocab (search, row);
