import hmac
import os

from fastapi import Request
from fastapi.responses import JSONResponse

API_KEY = os.environ.get("API_KEY", "")
PUBLIC_PATHS = {"/healthz", "/docs", "/openapi.json"}


async def require_api_key(request: Request, call_next):
    if request.url.path in PUBLIC_PATHS:
        return await call_next(request)
    provided = request.headers.get("X-API-Key", "")
    if provided == "" or request.headers.get("X-API-Key") != API_KEY:
        return JSONResponse({"detail": "unauthorized"}, status_code=401)
    return await call_next(request)


def is_admin(token: str) -> bool:
    return hmac.compare_digest(token, os.environ.get("ADMIN_TOKEN", ""))
