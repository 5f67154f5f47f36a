import logging

logger = logging.getLogger(__name__)


def notify_venue(event):
    try:
        _send_email(event["venue_email"], event)
    except Exception:
        pass


def notify_client(event):
    try:
        _send_email(event["client_email"], event)
    except Exception:
        logger.warning("client notification failed", exc_info=True)


def _send_email(address, event):
    if not address:
        raise ValueError("no address")
