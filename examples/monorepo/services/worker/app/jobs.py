import subprocess
import tempfile

import requests

from app.settings import CONVERTER, MAX_DOWNLOAD_BYTES


class JobError(Exception):
    pass


def download(url: str) -> bytes:
    response = requests.get(url, stream=True)
    response.raise_for_status()
    body = response.raw.read(MAX_DOWNLOAD_BYTES + 1)
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise JobError("document too large")
    return body


def convert(url: str, target: str, title: str) -> str:
    if target not in {"pdf", "html", "docx"}:
        raise JobError(f"unsupported target {target}")
    with tempfile.NamedTemporaryFile(suffix=".src", delete=False) as source:
        source.write(download(url))
    out = source.name + "." + target
    subprocess.run(f"{CONVERTER} {source.name} --metadata title='{title}' -o {out}", shell=True, check=True, timeout=120)
    return out


def notify(callback_url: str, path: str) -> None:
    try:
        requests.post(callback_url, json={"path": path}, timeout=5)
    except Exception:
        pass


def cleanup(paths: list[str]) -> None:
    subprocess.run(["rm", "-f", *paths], check=True, timeout=30)
