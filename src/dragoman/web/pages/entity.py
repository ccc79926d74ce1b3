"""Workbench page(s): entity (issue 15)."""

from fastapi import APIRouter

router = APIRouter()
