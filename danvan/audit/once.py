"""Forms that create something, posted twice (a double click on a slow link, a retry), make one
thing. Each such form carries a one-time key (`{% submission_field %}`); the view runs the
service inside `submitted_once(key, ...)`, which claims the key in the same transaction. A second
post with the key waits for the first (the row lock of the unique key on PostgreSQL, the write
lock on SQLite), then gets `AlreadySubmitted` with the first's result page; a failed first post
rolls its claim back, so the form can be corrected and sent again."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.audit.models import Submission

KEY = re.compile(r"^[0-9a-f]{32}$")


class AlreadySubmitted(Exception):
    def __init__(self, submission: Submission | None):
        super().__init__("already submitted")
        self.submission = submission


def submission_key(request) -> str:
    key = (request.POST.get("submission") or "").strip()
    return key if KEY.match(key) else ""


@contextmanager
def submitted_once(request):
    """A transaction in which the form's key is claimed first; yields the claim (None without a
    key), whose `url` the caller sets to the page of what it made."""
    key = submission_key(request)
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        claim = None
        if key:
            try:
                with transaction.atomic():
                    claim = Submission.objects.create(key=key, user=user)
            except IntegrityError:
                raise AlreadySubmitted(Submission.objects.filter(key=key, user=user).first()) from None
        yield claim
        if claim is not None and claim.url:
            claim.save(update_fields=["url"])


def create_once(request, make) -> tuple[str, bool]:
    """Run `make()` — a service call that returns the address of what it made — once per form
    key. Returns (address, made now); for a form posted before, the first post's address. A
    ValidationError from `make` passes through, with nothing written."""
    try:
        with submitted_once(request) as claim:
            url = make()
            if claim is not None:
                claim.url = url
    except AlreadySubmitted as done:
        if done.submission is None or not done.submission.url:
            raise
        return done.submission.url, False
    return url, True


def form_create_once(request, form, make) -> tuple[str, bool] | None:
    """`create_once` for a view with a form: the service's refusal, or a second post of a form
    whose first post made nothing, becomes an error on the form (and None is returned)."""
    try:
        return create_once(request, make)
    except ValidationError as exc:
        form.add_error(None, exc)
    except AlreadySubmitted:
        form.add_error(None, _("This form was sent already."))
    return None


def sent_twice_message(made: bool, message: str) -> str:
    """What the page says after a create: `message`, or that the form had been sent before."""
    return message if made else _("This was done already: the form was sent twice.")


def saved_redirect(request, form, make):
    """A create form's post: `make` run once (`form_create_once`), then the redirect to the page it
    returns with "Saved." (or that the form had been sent before); None when the form must be shown
    again with the service's refusal on it."""
    from django.contrib import messages
    from django.shortcuts import redirect

    done = form_create_once(request, form, make)
    if done is None:
        return None
    messages.success(request, sent_twice_message(done[1], _("Saved.")))
    return redirect(done[0])
