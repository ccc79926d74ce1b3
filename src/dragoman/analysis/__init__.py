"""Analysis over stored documents: reports (each event and claim as one document tells it), stories (one
happening as all documents report it, with their conflicts) and Admiralty information credibility. Computed on
demand from the stored annotations; nothing here writes to the workspace."""

from .credibility import LABELS, assess, assess_claim, find_corroborating
from .model import Conflict, Credibility, Report, Story
from .reports import load_reports, reports_from_documents
from .stories import build_stories

__all__ = ["LABELS", "Conflict", "Credibility", "Report", "Story", "assess", "assess_claim", "build_stories",
           "find_corroborating", "load_reports", "reports_from_documents"]
