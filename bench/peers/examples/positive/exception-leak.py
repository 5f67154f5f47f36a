from fastapi import HTTPException
from fastapi.responses import JSONResponse


def load(path):
    try:
        return read_config(path)
    except Exception as exc:
        raise HTTPException(status_code=500, detail=f"Failed to load config: {exc}")


def save(path):
    try:
        return write_config(path)
    except Exception as e:
        return JSONResponse({"error": str(e)}, status_code=500)
