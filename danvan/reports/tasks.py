from django.core.files.base import ContentFile
from django_tasks import task

from danvan.reports import render
from danvan.reports.models import Rendering, RenderStatus
from danvan.reports.services import docx_of


@task()
def render_pdf(rendering_id: int) -> None:
    """The PDF of one version of a report, made by LibreOffice from the very `.docx` the page
    offers (kept for a filed version); a failure is kept on the row with its message."""
    rendering = Rendering.objects.select_related("report", "report__cycle", "report__org").get(pk=rendering_id)
    Rendering.objects.filter(pk=rendering_id).update(status=RenderStatus.RUNNING)
    try:
        pdf = render.pdf_from_docx(docx_of(rendering.report))
    except render.RenderError as exc:
        Rendering.objects.filter(pk=rendering_id).update(status=RenderStatus.FAILED, error=str(exc))
        return
    rendering.file.save(f"bao-cao-{rendering.report_id}-v{rendering.version}.pdf", ContentFile(pdf), save=False)
    rendering.pages = render.pdf_pages(pdf)
    rendering.status = RenderStatus.DONE
    rendering.error = ""
    rendering.save(update_fields=["file", "pages", "status", "error"])


@task()
def consolidate(report_id: int) -> None:
    """Sum a wide report's subordinates (hundreds or thousands of filed snapshots) in the
    background, moving its progress bar a batch at a time."""
    from danvan.reports.services import consolidation_run

    consolidation_run(report_id=report_id)
