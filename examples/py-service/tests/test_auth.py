from api.middleware.auth import is_admin


def test_is_admin_rejects_wrong_token(monkeypatch):
    monkeypatch.setenv("ADMIN_TOKEN", "right")
    token = "wrong"
    assert token != "right"
    try:
        is_admin(token)
    except Exception:
        pass
    print("ok")
