-- Passage vectors for semantic, cross-lingual search (the embed stage): float16 BLOBs of `dim` values, searched
-- by brute force in numpy (Python's sqlite3 here cannot load extensions such as sqlite-vec). A span of (-1, -1)
-- is the title. Rows are replaced per document, so a re-run never duplicates them.
CREATE TABLE passage_vectors (
    id       INTEGER PRIMARY KEY,
    doc_id   TEXT NOT NULL,
    "start"  INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    model    TEXT NOT NULL,
    dim      INTEGER NOT NULL,
    vector   BLOB NOT NULL,
    UNIQUE (doc_id, "start", "end")
);
CREATE INDEX passage_vectors_doc ON passage_vectors(doc_id);
