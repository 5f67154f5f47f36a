from fastapi import APIRouter

from workflows import room_review

router = APIRouter()


@router.post("/")
def handle_message(message: dict):
    rooms = message.get("rooms", [])
    approved = room_review.review_rooms(rooms)
    return {"approved": approved}
