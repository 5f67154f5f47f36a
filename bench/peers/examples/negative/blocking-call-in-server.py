from fastapi import APIRouter

router = APIRouter()


@router.post("/rooms")
def approve(rooms, form):
    answer = form.input("approve")
    return answer == "y"
