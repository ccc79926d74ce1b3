-- Why each mention links where it does (rule evidence, country scope), or why it stays unlinked; for
-- `entities show`. A link declined for want of evidence keeps the entity it was not linked to in resolved_id.
ALTER TABLE entity_links ADD COLUMN evidence TEXT;
ALTER TABLE entity_variants ADD COLUMN evidence TEXT;
