"""A small form posted from a page (close this, report on that, add one of those): run the write
and say on the page what came of it — "Saved.", or why not — then go back to the page. Create
forms go through `post_once`, so a form sent twice makes one thing (`danvan.audit.once`)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from danvan.audit.once import form_create_once, sent_twice_message


def form_errors(form) -> ValidationError:
    """A refused form's messages as one ValidationError (each field's, in order)."""
    return ValidationError([str(e) for errors in form.errors.values() for e in errors])


def say(request, write) -> bool:
    """Run `write()` and say what came of it; a ValidationError becomes the page's error. True when saved."""
    try:
        write()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    messages.success(request, _("Saved."))
    return True


def apply(request, form, write) -> bool:
    """`say` for a form: `write(cleaned_data)` when the form is valid, else its errors."""

    def run():
        if not form.is_valid():
            raise form_errors(form)
        write(form.cleaned_data)

    return say(request, run)


def post_once(request, form, write, url: str):
    """A create form posted from the page at `url`: `write(cleaned_data)` run once (a second post
    of the same form makes nothing), then back to `url` saying what came of it."""
    if form.is_valid():

        def run() -> str:
            write(form.cleaned_data)
            return url

        done = form_create_once(request, form, run)
        if done is not None:
            messages.success(request, sent_twice_message(done[1], _("Saved.")))
            return redirect(url)
    messages.error(request, " ".join(form_errors(form).messages))
    return redirect(url)
