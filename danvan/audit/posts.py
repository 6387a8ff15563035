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


def edit_page(request, form, write, *, title: str, back: str, org, remove_url: str = "", remove_form=None):
    """A record's correction page (`edit.html`): the form filled with what is kept; a valid post
    runs `write(cleaned_data)` and goes back to `back` saying "Saved."; a refused one shows the
    form again with what the user typed and why. `remove_url` adds the removal, confirmed by a box."""
    from django.shortcuts import render

    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    context = {"form": form, "title": title, "back": back, "org": org, "remove_url": remove_url, "remove_form": remove_form}
    return render(request, "edit.html", context)


def remove(request, form, write, *, back: str, again: str):
    """A removal confirmed by `form`'s box: `write()` run, then to `back`; refused, back to `again` saying why."""
    return redirect(back if apply(request, form, lambda _data: write()) else again)
