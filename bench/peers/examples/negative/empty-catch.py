import logging

logger = logging.getLogger(__name__)


def cleanup(task):
    try:
        task.remove()
    except Exception:
        logger.warning("cleanup failed", exc_info=True)


def remove_if_there(path):
    try:
        path.unlink()
    except FileNotFoundError:
        pass
