from django_tasks import task

from danvan.documents.services import document_read


@task()
def read_document(document_id: int) -> None:
    """Background reading of an uploaded document (OCR can take seconds per page)."""
    document_read(document_id)
