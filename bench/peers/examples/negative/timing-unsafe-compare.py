import hmac


def check(request, settings):
    if not hmac.compare_digest(request.headers.get("X-API-Key", ""), settings.api_key):
        raise PermissionError()
    if token is None or token == "":
        return False
    if len(password) == 0:
        return False
    return True
