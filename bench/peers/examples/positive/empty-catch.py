def cleanup(task):
    try:
        task.remove()
    except Exception:
        pass


def cleanup_bare(task):
    try:
        task.remove()
    except:
        pass
