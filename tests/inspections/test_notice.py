"""The conclusion notice: issued through the registry after the conclusion, in the Party's format."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.inspections import services

D = dt.date


def test_the_conclusion_notice_is_issued_through_the_registry_in_the_party_format(world, tmp_path):
    import subprocess

    from danvan.inspections.notice import docx_bytes
    from danvan.registry.services import term_create
    from danvan.reports.render import pdf_from_docx

    inspection = services.inspection_plan(
        actor=world.officer, org=world.org_a, kind="thematic", title="Giám sát chuyên đề công tác dân vận năm 2026",
        scope="Việc thực hiện Quy chế dân chủ ở cơ sở", subjects=[world.cell1, world.cell2], starts_on=D(2026, 3, 2),
        ends_on=D(2026, 3, 20), decision="12-QĐ/ĐU", decided_on=D(2026, 2, 25),
    )  # fmt: skip
    with pytest.raises(ValidationError):  # not concluded yet
        services.notice_issue(actor=world.officer, inspection=inspection, issued_on=D(2026, 4, 1), signer="Nguyễn Văn Kết")
    services.inspection_conclude(
        actor=world.officer, inspection=inspection, findings="Hai chi bộ đã sinh hoạt chuyên đề.", conclusion="Cơ bản thực hiện tốt.",
        concluded_on=D(2026, 3, 25),
    )  # fmt: skip
    services.recommendation_add(
        actor=world.officer, inspection=inspection, org=world.cell2, text="Niêm yết kết quả thi đua", due=D(2026, 6, 30)
    )
    draft = docx_bytes(inspection, issued_on=D(2026, 4, 1))
    assert draft[:2] == b"PK"
    with pytest.raises(ValidationError):  # the party organization has no term: no number to give
        services.notice_issue(actor=world.officer, inspection=inspection, issued_on=D(2026, 4, 1), signer="Nguyễn Văn Kết")
    term_create(actor=world.officer, org=world.org_a, name="2025–2030", start=D(2025, 10, 1))
    services.notice_issue(actor=world.officer, inspection=inspection, issued_on=D(2026, 4, 1), signer="Nguyễn Văn Kết", position="Bí thư")
    inspection.refresh_from_db()
    notice = inspection.notice
    assert notice.number == "01-TB/A" and notice.type_code == "TB" and notice.title.startswith("Thông báo kết luận")
    assert notice.recipients.splitlines() == ["Chi bộ Phòng 1", "Chi bộ Phòng 2"]
    with pytest.raises(ValidationError):
        services.notice_issue(actor=world.officer, inspection=inspection, issued_on=D(2026, 4, 2), signer="Nguyễn Văn Kết")
    pdf = tmp_path / "tb.pdf"
    with notice.file.open("rb") as kept:
        pdf.write_bytes(pdf_from_docx(kept.read()))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for words in (
        "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ CỤC A", "Số 01-TB/A", "ngày 1 tháng 4 năm 2026", "THÔNG BÁO",
        "Kết luận giám sát chuyên đề: Giám sát chuyên đề công tác dân vận năm 2026", "Quyết định số 12-QĐ/ĐU ngày 25/02/2026",
        "Chi bộ Phòng 1, Chi bộ Phòng 2", "1. Kết quả", "Hai chi bộ đã sinh hoạt chuyên đề.", "2. Kết luận", "Cơ bản thực hiện tốt.",
        "Chi bộ Phòng 2: Niêm yết kết quả thi đua. Thời hạn: 30/06/2026", "Nơi nhận:", "Lưu Văn phòng.", "BÍ THƯ", "Nguyễn Văn Kết",
    ):  # fmt: skip
        assert words in text, words


def test_the_notice_from_the_inspections_page(world):
    from django.urls import reverse

    from danvan.registry.services import term_create
    from tests.conftest import login

    inspection = services.inspection_plan(
        actor=world.officer, org=world.org_a, kind="inspection", title="Kiểm tra công tác dân vận", scope="Dân vận",
        subjects=[world.cell1], starts_on=D(2026, 3, 2), ends_on=D(2026, 3, 20),
    )  # fmt: skip
    services.inspection_conclude(actor=world.officer, inspection=inspection, findings="Tốt", conclusion="Tốt", concluded_on=D(2026, 3, 25))
    term_create(actor=world.officer, org=world.org_a, name="2025–2030", start=D(2025, 10, 1))
    officer = login(world.officer)
    page = officer.get(reverse("inspections:detail", kwargs={"pk": inspection.pk})).content.decode()
    assert reverse("inspections:notice_issue", kwargs={"pk": inspection.pk}) in page
    draft = officer.get(reverse("inspections:notice", kwargs={"pk": inspection.pk}))
    assert draft.status_code == 200 and "du-thao" in draft["Content-Disposition"]
    refused = officer.post(reverse("inspections:notice_issue", kwargs={"pk": inspection.pk}), {"issued_on": "01/03/2026", "signer": "A"})
    assert refused.status_code == 302 and not type(inspection).objects.get().notice_id  # before the conclusion: refused
    officer.post(reverse("inspections:notice_issue", kwargs={"pk": inspection.pk}), {"issued_on": "01/04/2026", "signer": "Nguyễn Văn Kết"})
    inspection.refresh_from_db()
    assert inspection.notice.number == "01-TB/A"
    issued = login(world.secretary).get(reverse("inspections:notice", kwargs={"pk": inspection.pk}))  # the inspected cell reads it
    assert issued.status_code == 200 and "thong-bao-ket-luan-1.docx" in issued["Content-Disposition"]
