-- What analysts note on documents in the workbench's triage: who has read what (each reader's own),
-- tags and notes (shared by everyone in the workspace; changes to them are audited).
CREATE TABLE document_reads (
    doc_id  TEXT NOT NULL,
    reader  TEXT NOT NULL,            -- account name
    at      TEXT NOT NULL,
    PRIMARY KEY (doc_id, reader)
);
CREATE INDEX document_reads_reader ON document_reads(reader);

CREATE TABLE document_tags (
    doc_id  TEXT NOT NULL,
    tag     TEXT NOT NULL,
    author  TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (doc_id, tag)
);
CREATE INDEX document_tags_tag ON document_tags(tag);

CREATE TABLE document_notes (
    id      INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL,
    author  TEXT NOT NULL,
    at      TEXT NOT NULL,
    text    TEXT NOT NULL
);
CREATE INDEX document_notes_doc ON document_notes(doc_id);

-- The triage page's caches of workspace-wide analysis (near-duplicates, stories) are keyed by the newest
-- change to any document: an index makes that one lookup.
CREATE INDEX documents_updated ON documents(updated_at);
