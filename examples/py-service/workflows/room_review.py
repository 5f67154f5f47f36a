"""Step 3 of the booking workflow: decide which rooms to offer."""


def review_rooms(rooms):
    if not rooms:
        return []
    print(f"reviewing {len(rooms)} rooms")
    answer = input("Offer these rooms? [y/N] ")
    return rooms if answer.strip().lower() == "y" else []
