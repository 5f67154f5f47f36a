import json
from pathlib import Path

DB_PATH = Path(__file__).resolve().parent.parent / "events.json"


def load_events():
    if not DB_PATH.exists():
        return []
    return json.loads(DB_PATH.read_text())


def save_event(event):
    if "name" not in event:
        raise ValueError("an event needs a name")
    try:
        events = load_events()
    except Exception:
        events = []
    events.append(event)
    DB_PATH.write_text(json.dumps(events))
