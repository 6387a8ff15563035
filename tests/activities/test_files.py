"""Files kept with an activity: uploaded with it or later, downloaded only inside the subtree."""

import datetime as dt
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from danvan.activities import services
from danvan.activities.models import Activity, ActivityFile
from danvan.audit.models import AuditEntry
from tests.conftest import login


def _form(world, **extra):
    return {
        "kind": "thematic_meeting",
        "title": "Sinh hoạt chuyên đề",
        "held_on": timezone.localdate().strftime("%d/%m/%Y"),
        "minutes": "Biên bản",
        "outsiders": "0",
        f"attendance_{world.person1.pk}": "present",
        **extra,
    }


def test_files_go_in_with_the_activity_and_come_back_out(world):
    secretary = login(world.secretary)
    files = [SimpleUploadedFile("Biên bản ký.pdf", b"%PDF-1.4 ..."), SimpleUploadedFile("ảnh hội nghị.jpg", b"\xff\xd8JPEG")]
    response = secretary.post(reverse("activities:create", kwargs={"pk": world.cell1.pk}), _form(world, files=files))
    assert response.status_code == 302, response.content.decode()[:1500]
    activity = Activity.objects.get()
    names = list(activity.files.values_list("name", flat=True))
    assert names == ["Biên bản ký.pdf", "ảnh hội nghị.jpg"]
    body = secretary.get(response["Location"]).content.decode()
    assert "Biên bản ký.pdf" in body and "ảnh hội nghị.jpg" in body
    kept = activity.files.get(name="Biên bản ký.pdf")
    download = login(world.observer).get(reverse("activities:file", kwargs={"pk": kept.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 ..."
    assert "Bi%C3%AAn%20b%E1%BA%A3n" in download["Content-Disposition"]  # the Vietnamese name survives
    assert login(world.outsider).get(reverse("activities:file", kwargs={"pk": kept.pk})).status_code == 404
    assert AuditEntry.objects.filter(action="activity.record", changes__files__1=names).exists()


def test_a_file_too_large_writes_nothing(world, monkeypatch):
    monkeypatch.setattr(services, "MAX_FILE_BYTES", 10)
    secretary = login(world.secretary)
    response = secretary.post(
        reverse("activities:create", kwargs={"pk": world.cell1.pk}),
        _form(world, files=[SimpleUploadedFile("to.pdf", b"x" * 11)]),
    )
    assert response.status_code == 200
    assert "to.pdf: lớn hơn" in response.content.decode()
    assert not Activity.objects.exists() and not ActivityFile.objects.exists()


def test_signed_minutes_added_later(world):
    activity = services.activity_record(
        actor=world.secretary, org=world.cell1, kind="study_session", title="Học tập nghị quyết", held_on=timezone.localdate(), tasks=[]
    )
    secretary = login(world.secretary)
    url = reverse("activities:attach", kwargs={"pk": activity.pk})
    response = secretary.post(url, {"files": [SimpleUploadedFile("bien-ban.docx", b"PK..")]})
    assert response.status_code == 302 and activity.files.count() == 1
    page = secretary.get(response["Location"]).content.decode()
    assert "Đã thêm 1 tệp" in page and "bien-ban.docx" in page
    assert "Chọn ít nhất một tệp" in secretary.post(url, {}, follow=True).content.decode()
    assert login(world.observer).post(url, {"files": [SimpleUploadedFile("x.txt", b"x")]}).status_code == 403
    assert activity.files.count() == 1


KEY = "ab" * 16


def test_files_attached_to_a_form_that_comes_back_stay_attached(world, django_capture_on_commit_callbacks):
    from danvan.audit.models import StagedFile

    secretary = login(world.secretary)
    url = reverse("activities:create", kwargs={"pk": world.cell1.pk})
    minutes = SimpleUploadedFile("bienban.pdf", b"%PDF-1.4 signed")
    response = secretary.post(url, _form(world, held_on="31/02/2026", submission=KEY, files=[minutes]))
    body = response.content.decode()
    assert response.status_code == 200 and not Activity.objects.exists()
    assert "Ngày 31/02/2026 không có" in body
    assert 'id="error-summary"' in body and 'href="#id_held_on"' in body
    staged = StagedFile.objects.get()
    assert "đã đính kèm: bienban.pdf" in body and f'name="staged" value="{staged.pk}" checked' in body

    # Someone else cannot claim it, even knowing the key and the id.
    login(world.officer).post(url, _form(world, submission="cd" * 16, staged=str(staged.pk)))
    assert not ActivityFile.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = secretary.post(url, _form(world, submission=KEY, staged=str(staged.pk)))
    assert response.status_code == 302
    activity = Activity.objects.get(created_by=world.secretary)
    assert list(activity.files.values_list("name", flat=True)) == ["bienban.pdf"]
    assert activity.files.get().file.read() == b"%PDF-1.4 signed"
    assert not StagedFile.objects.exists()


def test_a_staged_file_left_unticked_is_left_out(world):
    secretary = login(world.secretary)
    url = reverse("activities:create", kwargs={"pk": world.cell1.pk})
    secretary.post(url, _form(world, title="", submission=KEY, files=[SimpleUploadedFile("ảnh.jpg", b"\xff\xd8")]))
    response = secretary.post(url, _form(world, submission=KEY))  # the box was unticked
    assert response.status_code == 302
    assert not Activity.objects.get().files.exists()


def test_staged_files_of_abandoned_forms_are_purged_after_a_day(world):
    from danvan.audit import staging
    from danvan.audit.models import StagedFile

    secretary = login(world.secretary)
    secretary.post(
        reverse("activities:create", kwargs={"pk": world.cell1.pk}),
        _form(world, title="", submission=KEY, files=[SimpleUploadedFile("a.pdf", b"%PDF")]),
    )
    row = StagedFile.objects.get()
    path = row.file.path
    assert staging.purge(timezone.now()) == 0
    assert staging.purge(timezone.now() + dt.timedelta(days=1, minutes=1)) == 1
    assert not StagedFile.objects.exists()
    assert not Path(path).exists()


def test_an_org_lists_what_it_recorded_in_a_year(world):
    secretary = login(world.secretary)
    url = reverse("activities:create", kwargs={"pk": world.cell1.pk})
    secretary.post(url, _form(world, title="Sinh hoạt tháng", files=[SimpleUploadedFile("bb.pdf", b"%PDF")]))
    secretary.post(url, _form(world, title="Học tập chuyên đề", minutes=""))
    listing = reverse("activities:list", kwargs={"pk": world.cell1.pk})
    body = login(world.observer).get(listing).content.decode()
    assert "2 hoạt động" in body and "Sinh hoạt tháng" in body and "Học tập chuyên đề" in body
    assert "thiếu" in body  # the second has no minutes
    assert "Sinh hoạt tháng" not in login(world.observer).get(listing, {"year": timezone.localdate().year - 1}).content.decode()
    assert login(world.outsider).get(listing).status_code == 404
