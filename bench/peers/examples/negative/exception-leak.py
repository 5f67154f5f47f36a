import logging

from fastapi import HTTPException

logger = logging.getLogger(__name__)


def load(path):
    try:
        return read_config(path)
    except Exception:
        logger.exception("failed to load config")
        raise HTTPException(status_code=500, detail="Failed to load config")
