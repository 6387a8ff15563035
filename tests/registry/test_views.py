"""The registers' pages: issue (once per form), the register and its Excel, distribute,
acknowledge, register a received scan from its reading, handle it, and what is overdue."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.registry import services
from danvan.registry.models import Distribution, Incoming, Outgoing
from tests.conftest import login

D = dt.date


def test_the_office_issues_a_document_once_whatever_the_clicks(world, term):
    client = login(world.admin)
    url = reverse("registry:issue", kwargs={"pk": world.root.pk})
    assert client.get(url).status_code == 200
    data = {
        "type_code": "KH",
        "title": "Kế hoạch công tác dân vận",
        "issued_on": "02/03/2026",
        "signer": "Trần Đức Lai",
        "submission": "b" * 32,
    }
    first = client.post(url, {**data, "file": SimpleUploadedFile("kh.pdf", b"%PDF-1.4")})
    again = client.post(url, data)
    outgoing = Outgoing.objects.get()
    assert first.status_code == again.status_code == 302 and first.url == again.url
    assert outgoing.number == "01-KH/ROOT" and outgoing.file
    assert client.get(reverse("registry:outgoing_file", kwargs={"pk": outgoing.pk})).status_code == 200


def test_the_register_lists_filters_and_exports_with_text_kept_as_text(world, term):
    services.outgoing_issue(actor=world.admin, org=world.root, type_code="BC", title='=HYPERLINK("http://x")', issued_on=D(2026, 3, 2))
    services.outgoing_issue(actor=world.admin, org=world.root, type_code="CV", title="Công văn", issued_on=D(2026, 3, 3))
    client = login(world.observer)
    url = reverse("registry:outgoing", kwargs={"pk": world.root.pk})
    page = client.get(url, {"type": "CV"})
    assert [o.number for o in page.context["page"]] == ["01-CV/ROOT"]
    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    titles = [row[3].value for row in sheet.iter_rows(min_row=2)]
    assert '=HYPERLINK("http://x")' in titles and sheet.cell(row=2, column=4).data_type == "s"


def test_distribute_acknowledge_and_remind_through_the_pages(world, term):
    outgoing = services.outgoing_issue(
        actor=world.admin,
        org=world.root,
        type_code="BC",
        title="Báo cáo",
        issued_on=D(2026, 3, 2),
        recipients="- Chi bộ Phòng 1\n- Lưu VPĐU",
    )
    office = login(world.admin)
    detail = office.get(reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk}))
    assert world.cell1.pk in detail.context["suggested"]
    office.post(reverse("registry:distribute", kwargs={"pk": outgoing.pk}), {"orgs": [world.cell1.pk, world.cell2.pk], "ask_read": "1"})
    assert Distribution.objects.filter(outgoing=outgoing).count() == 2
    incoming = Incoming.objects.get(org=world.cell1, outgoing=outgoing)
    secretary = login(world.secretary)
    page = secretary.get(reverse("registry:incoming_detail", kwargs={"pk": incoming.pk}))
    assert "Xác nhận đã nhận" in page.content.decode()
    secretary.post(reverse("registry:acknowledge", kwargs={"pk": incoming.pk}))
    office.post(reverse("registry:remind", kwargs={"pk": outgoing.pk}))
    counts = office.get(reverse("registry:outgoing_detail", kwargs={"pk": outgoing.pk})).context["counts"]
    assert counts == {"total": 2, "acknowledged": 1, "read": 0}
    assert (
        Distribution.objects.filter(outgoing=outgoing, reminded_at__isnull=False).count() == 2
    )  # cell 2 unacknowledged, cell 1 to confirm reading


def test_a_received_scan_is_registered_with_its_stamp_and_fields(world):
    from django.core.files.base import ContentFile

    from danvan.documents.models import Document, DocumentStatus

    parsed = {
        "issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
        "title": "Về công tác dân vận",
        "received": {"by": "Chi bộ Phòng 1", "serial": 940, "date": "2013-08-30"},
    }
    document = Document(org=world.cell1, name="cv.pdf", size=3, sha256="1" * 64, status=DocumentStatus.TO_REVIEW, parsed=parsed)
    document.number, document.doc_type, document.issued_on, document.title = (
        "754-CT/ĐU",
        "CHƯƠNG TRÌNH",
        "2013-08-28",
        "Về công tác dân vận",
    )
    document.file.save("cv.pdf", ContentFile(b"PDF"), save=False)
    document.save()
    client = login(world.secretary)
    url = reverse("registry:receive", kwargs={"pk": world.cell1.pk})
    form = client.get(url, {"document": document.pk}).context["form"]
    assert form.initial["serial"] == 940 and form.initial["received_on"] == D(2013, 8, 30)
    assert form.initial["sender"].startswith("ĐẢNG ỦY KHỐI") and form.initial["doc_number"] == "754-CT/ĐU"
    response = client.post(
        url + f"?document={document.pk}",
        {
            "received_on": "30/08/2013", "serial": "940", "sender": form.initial["sender"], "doc_number": "754-CT/ĐU",
            "doc_date": "28/08/2013", "doc_type": "Chương trình", "title": "Về công tác dân vận", "urgency": "normal",
            "handler": world.person1.pk, "handle_days": "5",
        },
    )  # fmt: skip
    incoming = Incoming.objects.get()
    assert response.status_code == 302 and (incoming.year, incoming.serial, incoming.document) == (2013, 940, document)
    assert incoming.handler == world.person1 and incoming.handle_by == D(2013, 9, 9)  # five working days, 2/9 a holiday


def test_a_document_past_its_handling_deadline_shows_on_the_to_do_and_the_dashboard(world):
    services.incoming_register(
        actor=world.admin, org=world.cell1, sender="Đảng ủy Khối", title="Công văn", received_on=D(2026, 4, 1), handle_days=2
    )
    for name in ("programs:todo", "rollup:dashboard"):
        body = login(world.observer).get(reverse(name, kwargs={"pk": world.cell1.pk})).content.decode()
        assert "quá hạn xử lý" in body


def test_the_secretary_handles_it(world):
    incoming = services.incoming_register(
        actor=world.admin, org=world.cell1, sender="Đảng ủy Khối", title="Công văn", received_on=D(2026, 4, 1)
    )
    url = reverse("registry:incoming_detail", kwargs={"pk": incoming.pk})
    assert login(world.observer).post(url, {"result": "x"}).status_code == 403
    login(world.secretary).post(
        url, {"handler": world.person1.pk, "handle_by": "10/04/2026", "result": "Đã triển khai", "handled_on": "09/04/2026"}
    )
    incoming.refresh_from_db()
    assert incoming.result == "Đã triển khai" and incoming.handled_on == D(2026, 4, 9)


def test_the_program_page_lists_the_documents_issued_under_it_that_the_user_sees(world, program, term):
    services.term_create(actor=None, org=world.cell2, name="2025–2030", start=D(2025, 1, 1))
    services.outgoing_issue(
        actor=world.admin, org=world.root, type_code="KH", title="Kế hoạch của Đảng ủy", issued_on=D(2026, 3, 2), program=program
    )
    services.outgoing_issue(
        actor=None, org=world.cell2, type_code="KH", title="Kế hoạch của Chi bộ 2", issued_on=D(2026, 3, 2), program=program
    )
    url = reverse("programs:detail", kwargs={"pk": program.pk})
    assert [o.title for o in login(world.observer).get(url).context["documents"]] == ["Kế hoạch của Chi bộ 2", "Kế hoạch của Đảng ủy"]
    from danvan.programs import services as program_services
    from danvan.programs.models import Adoption

    program_services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    assert Adoption.objects.filter(program=program, org=world.cell1).exists()
    seen = [o.title for o in login(world.secretary).get(url).context["documents"]]
    assert seen == []  # neither the committee's nor the sibling cell's register is the secretary's


def test_the_handler_sees_what_waits_for_them_on_their_own_list(world):
    services.incoming_register(
        actor=world.admin, org=world.cell1, sender="Đảng ủy Khối", title="Công văn về dân vận", received_on=D(2026, 4, 1),
        handler=world.person1, handle_days=2,
    )  # fmt: skip
    body = login(world.secretary).get(reverse("programs:my_tasks")).content.decode()
    assert "Công văn về dân vận" in body and "quá hạn từ" in body
