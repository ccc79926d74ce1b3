-- Canonical entities: term-base concepts (id = the concept), names first seen in this workspace
-- (origin 'new', grouped across documents by their skeleton `key`), and entities an analyst split off.
CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,             -- canonical English; for new names, the spelling seen most
    origin      TEXT NOT NULL DEFAULT 'known' CHECK (origin IN ('known', 'new', 'split')),
    key         TEXT,                      -- skeleton key of a new name (kind + consonant classes)
    merged_into TEXT REFERENCES entities(id),
    created     TEXT NOT NULL
);
CREATE INDEX entities_key ON entities(key);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

-- Every mention of a name in a document, and why it sits where it does. `resolved_id` is what the resolver
-- said (NULL: unknown), `base_id` that or the entity an analyst's split or a new-name group assigned,
-- `entity_id` where it sits now after merges (NULL: an unknown name seen in one document only).
CREATE TABLE entity_links (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    surface     TEXT NOT NULL,
    label       TEXT,
    lang        TEXT,
    key         TEXT,
    resolved_id TEXT,
    base_id     TEXT,
    entity_id   TEXT REFERENCES entities(id),
    rule        TEXT NOT NULL,
    score       REAL NOT NULL,
    UNIQUE (doc_id, "start", "end")
);
CREATE INDEX entity_links_entity ON entity_links(entity_id, surface, score);
CREATE INDEX entity_links_doc ON entity_links(doc_id);
CREATE INDEX entity_links_key ON entity_links(key) WHERE entity_id IS NULL;

-- Each entity's spellings as seen (counts follow the links), plus variants an analyst pinned by a split:
-- a pinned variant is routed to its entity whenever the resolver lands on `pinned_from`.
CREATE TABLE entity_variants (
    entity_id   TEXT NOT NULL REFERENCES entities(id),
    variant     TEXT NOT NULL,
    script      TEXT NOT NULL,
    lang        TEXT,
    count       INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT,                      -- document id
    rule        TEXT,                      -- the rule behind its best-scored link
    score       REAL,
    pinned      INTEGER NOT NULL DEFAULT 0,
    pinned_from TEXT,
    PRIMARY KEY (entity_id, variant)
);
CREATE INDEX entity_variants_variant ON entity_variants(variant);

-- Merges and splits, automatic or by an analyst, with the rule and score that made them; undoable.
CREATE TABLE entity_merges (
    id        INTEGER PRIMARY KEY,
    op        TEXT NOT NULL DEFAULT 'merge' CHECK (op IN ('merge', 'split')),
    kept_id   TEXT NOT NULL REFERENCES entities(id),
    merged_id TEXT NOT NULL REFERENCES entities(id),   -- for a split: the new entity
    rule      TEXT NOT NULL,
    score     REAL,
    actor     TEXT NOT NULL CHECK (actor IN ('auto', 'analyst')),
    variants  TEXT NOT NULL DEFAULT '[]',             -- JSON list: the variants a split moved
    at        TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX entity_merges_kept ON entity_merges(kept_id);
CREATE INDEX entity_merges_merged ON entity_merges(merged_id);
