"""Workbench page(s): mapview (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
