"""Workbench page(s): reader (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
