"""Workbench page(s): brief_editor (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
