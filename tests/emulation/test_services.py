""" "Dân vận khéo" from registration to certificate: the rules of each step, the counters, the
decision through the registry, and the certificate's text."""

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from danvan.audit.models import AuditEntry
from danvan.emulation import selectors, services
from danvan.emulation.counters import COUNTER
from danvan.emulation.models import EmulationCounter, NominationStatus, Practice
from danvan.registry.services import term_create
from tests.emulation.conftest import PRACTICE, TODAY, register

D = dt.date


def _jpeg(width=64, height=48) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(out, "JPEG")
    return SimpleUploadedFile("ảnh hướng dẫn.jpg", out.getvalue(), content_type="image/jpeg")


def test_a_unit_registers_a_model_in_its_committees_campaign(world, campaign):
    practice = register(world, campaign)
    assert (practice.org, practice.org_kind, practice.status) == (world.cell1, "cell", "registered")
    with pytest.raises(ValidationError, match="Chỉ các đơn vị|Only the units"):
        register(world, campaign, org=world.outside_cell)
    with pytest.raises(ValidationError):
        services.practice_register(actor=world.secretary, campaign=campaign, org=world.cell2, today=D(2026, 6, 1), **PRACTICE)  # closed
    with pytest.raises(ValidationError):
        register(world, campaign, goals="  ")  # every field committees ask for
    with pytest.raises(ValidationError):
        register(world, campaign, ends_on=D(2026, 1, 1))
    stats = selectors.statistics(world.root, 2026)
    assert stats["total"]["registered"] == 1 and next(f for f in stats["fields"] if f["field"] == "administration")["registered"] == 1
    assert selectors.statistics(world.org_b, 2026)["total"]["registered"] == 0
    assert COUNTER.reconcile() == []


def test_progress_with_photos_and_files_and_a_year_end_review(world, campaign):
    practice = register(world, campaign)
    minutes = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    progress = services.progress_add(actor=world.secretary, practice=practice, reported_on=D(2026, 6, 1), text="Đã hướng dẫn 120 hộ.",
                                     files=[_jpeg(), minutes])  # fmt: skip
    photo, other = progress.evidence.order_by("pk")
    assert (photo.is_photo, photo.width, photo.height, photo.name) == (True, 64, 48, "ảnh hướng dẫn.jpg")
    assert other.is_photo is False
    fake = SimpleUploadedFile("anh.jpg", b"not a picture at all", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        services.progress_add(actor=world.secretary, practice=practice, reported_on=D(2026, 6, 2), text="x", files=[fake])
    with pytest.raises(ValidationError, match="40"):
        services.progress_add(actor=world.secretary, practice=practice, reported_on=D(2026, 6, 2), text="x", files=[_jpeg(8000, 6000)])
    assert practice.progress.count() == 1  # the refused ones wrote nothing
    with pytest.raises(ValidationError):
        services.practice_review(actor=world.secretary, practice=practice, review="Đạt", reviewed_on=D(2026, 11, 30), replicated=True)
    services.practice_review(
        actor=world.secretary, practice=practice, review="Đạt và vượt mục tiêu.", reviewed_on=D(2026, 11, 30), replicated=True,
        replicated_where="Tổ dân phố số 6, số 7",
    )  # fmt: skip
    assert COUNTER.sums(world.root.path, year=2026) == {"registered": 1, "replicated": 1, "reviewed": 1, "commended": 0}
    services.practice_update(actor=world.secretary, practice=practice, **{**PRACTICE, "field": "culture"})
    assert EmulationCounter.objects.get(node_path=world.root.path).field == "culture"
    assert COUNTER.reconcile() == []


def test_the_council_scores_with_averages_and_nobody_scores_their_own_unit(world, campaign, council):
    chair, member, neighbour = council
    with pytest.raises(ValidationError):
        services.council_appoint(actor=world.admin, campaign=campaign, person=world.person2, role="chair")  # one chair
    nomination = services.nominate(actor=world.secretary, campaign=campaign, practice=register(world, campaign), achievements="120 hộ")
    with pytest.raises(ValidationError):
        services.nominate(actor=world.secretary, campaign=campaign, practice=nomination.practice, achievements="lại")
    services.score(actor=None, member=chair, nomination=nomination, points=[28, 20, 22, 18], comment="Thiết thực")
    services.score(actor=None, member=member, nomination=nomination, points=[25, 20, 20, 15])
    with pytest.raises(ValidationError):
        services.score(actor=None, member=member, nomination=nomination, points=[31, 20, 20, 15])  # over the criterion's 30
    with pytest.raises(ValidationError):
        services.score(actor=None, member=member, nomination=nomination, points=[25, 20])  # one per criterion
    with pytest.raises(ValidationError, match="xung đột|conflict"):
        services.score(actor=None, member=neighbour, nomination=nomination, points=[30, 25, 25, 20])  # a member of Chi bộ Phòng 1
    services.score(actor=None, member=neighbour, nomination=nomination, points=[], conflict=True)
    row = selectors.nominations_of(campaign).get()
    assert (row.average, row.scored, row.conflicts) == (84.0, 2, 1)  # (88 + 80) / 2, the declared conflict left out
    services.score(actor=None, member=member, nomination=nomination, points=[30, 25, 25, 20])  # scored again
    assert selectors.nominations_of(campaign).get().average == 94.0


def test_the_decision_is_issued_through_the_registry_and_the_certificate_reads_in_vietnamese(
    world, campaign, council, tmp_path, django_capture_on_commit_callbacks
):
    chair, member, _neighbour = council
    practice = register(world, campaign)
    collective = services.nominate(actor=world.secretary, campaign=campaign, practice=practice, achievements="120 hộ")
    person = services.nominate(actor=world.secretary, campaign=campaign, person=world.person1, org=world.cell1, achievements="Gương mẫu")
    other = services.nominate(
        actor=world.secretary, campaign=campaign, practice=register(world, campaign, org=world.cell2, name="Mô hình khác"), achievements="x"
    )
    for nomination in (collective, person, other):
        services.score(actor=None, member=chair, nomination=nomination, points=[20, 20, 20, 15])
    with pytest.raises(ValidationError):  # the committee has no term yet: no number to give
        services.commend(actor=world.admin, campaign=campaign, nominations=[collective], issued_on=D(2026, 10, 15), signer="Hoàng Văn Chủ",
                         signer_position="Bí thư")  # fmt: skip
    term_create(actor=world.admin, org=world.root, name="2025–2030", start=D(2025, 10, 1))
    with django_capture_on_commit_callbacks(execute=True):  # then the worker makes the certificates
        services.commend(actor=world.admin, campaign=campaign, nominations=[collective, person], issued_on=D(2026, 10, 15),
                         signer="Hoàng Văn Chủ", signer_position="Bí thư")  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.decision.number == "01-QĐ/ROOT" and campaign.decision.type_code == "QĐ"
    assert {n.pk: n.status for n in campaign.nominations.all()} == {
        collective.pk: NominationStatus.COMMENDED, person.pk: NominationStatus.COMMENDED, other.pk: NominationStatus.NOT_COMMENDED,
    }  # fmt: skip
    assert selectors.statistics(world.root, 2026)["total"]["commended"] == 2 and selectors.statistics(world.root, 2026)["individuals"] == 1
    with pytest.raises(ValidationError):
        services.commend(
            actor=world.admin, campaign=campaign, nominations=[other], issued_on=D(2026, 10, 16), signer="x", signer_position=""
        )
    with pytest.raises(ValidationError):
        services.score(actor=None, member=member, nomination=other, points=[30, 25, 25, 20])
    assert COUNTER.reconcile() == []
    assert AuditEntry.objects.filter(action="emulation.commend").count() == 1

    from danvan.emulation.certificate import certificate_pdf
    from danvan.emulation.models import Nomination

    made = {n.pk: bool(n.certificate) for n in Nomination.objects.filter(campaign=campaign)}
    assert made == {collective.pk: True, person.pk: True, other.pk: False}  # made by the job, before anyone opens one
    kept = Nomination.objects.get(pk=collective.pk)
    pdf = certificate_pdf(kept)
    assert pdf == kept.certificate.open("rb").read()
    late = Nomination.objects.get(pk=collective.pk)
    late.certificate = ""  # a visitor who read the row before the worker kept its file
    assert certificate_pdf(late) == pdf
    folder = Path(kept.certificate.path).parent
    kept_names = sorted(Path(n.certificate.name).name for n in Nomination.objects.exclude(certificate=""))
    assert sorted(p.name for p in folder.iterdir()) == kept_names
    (tmp_path / "gk.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "gk.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for words in ("GIẤY KHEN", "Chi bộ Phòng 1", "Mô hình “Dân vận khéo trong chuyển đổi số”", "“Dân vận khéo” năm 2026",
                  "Quyết định số 01-QĐ/ROOT ngày 15/10/2026", "Hoàng Văn Chủ", "ĐẢNG CỘNG SẢN VIỆT NAM", "BÍ THƯ"):  # fmt: skip
        assert words in flat, words
    info = subprocess.run(["pdfinfo", str(tmp_path / "gk.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "841.89 x 595.304 pts (A4)" in info  # one A4 landscape page
    assert Nomination.objects.get(pk=collective.pk).certificate  # made once, kept
    text = certificate_pdf(Nomination.objects.get(pk=person.pk))
    assert text.startswith(b"%PDF")


def test_the_counters_follow_an_org_move_and_reconcile_repairs_drift(world, campaign):
    from danvan.orgs.services import org_move

    register(world, campaign)
    org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b, on=TODAY)
    assert selectors.statistics(world.org_b, 2026)["total"]["registered"] == 1
    assert selectors.statistics(world.org_a, 2026)["total"]["registered"] == 0
    assert COUNTER.reconcile() == []
    EmulationCounter.objects.filter(node_path=world.root.path).update(registered=7)
    assert COUNTER.reconcile() and COUNTER.reconcile(fix=True) and COUNTER.reconcile() == []
    assert Practice.objects.get().org_path.startswith(world.org_b.path)


@pytest.mark.parametrize("points", ["²", "٣٠", "1e3", "", "0", "101"])
def test_criteria_points_that_are_not_plain_numbers_are_refused_with_a_message(points):
    with pytest.raises(ValidationError):
        services.read_criteria(f"Hiệu quả | {points}")
    assert services.read_criteria("Hiệu quả | 40\nSức lan tỏa: 60") == [{"name": "Hiệu quả", "max": 40}, {"name": "Sức lan tỏa", "max": 60}]
