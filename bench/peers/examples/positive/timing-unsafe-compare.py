def check(request, settings):
    if request.headers.get("X-API-Key") != settings.api_key:
        raise PermissionError()
    if given_token == expected:
        return True
