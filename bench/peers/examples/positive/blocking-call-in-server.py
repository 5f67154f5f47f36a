from fastapi import APIRouter

router = APIRouter()


@router.post("/rooms")
def approve(rooms):
    answer = input("Approve these rooms? [y/N] ")
    return answer == "y"
