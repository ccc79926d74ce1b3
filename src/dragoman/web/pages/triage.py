"""Workbench page(s): triage (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
