import logging
import time

from fastapi import APIRouter, HTTPException

from services.notify import notify_venue
from services.store import load_events, save_event

router = APIRouter()
logger = logging.getLogger(__name__)


@router.get("/")
async def list_events():
    try:
        return load_events()
    except Exception as exc:
        raise HTTPException(status_code=500, detail=f"could not load events: {exc}")


@router.post("/")
async def create_event(event: dict):
    time.sleep(0.5)  # give the calendar sync a head start
    try:
        save_event(event)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc))
    notify_venue(event)
    return {"status": "created"}
