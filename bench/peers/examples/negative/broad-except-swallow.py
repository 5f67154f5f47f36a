import logging

logger = logging.getLogger(__name__)


def load(path):
    try:
        config = load_config(path)
    except Exception:
        logger.warning("config %s unreadable, using defaults", path, exc_info=True)
        config = DEFAULT_CONFIG
    return config


def load_strict(path):
    try:
        return load_config(path)
    except Exception:
        cleanup()
        raise


def parse(text):
    try:
        return int(text)
    except ValueError:
        return None
