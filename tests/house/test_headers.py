"""Headers every page carries, and messages that do not reveal what a user cannot see."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.accounts.services import user_create
from danvan.orgs import services
from tests.conftest import login


def test_a_content_security_policy_without_inline_scripts(world):
    response = login(world.secretary).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    script = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script
    assert "frame-ancestors 'none'" in policy


def test_no_page_carries_an_inline_script_or_handler():
    import re
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "danvan" / "templates"
    found = []
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=|javascript:", text):
            found.append(f"{path.relative_to(templates)}: {match.group(0)}")
    assert not found, found


def test_signed_in_pages_are_not_kept_by_caches(world):
    response = login(world.secretary).get(reverse("home"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_session_cookie_is_secure_whenever_the_request_is_https(world, client, settings):
    from tests.conftest import PASSWORD

    settings.SESSION_COOKIE_SECURE = False  # DANVAN_SECURE unset: a proxy terminates TLS and says so
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.post(
        reverse("accounts:login"), {"username": "secretary", "password": PASSWORD}, HTTP_X_FORWARDED_PROTO="https", secure=True
    )
    assert response.cookies["sessionid"]["secure"]


def test_an_org_code_used_elsewhere_is_just_not_usable(world):
    with pytest.raises(ValidationError) as caught:
        services.org_create(actor=world.secretary, parent=world.cell1, name="Tổ 1", kind="cell", code="OUT1", founded_on=None)
    message = " ".join(caught.value.messages)
    assert "không dùng được" in message and "tồn tại" not in message


def test_a_user_name_used_elsewhere_is_just_not_usable(world):
    with pytest.raises(ValidationError) as caught:
        user_create(actor=world.admin, username="outsider", password="a-long-enough-password-9")
    message = " ".join(caught.value.messages)
    assert "không dùng được" in message and "outsider" not in message.replace("“outsider”", "")


def test_error_pages_are_vietnamese_with_a_way_back(world):
    client = login(world.secretary)
    missing = client.get("/orgs/999999/")
    assert missing.status_code == 404 and "Không tìm thấy" in missing.content.decode() and 'href="/"' in missing.content.decode()
    outside = client.get(reverse("orgs:detail", kwargs={"pk": world.outside.pk}))
    assert outside.status_code == 404 and "Không tìm thấy" in outside.content.decode()  # outside the subtree: the same page
    refused = login(world.observer).get(reverse("orgs:create_child", kwargs={"pk": world.cell1.pk}))
    assert refused.status_code == 403 and "Không được phép" in refused.content.decode()


def test_the_500_page_needs_no_database():
    """No `db` fixture here: any query while rendering would raise."""
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Đã có lỗi trên máy chủ" in page
