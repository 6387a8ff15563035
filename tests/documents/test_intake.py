import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.documents import services
from danvan.documents.models import Document, DocumentStatus
from tests.conftest import login
from tests.parsing.conftest import SEED


def _upload(client, org, data: bytes, name="754.txt", capture=None):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    if capture is None:
        return client.post(reverse("documents:upload", kwargs={"pk": org.pk}), {"file": file})
    with capture(execute=True):
        return client.post(reverse("documents:upload", kwargs={"pk": org.pk}), {"file": file})


@pytest.fixture
def read_seed(world, django_capture_on_commit_callbacks):
    client = login(world.secretary)
    response = _upload(client, world.cell1, SEED.read_bytes(), capture=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert response["Location"] == reverse("documents:detail", kwargs={"pk": document.pk})
    document.refresh_from_db()
    return client, document


def test_an_upload_is_read_in_the_background_and_waits_for_review(read_seed):
    client, document = read_seed
    assert document.status == DocumentStatus.TO_REVIEW
    assert document.number == "754-CT/ĐU" and document.issued_on == "2013-08-28"
    assert len(document.parsed["tasks"]) == 19
    assert {"document.upload", "document.read"} <= set(AuditEntry.objects.values_list("action", flat=True))
    body = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert 'value="Đảng ủy Bộ Thông tin và Truyền thông"' in body
    assert "1-2 lần/năm" in body  # the cadence of II.1.3, in words
    assert "Trần Đức Lai" in body
    assert "Tổ chức sinh hoạt chi bộ chuyên đề" in body  # the text beside the fields


def _post_review(client, document, **changes):
    from danvan.documents.review import initial

    fields, tasks = initial(document.data)
    data = {k: ("" if v is None else v) for k, v in fields.items()}
    data.update({"tasks-TOTAL_FORMS": len(tasks), "tasks-INITIAL_FORMS": len(tasks), "tasks-MIN_NUM_FORMS": 0, "tasks-MAX_NUM_FORMS": 1000})
    for i, task in enumerate(tasks):
        for key, value in task.items():
            data[f"tasks-{i}-{key}"] = value
    data.update(changes)
    return client.post(reverse("documents:review", kwargs={"pk": document.pk}), data)


def test_a_reviewer_corrects_fields_and_tasks(read_seed, world):
    client, document = read_seed
    response = _post_review(
        client,
        document,
        superior="Đảng ủy Khối các cơ quan Trung ương",
        **{"tasks-2-cadence": "2 lần/năm", "tasks-18-DELETE": "on", "tasks-0-deadline": "Quý I/2014"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVIEWED and document.reviewed_by == world.secretary
    data = document.reviewed
    assert data["superior"] == "Đảng ủy Khối các cơ quan Trung ương"
    assert data["tasks"][2]["cadence"] == [{"per": "year", "min": 2, "max": 2, "on": None}]
    assert data["tasks"][0]["deadline"] == "2014-Q1"
    assert len(data["tasks"]) == 18
    assert data["sections"] == document.parsed["sections"]  # the outline round-trips unchanged
    assert data["date"] == "2013-08-28" and data["received"]["serial"] == 940
    entry = AuditEntry.objects.get(action="document.review")
    assert entry.changes["superior"] == [None, "Đảng ủy Khối các cơ quan Trung ương"]
    assert entry.changes["tasks"] == [19, 18]


def test_a_bad_correction_is_explained_and_nothing_is_saved(read_seed):
    client, document = read_seed
    response = _post_review(client, document, **{"tasks-1-cadence": "khi nào rảnh", "date": "31/02/2013"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "khi nào rảnh" in body and "Ngày 31/02/2013 không có" in body
    assert 'id="error-summary"' in body and 'href="#id_date"' in body and 'href="#id_tasks-1-cadence"' in body
    document.refresh_from_db()
    assert document.status == DocumentStatus.TO_REVIEW and document.reviewed is None


def test_an_observer_sees_the_reading_but_cannot_save_it(read_seed, world):
    _client, document = read_seed
    observer = login(world.observer)
    assert observer.get(reverse("documents:detail", kwargs={"pk": document.pk})).status_code == 200
    assert _post_review(observer, document).status_code == 403


def test_an_unreadable_file_says_what_to_do_and_can_be_read_again(world, django_capture_on_commit_callbacks):
    client = login(world.secretary)
    _upload(client, world.cell1, bytes(range(256)) * 20, name="junk.doc", capture=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert document.status == DocumentStatus.FAILED and document.error_code == "binary"
    assert AuditEntry.objects.filter(action="document.read_failed", object_id=str(document.pk)).exists()
    body = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert "Hãy tải lên tệp văn bản, Word (.docx), PDF hoặc ảnh" in body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:retry", kwargs={"pk": document.pk}))
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED  # the same bytes fail the same way, and say so again


def test_the_progress_bar_polls_until_the_reading_is_done(world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = login(world.secretary)
    _upload(client, world.cell1, SEED.read_bytes(), capture=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert document.status == DocumentStatus.QUEUED
    page = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page
    # One status on the page: the badge and the panel say the same, and each poll updates both.
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.READING, progress_done=2, progress_total=4)
    page = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert page.count('id="document-status"') == 1 and "Chờ đọc" not in page
    assert re.search(r'id="document-status"[^>]*>Đang đọc · trang 2 / 4<', page)
    polled = client.get(reverse("documents:progress", kwargs={"pk": document.pk}), HTTP_HX_REQUEST="true").content.decode()
    assert re.search(r'id="document-status"[^>]*hx-swap-oob="true">Đang đọc · trang 2 / 4<', polled)
    services.document_read(document.pk)
    response = client.get(reverse("documents:progress", kwargs={"pk": document.pk}), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert services.document_read(document.pk) is None  # a second worker finds nothing to claim


def test_an_empty_upload_is_refused_in_vietnamese(world):
    response = _upload(login(world.secretary), world.cell1, b"", name="empty.txt")
    assert response.status_code == 400
    assert "Tệp trống" in response.content.decode()
    assert not Document.objects.exists()


def test_the_list_shows_only_documents_in_scope(read_seed, world):
    assert "754-CT/ĐU" in login(world.observer).get(reverse("documents:list")).content.decode()
    assert "754-CT/ĐU" not in login(world.outsider).get(reverse("documents:list")).content.decode()
    assert "754-CT/ĐU" not in login(world.sibling_member).get(reverse("documents:list")).content.decode()


def test_every_note_the_reader_writes_has_a_translation(seed_text=None):
    from danvan.documents.notes import translate
    from danvan.parsing import parse_file, parse_text
    from tests.parsing.conftest import FIXTURES

    notes = set(parse_file(SEED).warnings)
    for path in (FIXTURES / "documents").glob("*.txt"):
        notes |= set(parse_file(path).warnings)
    notes |= set(parse_text("").warnings) | set(parse_text("xin chào").warnings)
    assert notes
    untranslated = [n for n in notes if translate(n) == n]
    assert not untranslated


def test_the_system_check_fails_early_without_tesseract_or_its_vietnamese(monkeypatch):
    from danvan.documents import checks

    assert checks.ocr_check(None) == []  # make install put both here
    monkeypatch.setattr(checks.shutil, "which", lambda name: None)
    assert [e.id for e in checks.ocr_check(None)] == ["documents.E001"]
    monkeypatch.setattr(checks.shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(checks, "_languages", lambda binary: {"eng", "osd"})
    assert [e.id for e in checks.ocr_check(None)] == ["documents.E002"]


def test_a_file_with_no_text_is_not_a_document(world, django_capture_on_commit_callbacks):
    """A blank photo: the reading ends in the error state with what to do, never "read, to review"."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (800, 1100), 255).save(buffer, format="PNG")
    client = login(world.secretary)
    _upload(client, world.cell1, buffer.getvalue(), name="trang.png", capture=django_capture_on_commit_callbacks)
    document = Document.objects.get()
    assert document.status == DocumentStatus.FAILED and document.error_code == "no_text"
    body = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert "Không đọc được chữ nào trong tệp này" in body
    response = client.post(reverse("documents:review", kwargs={"pk": document.pk}), {})
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED and response.status_code in (302, 400, 404)  # cannot be marked reviewed


def test_the_same_file_twice_links_to_the_document_already_there(read_seed, world, django_capture_on_commit_callbacks):
    client, first = read_seed
    response = _upload(client, world.cell1, SEED.read_bytes(), name="lan-hai.txt", capture=django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("documents:detail", kwargs={"pk": first.pk})
    assert Document.objects.count() == 1
    assert "đã có đúng tệp này" in client.get(response["Location"]).content.decode()
