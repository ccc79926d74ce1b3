"""Briefs: the drafted brief as data (`model`), and its Markdown, HTML, PDF and DOCX renderings (`render`)."""
