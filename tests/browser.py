"""Driving Debian's Chromium with Playwright: the launch flags, the pages' language and sign-in.
The `browser` fixture (tests/conftest.py) launches it; screenshots go to test-results/."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# As root on a closed network: no sandbox, and none of Chromium's calls home.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parent.parent / "test-results"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@contextmanager
def chromium():
    # Sync Playwright keeps an event loop in this thread, so Django's ORM would refuse the test's own queries.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make install` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def new_page(browser, **kwargs):
    # A Vietnamese browser: Accept-Language decides the interface language.
    context = browser.new_context(locale="vi-VN", **kwargs)
    return context.new_page()


def sign_in(page, live_server, username, password=PASSWORD, device=None):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if device is not None:
        page.wait_for_url("**/two-factor/verify/**")
        page.fill("#id_token", f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}")
        page.click("button[type=submit]")
    page.wait_for_load_state()
