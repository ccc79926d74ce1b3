"""Turning outside material (files now; feeds, Telegram, WARC and URLs later) into stored Documents."""
