"""Event-booking backend: a small FastAPI service with the kind of problems reviews find."""

import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.middleware.auth import require_api_key
from api.routes import events, health, messages

app = FastAPI(title="Venue booking")

app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_methods=["*"],
    allow_headers=["*"],
)
app.middleware("http")(require_api_key)

app.include_router(health.router)
app.include_router(events.router, prefix="/api/events")
app.include_router(messages.router, prefix="/api/messages")

if __name__ == "__main__":
    import uvicorn

    print("starting development server")
    uvicorn.run(app, host="127.0.0.1", port=int(os.getenv("PORT", "8000")))
