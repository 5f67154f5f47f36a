import sentry_sdk
import structlog
from fastapi import FastAPI, HTTPException

from app import jobs
from app.settings import APP_ENV

sentry_sdk.init(environment=APP_ENV)
log = structlog.get_logger()
app = FastAPI()


@app.post("/jobs/convert")
def convert(url: str, title: str, target: str = "pdf"):
    try:
        return {"path": jobs.convert(url, target, title)}
    except jobs.JobError as exc:
        raise HTTPException(status_code=422, detail=str(exc))
    except Exception as exc:
        log.exception("conversion failed")
        raise HTTPException(status_code=500, detail=f"conversion failed: {exc}")
