"""Login with throttling and two-factor, roles on the tree, accounts for people."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan import access
from danvan.access import Cap
from danvan.accounts import selectors, services
from danvan.accounts.forms import AccountCreateForm, ApiTokenForm, LoginForm, RoleGrantForm, TokenForm
from danvan.accounts.models import TokenScope
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.audit.services import audit_record
from danvan.lib.paging import page_of
from danvan.lib.query import PageQuery
from danvan.lib.text import fold
from danvan.orgs.models import WIDE_DEPTH

PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout(request, credentials, *args, **kwargs):
    """What django-axes answers once a user name has failed too often from one address."""
    return render(request, "accounts/login.html", {"form": LoginForm(request), "locked": True}, status=429)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def _qr_svg(text: str) -> str:
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return buffer.getvalue().decode()


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Enrol an authenticator app: show the secret as a QR code, confirm with one code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('accounts:totp_verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="danvan", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit_record(actor=request.user, action="user.totp_enrol", obj=request.user, changes={"two_factor": [False, True]})
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on for your account."))
            return redirect(_next(request))
        form.add_error("token", _("That code is not right. Check the time on your phone and try the newest code."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr": _qr_svg(device.config_url), "secret": secret, "next": _next(request)}
    return render(request, "accounts/totp_setup.html", context)


def _used_before(device: TOTPDevice, token: str) -> bool:
    """Whether `token` is the code of a time step already used to sign in (django-otp refuses a
    replay; this names it instead of calling it wrong)."""
    if device.last_t < 0 or not token.isdigit():
        return False
    return any(
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset):0{device.digits}d}" == token
        for offset in (0, -1)
        if TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t() + offset <= device.last_t
    )


@login_required
@require_http_methods(["GET", "POST"])
def totp_verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('accounts:totp_setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        allowed, _reason = device.verify_is_allowed()
        if allowed and _used_before(device, token):
            form.add_error("token", _("This code was used already: wait for the next code in the app."))
        elif allowed and device.verify_token(token):
            otp_login(request, device)
            return redirect(_next(request))
        else:
            form.add_error("token", _("That code is not right, or too many codes were tried; wait a little and try the newest code."))
    return render(request, "accounts/totp_verify.html", {"form": form, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def roles(request, pk):
    org = access.access_org(request.user, pk, Cap.MANAGE_ROLES)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = selectors.user_named(form.cleaned_data["username"])
        if user is None:
            form.add_error("username", _("This user name cannot be used."))
        else:

            def grant() -> str:
                services.role_grant(actor=request.user, user=user, org=org, role=form.cleaned_data["role"])
                return reverse("accounts:roles", kwargs={"pk": org.pk})

            done = form_create_once(request, form, grant)
            if done is not None:
                messages.success(request, sent_twice_message(done[1], _("Granted.")))
                return redirect(done[0])
    query = request.GET.get("q", "").strip()[:100]
    grants = access.grants_under(org)
    if query:
        grants = grants.filter(Q(user__username__icontains=query) | Q(user__person__name_folded__contains=fold(query)))
    number = PageQuery.read(request)["page"]
    page = page_of(grants, number, PAGE_SIZE, counted=org.depth > WIDE_DEPTH)  # a province's grants are not counted
    return render(request, "accounts/roles.html", {"org": org, "form": form, "page": page, "query": query})


@login_required
@require_POST
def role_revoke(request, pk):
    grant = access.access_grant(request.user, pk)
    org = grant.org
    if grant.user_id == request.user.pk and grant.role == "committee_admin":
        messages.error(request, _("You cannot take away your own administrator role."))
    else:
        services.role_revoke(actor=request.user, grant=grant)
        messages.success(request, _("Revoked."))
    return redirect("accounts:roles", pk=org.pk)


@login_required
@require_http_methods(["GET", "POST"])
def account_create(request, pk):
    """Give a person a login, with a role on the org they currently belong to."""
    person = access.access_person(request.user, pk, Cap.MANAGE_ROLES)
    membership = access.current_membership_seen(request.user, person)
    form = AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and membership is not None:

        def create() -> str:
            services.user_create(
                actor=request.user,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                person=person,
                org=membership.org,
                role=form.cleaned_data["role"],
            )
            return reverse("orgs:person", kwargs={"pk": person.pk})

        done = form_create_once(request, form, create)
        if done is not None:
            messages.success(request, sent_twice_message(done[1], _("Account created.")))
            return redirect(done[0])
    return render(
        request, "orgs/form.html", {"form": form, "person": person, "title": _("Account for %(name)s") % {"name": person.full_name}}
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "orgs/form.html"
    success_url = "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=self.request.user, action="user.password_change", obj=self.request.user)
        messages.success(self.request, _("Your password was changed."))
        return response

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Change password")}


def revoke_own_token(request, scope: str) -> bool:
    """The "revoke" button of a token list: the signed-in user's own token of `scope`, by its id."""
    value = request.POST.get("revoke", "")
    if not (value.isascii() and value.isdigit() and len(value) < 19):
        raise BadRequest(_("No such token."))
    token = selectors.own_token(request.user, int(value), scope=scope)
    if token is None:
        raise Http404
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Revoked."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The signed-in user's API tokens: make one (shown once, with an expiry), or revoke one."""
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke_own_token(request, TokenScope.API)
            return redirect("accounts:tokens")
        if form.is_valid():
            try:
                _token, new_key = services.token_create(
                    actor=request.user, user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
                )
                form = ApiTokenForm()
            except ValidationError as exc:
                form.add_error(None, exc)
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": selectors.own_tokens(request.user, scope=TokenScope.API), "new_key": new_key, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        services.notifications_read(user=request.user)
        return redirect("accounts:notifications")
    page = Paginator(selectors.notifications_of(request.user), PAGE_SIZE).get_page(PageQuery.read(request)["page"])
    return render(request, "accounts/notifications.html", {"page": page})
