-- Documents: promoted columns for querying; the whole Document as JSON in `data`.
CREATE TABLE documents (
    rowid          INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    source         TEXT NOT NULL,
    outlet         TEXT,
    url            TEXT,
    title          TEXT,
    published      TEXT,
    language       TEXT,
    content_type   TEXT NOT NULL,
    capture_archive TEXT,
    capture_offset INTEGER,
    capture_sha256 TEXT,
    origin         TEXT,
    pipeline       TEXT NOT NULL DEFAULT '',      -- signature of the stage list last applied
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    data           TEXT NOT NULL,
    ingested_at    TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX documents_language ON documents(language);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_sha256 ON documents(capture_sha256);

-- Folded text (see dragoman.text.normalize) so Arabic and Russian match however they are written.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, translation, stems,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every ingest or pipeline run, with its settings and per-stage counts.
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('ingest', 'pipeline')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'interrupted')),
    settings    TEXT NOT NULL DEFAULT '{}',
    counts      TEXT NOT NULL DEFAULT '{}'
);

-- Skips and errors, one row per item and stage: nothing is lost.
CREATE TABLE run_events (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER NOT NULL REFERENCES runs(id),
    item     TEXT NOT NULL,          -- document id, or the path/URL that failed before it became one
    stage    TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('skip', 'error')),
    reason   TEXT NOT NULL,
    detail   TEXT,
    at       TEXT NOT NULL
);
CREATE INDEX run_events_run ON run_events(run_id);
