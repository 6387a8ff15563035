"""Document intake: upload, progress while the reader works, review beside the text."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit.once import AlreadySubmitted, create_once
from danvan.documents import notes, services
from danvan.documents.models import DocumentStatus
from danvan.documents.review import ReadingForm, TaskFormSet, initial, read_back
from danvan.jobs import leases
from danvan.lib.query import PageField, QueryForm
from danvan.parsing import quality

# What went wrong, and what to do about it, for each reason the reader gives.
ERROR_HELP = {
    "empty": gettext_lazy("The file is empty. Check that you chose the right file."),
    "binary": gettext_lazy("This is not a document danvan can read. Upload a text, Word (.docx), PDF or image (scan) file."),
    "unsupported": gettext_lazy("This kind of file is not supported. Save it as Word (.docx) or PDF and upload it again."),
    "corrupt": gettext_lazy("The file is damaged. Open it on your computer, save it again (or export it as PDF) and upload it again."),
    "encrypted": gettext_lazy("The PDF is protected by a password. Save a copy without the password and upload it again."),
    "bomb": gettext_lazy(
        "The file unpacks to far more than its size, which is not normal for a document. Save it again and upload the new copy."
    ),
    "too_large": gettext_lazy("The file is too large. Split it, or scan at 300 dpi in black and white, and upload it again."),
    "ocr_missing": gettext_lazy(
        "Scans cannot be read on this server: Tesseract is not installed. Ask the administrator, or upload a Word or PDF copy."
    ),
    "ocr_failed": gettext_lazy("Reading the scan failed. Scan it again at 300 dpi, straight and in good light, and upload it again."),
    "io": gettext_lazy("The stored file could not be opened. Upload it again."),
    "no_text": gettext_lazy("No text could be read in this file: scan it again more clearly, or upload the Word or PDF copy."),
    "worker_died": gettext_lazy(
        "The reader stopped several times on this file (it may be too heavy for this server). Read it again, or upload a Word or PDF copy."
    ),
}


class ListQuery(QueryForm):
    status = forms.ChoiceField(choices=[("", "—"), *DocumentStatus.choices], required=False)
    page = PageField()


@login_required
@require_GET
def document_list(request):
    documents = access.visible_documents(request.user).prefetch_related("org")  # a join would drive the query from the orgs
    query = ListQuery.read(request)
    status = query["status"]
    if status:
        documents = documents.filter(status=status)
    page = Paginator(documents.order_by("-uploaded_at", "-id"), 30).get_page(query["page"])
    return render(request, "documents/list.html", {"page": page, "status": status, "statuses": DocumentStatus.choices})


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    error = None
    if request.method == "POST":
        file = request.FILES.get("file")
        if file is None:
            error = _("Choose a file to upload.")
        else:
            try:
                url, _made = create_once(
                    request,
                    lambda: reverse("documents:detail", kwargs={"pk": services.document_upload(actor=request.user, org=org, file=file).pk}),
                )
                return redirect(url)
            except services.AlreadyUploaded as exc:
                messages.info(
                    request,
                    _("This organization has this very file already (uploaded %(when)s): here it is.")
                    % {"when": exc.existing.uploaded_at.strftime("%d/%m/%Y")},
                )
                return redirect("documents:detail", pk=exc.existing.pk)
            except AlreadySubmitted:
                error = _("This form was sent already.")
            except ValidationError as exc:
                error = " ".join(exc.messages)
    return render(request, "documents/upload.html", {"org": org, "error": error}, status=400 if error else 200)


@login_required
@require_GET
def detail(request, pk):
    document = access.access_document(request.user, pk)
    caps = access.caps_at(request.user, document.org)
    context = {
        "document": document,
        "can_edit": Cap.RECORD in caps,
        "worker_alive": leases.worker_alive(),
        "help": ERROR_HELP.get(document.error_code, ""),
        "programs_made": list(document.programs.order_by("pk")[:10]),
        "can_make_program": Cap.MANAGE_TREE in caps and document.status == DocumentStatus.REVIEWED and not document.programs.exists(),
    }
    if document.status in (DocumentStatus.TO_REVIEW, DocumentStatus.REVIEWED):
        fields, tasks = initial(document.data)
        context["form"] = ReadingForm(initial=fields)
        context["formset"] = TaskFormSet(initial=tasks, prefix="tasks")
        context.update(_attention(context["formset"], document.data.get("tasks", [])))
        context["warnings"] = [notes.translate(w) for w in (document.parsed or {}).get("warnings", [])]
    return render(request, "documents/detail.html", context)


@login_required
@require_GET
def progress(request, pk):
    """Polled by the progress bar; once the reading is over the page reloads itself."""
    document = access.access_document(request.user, pk)
    context = {
        "document": document,
        "worker_alive": leases.worker_alive(),
        "can_edit": Cap.RECORD in access.caps_at(request.user, document.org),
    }
    response = render(request, "documents/_progress.html", context)
    if document.status not in (DocumentStatus.QUEUED, DocumentStatus.READING) and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def review(request, pk):
    document = access.access_document(request.user, pk, Cap.RECORD)
    if document.status not in (DocumentStatus.TO_REVIEW, DocumentStatus.REVIEWED):
        raise Http404
    form = ReadingForm(request.POST)
    formset = TaskFormSet(request.POST, prefix="tasks")
    if form.is_valid() and formset.is_valid():
        try:
            services.document_review(actor=request.user, document=document, data=read_back(form, formset, document.data))
            messages.success(request, _("The reviewed reading is saved."))
            return redirect("documents:detail", pk=document.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {
        "document": document,
        "can_edit": True,
        "form": form,
        "formset": formset,
        "warnings": (document.parsed or {}).get("warnings", []),
        **_attention(formset, [f.initial for f in formset.forms]),
    }
    return render(request, "documents/detail.html", context, status=400)


def _attention(formset, tasks: list[dict]) -> dict:
    """Each task form with what its task lacks (no lead, no time), and how many lack something."""
    lacks = [quality.missing(task) for task in tasks]
    lacks += [[] for _ in range(len(formset.forms) - len(lacks))]
    return {"task_rows": list(zip(formset.forms, lacks, strict=False)), "attention": sum(1 for lack in lacks if lack)}


@login_required
@require_POST
def retry(request, pk):
    document = access.access_document(request.user, pk, Cap.RECORD)
    try:
        services.document_retry(actor=request.user, document=document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_GET
def download(request, pk):
    document = access.access_document(request.user, pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
