def plan(state):
    print(f"planner state: {state}")
    return state
