-- Watchlists: saved searches matched against every document the pipeline stores, and what they caught.
-- `kind` says which test applies: query (full-text words), entity (a canonical entity, any spelling),
-- near (a resolved place within `km` of a point) or semantic (meaning, across languages).
CREATE TABLE watchlists (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind IN ('query', 'entity', 'near', 'semantic')),
    value       TEXT NOT NULL,             -- the words, entity name, place name or description as typed
    params      TEXT NOT NULL DEFAULT '{}',-- JSON: entity id, place point and km, languages
    webhook     TEXT,                      -- an http(s) address POSTed each new hit, or NULL
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

-- One row per (watchlist, document) caught. A document repeating a story already caught by the watchlist
-- is kept with `duplicate_of` set and is neither put in the feed nor sent to the webhook.
CREATE TABLE watchlist_hits (
    id            INTEGER PRIMARY KEY,
    watchlist_id  INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    doc_id        TEXT NOT NULL,
    matched_at    TEXT NOT NULL,
    why           TEXT NOT NULL,           -- what matched: the words, the spelling, the place and distance
    score         REAL,
    duplicate_of  TEXT,                    -- doc id of the earlier hit this repeats
    webhook_state TEXT CHECK (webhook_state IN ('pending', 'sent', 'failed')),
    webhook_tries INTEGER NOT NULL DEFAULT 0,
    webhook_error TEXT,
    UNIQUE (watchlist_id, doc_id)
);
CREATE INDEX watchlist_hits_recent ON watchlist_hits(watchlist_id, id);
CREATE INDEX watchlist_hits_pending ON watchlist_hits(webhook_state) WHERE webhook_state = 'pending';
