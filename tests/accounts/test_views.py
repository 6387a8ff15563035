import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import Role, RoleGrant
from danvan.audit.models import AuditEntry
from tests.conftest import PASSWORD, login, make_person


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_the_login_page_is_in_vietnamese(db):
    body = Client().get(reverse("accounts:login")).content.decode()
    assert 'lang="vi"' in body
    assert "Đăng nhập" in body and "Mật khẩu" in body and "Tên đăng nhập" in body


def test_the_interface_switches_to_english(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("accounts:login")).content.decode()
    assert "Sign in to danvan" in body


def test_a_secretary_signs_in_with_a_password(world):
    client = Client()
    response = _sign_in(client, "secretary")
    assert response.status_code == 302
    assert client.get(reverse("orgs:tree")).status_code == 200


def test_a_wrong_password_gets_a_clear_message(world):
    response = _sign_in(Client(), "secretary", "wrong")
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_password_guessing_is_throttled(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "secretary", "guess")
    response = _sign_in(client, "secretary")  # even the right password is refused while locked
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_administrator_must_enrol_two_factor(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code is tried first; do not make the right one wait
    TOTPDevice.objects.filter(user=world.admin).delete()
    client = Client()
    _sign_in(client, "admin")
    response = client.get(reverse("orgs:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:totp_setup"))
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode()  # the QR code
    device = TOTPDevice.objects.get(user=world.admin, confirmed=False)
    assert client.post(reverse("accounts:totp_setup"), {"token": "000000" if _code(device) != "000000" else "111111"}).status_code == 200
    response = client.post(reverse("accounts:totp_setup"), {"token": _code(device), "next": reverse("orgs:tree")})
    assert response.status_code == 302
    assert client.get(reverse("orgs:tree")).status_code == 200
    assert AuditEntry.objects.filter(action="user.totp_enrol", actor=world.admin).exists()


def test_an_enrolled_administrator_must_give_a_code(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.get(user=world.admin)
    client = Client()
    _sign_in(client, "admin")
    response = client.get(reverse("orgs:detail", kwargs={"pk": world.root.pk}))
    assert response["Location"].startswith(reverse("accounts:totp_verify"))
    assert client.post(reverse("accounts:totp_verify"), {"token": "12ab"}).status_code == 200
    response = client.post(reverse("accounts:totp_verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.root.pk})).status_code == 200


def test_a_secretary_needs_no_second_step(world):
    client = Client()
    _sign_in(client, "secretary")
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.cell1.pk})).status_code == 200


def test_a_page_reads_the_session_and_the_unread_count_from_the_cache(world):
    """Every page shows the top bar of a signed-in user: neither its session nor its unread
    count is a query once read (both are made anew when they change: tests/reports/test_reminders.py)."""
    client = Client()
    _sign_in(client, "secretary")
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert "django_session" not in read and "accounts_notification" not in read
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302  # the session ended, in the cache too


def test_granting_and_revoking_roles_is_audited(world):
    client = login(world.admin)
    response = client.post(reverse("accounts:roles", kwargs={"pk": world.cell2.pk}), {"username": "officer", "role": Role.SECRETARY})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=world.officer, org=world.cell2)
    assert AuditEntry.objects.filter(action="role.grant", object_id=str(grant.pk), actor=world.admin).exists()
    client.post(reverse("accounts:role_revoke", kwargs={"pk": grant.pk}))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert AuditEntry.objects.filter(action="role.revoke", actor=world.admin).exists()


def test_the_roles_of_a_subtree_are_paged_and_searched(world, monkeypatch):
    from danvan.accounts import views
    from danvan.accounts.services import role_grant
    from tests.conftest import make_user

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    person = make_person(world.cell2, "Đinh Thị Bảy")
    role_grant(actor=None, user=make_user("bay", world.cell2, Role.OFFICER, person=person), org=world.cell1, role=Role.OBSERVER)
    client = login(world.admin)
    url = reverse("accounts:roles", kwargs={"pk": world.root.pk})
    first = client.get(url)
    assert len(first.context["page"].object_list) == 2 and first.context["page"].has_next()  # the whole tree: newest first
    assert [g.user.username for g in first.context["page"]] == ["bay", "bay"]
    assert client.get(url, {"page": 2}).context["page"].has_previous()
    found = client.get(url, {"q": "dinh thi bay"})  # a person's name without diacritics
    assert {g.org for g in found.context["page"]} == {world.cell1, world.cell2}
    assert [g.user.username for g in client.get(url, {"q": "SECRET"}).context["page"]] == ["secretary"]
    assert "Không có vai trò nào khớp" in client.get(url, {"q": "không ai"}).content.decode()
    cell = client.get(reverse("accounts:roles", kwargs={"pk": world.cell2.pk}))
    assert cell.context["page"].paginator.count == RoleGrant.objects.filter(org=world.cell2).count() >= 2  # a narrow subtree is counted


def test_an_administrator_cannot_grant_roles_outside_the_subtree(world):
    client = login(world.outsider)
    response = client.post(reverse("accounts:roles", kwargs={"pk": world.cell1.pk}), {"username": "outsider", "role": Role.SECRETARY})
    assert response.status_code == 404
    assert not RoleGrant.objects.filter(user=world.outsider, org=world.cell1).exists()


def test_a_person_gets_an_account_with_a_role(world):
    person = make_person(world.cell2, "Đinh Văn Sáu")
    client = login(world.admin)
    response = client.post(
        reverse("accounts:account_create", kwargs={"pk": person.pk}),
        {"username": "hai", "password": "a-long-pass-phrase-42", "role": Role.MEMBER},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__username="hai")
    assert grant.org == world.cell2 and grant.user.person == person
    assert _sign_in(Client(), "hai", "a-long-pass-phrase-42").status_code == 302


@pytest.mark.parametrize("password", ["short", "1234567890123"])
def test_weak_passwords_are_refused(world, password):
    person = make_person(world.cell2, "Đinh Văn Sáu")
    client = login(world.admin)
    response = client.post(
        reverse("accounts:account_create", kwargs={"pk": person.pk}), {"username": "hai", "password": password, "role": Role.MEMBER}
    )
    assert response.status_code == 200
    assert not RoleGrant.objects.filter(user__username="hai").exists()


def test_anyone_may_turn_on_two_factor_and_is_then_asked_for_it(world, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = Client()
    _sign_in(client, "secretary")
    client.get(reverse("accounts:totp_setup"))
    device = TOTPDevice.objects.get(user=world.secretary)
    client.post(reverse("accounts:totp_setup"), {"token": _code(device)})
    client.post(reverse("accounts:logout"))
    fresh = Client()
    _sign_in(fresh, "secretary")
    response = fresh.get(reverse("orgs:tree"))
    assert response["Location"].startswith(reverse("accounts:totp_verify"))


def test_api_tokens_expire_record_their_last_use_and_are_shown_once(world, settings):
    import datetime as dt

    from django.test import Client
    from django.utils import timezone

    from danvan.accounts.models import ApiToken
    from danvan.accounts.services import token_create

    settings.DANVAN_API_TOKEN_DAYS, settings.DANVAN_API_TOKEN_MAX_DAYS = 30, 90
    token, key = token_create(actor=None, user=world.secretary, name="script")
    assert abs((token.expires_at - timezone.now()) - dt.timedelta(days=30)) < dt.timedelta(minutes=1)
    assert Client().get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    with pytest.raises(ValidationError, match="90"):
        token_create(actor=None, user=world.secretary, name="long", days=365)
    client = login(world.secretary)
    import re

    made = client.post(reverse("accounts:tokens"), {"name": "phone", "days": "30"}).content.decode()
    shown = re.search(r"dv_[\w-]{20,}", made).group(0)
    assert shown not in client.get(reverse("accounts:tokens")).content.decode()  # never again


def test_revoking_a_token_by_a_strange_id_is_a_400(world):
    assert login(world.secretary).post(reverse("accounts:tokens"), {"revoke": "abc"}).status_code == 400


def test_a_right_code_just_after_a_wrong_one_is_accepted_and_a_reused_code_is_named(world):
    """With the project's throttling as configured (no test override): the newest code typed
    right after a mistyped one signs in; the same code a second time is "mã đã dùng"."""
    device = TOTPDevice.objects.get(user=world.admin)
    client = Client()
    client.force_login(world.admin)
    wrong = "000000" if _code(device) != "000000" else "111111"
    assert client.post(reverse("accounts:totp_verify"), {"token": wrong}).status_code == 200
    time.sleep(0.2)  # a person takes longer than this to type the next code
    response = client.post(reverse("accounts:totp_verify"), {"token": _code(device)})
    assert response.status_code == 302
    again = Client()
    again.force_login(world.admin)
    body = again.post(reverse("accounts:totp_verify"), {"token": _code(device)}).content.decode()
    assert "Mã đã dùng" in body
