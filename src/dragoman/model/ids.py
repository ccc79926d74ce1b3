"""Identifiers derived from content, so the same item always gets the same id."""

import hashlib


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_id(prefix: str, *parts: str) -> str:
    """A short stable id: `prefix` + 20 hex chars of SHA-256 over the parts (unit-separated)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:20]}"


def document_id(url: str | None, raw_sha256: str) -> str:
    """A document is its captured bytes at its address: same bytes + same URL = same document."""
    return content_id("d", url or "", raw_sha256)
