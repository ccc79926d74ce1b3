-- Feeds an analyst follows, with what each poll learned, so failures stay visible.
CREATE TABLE feeds (
    id                   INTEGER PRIMARY KEY,
    url                  TEXT NOT NULL UNIQUE,
    title                TEXT,
    folder               TEXT,
    language             TEXT,
    outlet               TEXT,
    html_url             TEXT,
    etag                 TEXT,
    last_modified        TEXT,
    last_polled          TEXT,
    last_success         TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error           TEXT,
    next_poll            TEXT,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    added_at             TEXT NOT NULL
);

-- Archived bytes that are not themselves documents (a feed document, a Telegram export), by hash,
-- so capturing the same bytes twice reuses the first WARC record.
CREATE TABLE captures (
    sha256       TEXT PRIMARY KEY,
    archive      TEXT NOT NULL,
    offset       INTEGER NOT NULL,
    length       INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    origin       TEXT NOT NULL,
    captured     TEXT NOT NULL
);
