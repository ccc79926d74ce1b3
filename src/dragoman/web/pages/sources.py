"""Workbench page(s): sources (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
