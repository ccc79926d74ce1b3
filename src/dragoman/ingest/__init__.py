"""Turning outside material into stored Documents: collectors yield Items, `sources.ingest_sources` stores them.

files.py (pages, text), feeds.py (RSS/Atom/RDF), opml.py (feed lists), telegram.py (exports, t.me/s pages),
warcfile.py (WARC input), fetch.py (the polite, SSRF-guarded fetcher); items.py is the hand-over.
"""
