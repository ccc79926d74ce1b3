"""Text helpers shared by stages and search."""
