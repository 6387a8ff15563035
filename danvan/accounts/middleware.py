from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.access import needs_two_factor

# The only pages a signed-in but not yet verified administrator may open.
_OPEN = ("accounts:login", "accounts:logout", "accounts:totp_setup", "accounts:totp_verify", "set_language", "healthz")


class TwoFactorMiddleware:
    """Committee administrators (and superusers) must pass a TOTP check after the password, and
    so must anyone who turned it on for themselves; until they do, every page sends them to
    enrolment or verification."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if self._open_paths is None:
                self._open_paths = tuple(reverse(name) for name in _OPEN)
            if request.path not in self._open_paths and not request.path.startswith("/static/"):
                enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                if enrolled or needs_two_factor(user):
                    target = "accounts:totp_verify" if enrolled else "accounts:totp_setup"
                    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Pages shown to a signed-in user are theirs: no shared or browser cache keeps them
    (`Cache-Control: private, no-store`); and the session and CSRF cookies are `Secure` whenever
    the request came over HTTPS, even where DANVAN_SECURE is not set (TLS ended at a proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "private, no-store"
        if request.is_secure():
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
                if name in response.cookies:
                    response.cookies[name]["secure"] = True
        return response
