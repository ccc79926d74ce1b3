-- Accounts for the workbench server. Tokens are random; only their scrypt hash is kept (with its salt).
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
    token_salt TEXT,
    token_hash TEXT,
    disabled   INTEGER NOT NULL DEFAULT 0,
    created    TEXT NOT NULL
);

-- Browser sessions: the cookie holds a random id; we keep its SHA-256 and the form (CSRF) token.
CREATE TABLE sessions (
    id_hash  TEXT PRIMARY KEY,
    user_id  INTEGER NOT NULL REFERENCES users(id),
    csrf     TEXT NOT NULL,
    created  TEXT NOT NULL,
    expires  TEXT NOT NULL
);

-- Every change an analyst or admin makes, with what it was before and after.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,          -- e.g. entity.merge, outlet.edit, translation.edit, brief.edit, user.add
    target  TEXT NOT NULL,
    before  TEXT,                   -- JSON
    after   TEXT                    -- JSON
);
CREATE INDEX audit_at ON audit(at);

-- Briefs an analyst drafts and edits: the Brief as JSON; what the analyst wrote is kept apart from the draft.
CREATE TABLE briefs (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL,
    request  TEXT NOT NULL DEFAULT '{}',   -- JSON: query, entity, from, to (to re-draft)
    data     TEXT NOT NULL,                -- JSON: the drafted Brief with the analyst's edits applied
    edits    TEXT NOT NULL DEFAULT '{}',   -- JSON: the analyst's own text, re-applied over every re-draft
    author   TEXT NOT NULL,
    created  TEXT NOT NULL,
    updated  TEXT NOT NULL
);

-- The document list pages newest first and filters by outlet: indexes so neither scans the (large) rows.
CREATE INDEX documents_published ON documents(published, rowid);
CREATE INDEX documents_outlet ON documents(outlet COLLATE NOCASE);
CREATE INDEX documents_source ON documents(source COLLATE NOCASE);
