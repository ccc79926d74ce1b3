"""Workbench page(s): timeline (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
