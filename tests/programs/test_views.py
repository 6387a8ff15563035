import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.documents.models import Document, DocumentStatus
from danvan.parsing import parse_file
from danvan.programs.models import Adoption, AdoptionStatus, Obligation, Program
from tests.conftest import login
from tests.parsing.conftest import SEED


def _reviewed_document(world):
    data = parse_file(SEED).to_dict()
    return Document.objects.create(
        org=world.root, name="754.txt", sha256="0" * 64, status=DocumentStatus.REVIEWED, parsed=data, reviewed=data
    )


def _program_from_document(world):
    admin = login(world.admin)
    document = _reviewed_document(world)
    assert "Tạo chương trình từ văn bản này" in admin.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    response = admin.post(reverse("programs:from_document", kwargs={"pk": document.pk}))
    program = Program.objects.get()
    assert response["Location"] == reverse("programs:detail", kwargs={"pk": program.pk})
    return admin, program


def test_the_office_makes_and_cascades_the_program(world):
    admin, program = _program_from_document(world)
    assert program.tasks.count() == 19 and program.document is not None
    root = Adoption.objects.get(program=program, org=world.root)
    admin.post(reverse("programs:cascade", kwargs={"pk": root.pk}), {"scope": "kind", "kind": "cell"})
    assert set(Adoption.objects.filter(status=AdoptionStatus.SENT).values_list("org__code", flat=True)) == {"A1", "A2", "B3"}
    body = admin.get(reverse("programs:detail", kwargs={"pk": program.pk})).content.decode()
    assert "3 tổ chức chưa tiếp nhận" in body


def test_a_secretary_adopts_records_a_meeting_and_the_matrix_turns_green(world, django_assert_max_num_queries):
    admin, program = _program_from_document(world)
    root = Adoption.objects.get(program=program, org=world.root)
    admin.post(reverse("programs:cascade", kwargs={"pk": root.pk}), {"scope": "kind", "kind": "cell"})
    secretary = login(world.secretary)
    adoption = Adoption.objects.get(org=world.cell1)
    meeting = program.tasks.get(ref="II.1.3")
    response = secretary.post(reverse("programs:adoption", kwargs={"pk": adoption.pk}), {f"responsible-{meeting.pk}": world.person1.pk})
    assert response["Location"] == reverse("programs:todo", kwargs={"pk": world.cell1.pk})
    assert Obligation.objects.filter(org=world.cell1, task=meeting).exists()
    today = timezone.localdate()
    response = secretary.post(
        reverse("activities:create", kwargs={"pk": world.cell1.pk}),
        {
            "kind": "thematic_meeting",
            "title": "Sinh hoạt chuyên đề dân vận",
            "held_on": today.strftime("%d/%m/%Y"),
            "minutes": "Chi bộ thảo luận và thống nhất ...",
            "tasks": [meeting.pk],
            "outsiders": "0",
            f"attendance_{world.person1.pk}": "present",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = secretary.get(response["Location"]).content.decode()
    assert "1 / 1 có mặt" in detail
    assert Obligation.objects.get(org=world.cell1, task=meeting).done == 1
    url = reverse("rollup:matrix", kwargs={"pk": program.pk}) + f"?org={world.org_a.pk}"
    body = admin.get(url).content.decode()
    assert "chưa tiếp nhận" in body  # cell 2 has not adopted
    with django_assert_max_num_queries(25) as captured:
        admin.get(url)
    for i in range(8):
        from tests.conftest import make_org

        make_org(world.org_a, f"Chi bộ thêm {i}", "cell", f"X{i}")
    with django_assert_max_num_queries(len(captured.captured_queries)):
        admin.get(url)


def test_the_to_do_list_and_waiving(world):
    admin, program = _program_from_document(world)
    obligation = Obligation.objects.filter(org=world.root).first()
    body = admin.get(reverse("programs:todo", kwargs={"pk": world.root.pk})).content.decode()
    assert obligation.task.ref in body
    waive = reverse("programs:waive", kwargs={"pk": obligation.pk})
    form = body.split(f'<form method="post" action="{waive}" class="inline">', 1)[1].split("</form>", 1)[0]
    assert 'name="csrfmiddlewaretoken"' in form and 'placeholder="Lý do"' in form  # the rows' form posts like any other
    admin.post(waive, {"reason": "Không áp dụng năm nay <b>"})
    obligation.refresh_from_db()
    assert obligation.waived_reason == "Không áp dụng năm nay <b>" and obligation.waived_by == world.admin
    body = admin.get(reverse("programs:todo", kwargs={"pk": world.root.pk})).content.decode()
    assert f'action="{waive}"' not in body and "Không áp dụng năm nay &lt;b&gt;" in body


def test_the_to_do_link_preselects_the_task_and_its_kind(world):
    import re

    _admin, program = _program_from_document(world)
    root = Adoption.objects.get(program=program, org=world.root)
    _admin.post(reverse("programs:cascade", kwargs={"pk": root.pk}), {"scope": "kind", "kind": "cell"})
    secretary = login(world.secretary)
    todo = secretary.get(reverse("programs:todo", kwargs={"pk": world.cell1.pk})).content.decode()
    row = next(r for r in re.findall(r'<tr class="state-[a-z]+">(.*?)</tr>', todo, re.S) if "II.1.3" in r)
    link = re.search(r'href="([^"]+\?task=\d+[^"]*)"', row).group(1).replace("&amp;", "&")
    form = secretary.get(link).content.decode()
    meeting = program.tasks.get(ref="II.1.3")
    assert re.search(rf'<input type="checkbox" name="tasks" value="{meeting.pk}"[^>]*checked', form)
    assert re.search(r'<option value="thematic_meeting" selected>', form)


def test_an_org_adds_a_task_of_its_own(world):
    _admin, program = _program_from_document(world)
    root = Adoption.objects.get(program=program, org=world.root)
    _admin.post(reverse("programs:cascade", kwargs={"pk": root.pk}), {"scope": "kind", "kind": "cell"})
    adoption = Adoption.objects.get(org=world.cell1)
    secretary = login(world.secretary)
    url = reverse("programs:adoption", kwargs={"pk": adoption.pk})
    response = secretary.post(
        url, {"own_ref": "CB.1", "own_text": "Tổ chức đối thoại với đoàn viên công đoàn", "own_cadence": "hằng quý", "own_deadline": ""}
    )
    assert response.status_code == 302
    task = program.tasks.get(ref="CB.1")
    assert task.added_by == world.cell1 and task.cadence == [{"per": "quarter", "min": None, "max": None, "on": None}]
    assert Obligation.objects.filter(org=world.cell1, task=task).exists()
    assert not Obligation.objects.filter(org=world.cell2, task=task).exists()
    again = secretary.post(url, {"own_ref": "CB.9", "own_text": "Gặp gỡ hội viên cựu chiến binh", "own_cadence": "khi rảnh"})
    body = again.content.decode()
    assert again.status_code == 400 and "khi rảnh" in body
    assert 'value="CB.9"' in body and "Gặp gỡ hội viên cựu chiến binh</textarea>" in body  # what was typed is kept
    assert login(world.observer).post(url, {"own_ref": "CB.2", "own_text": "y"}).status_code == 403


def test_a_large_cascade_makes_obligations_in_the_background(world, monkeypatch, settings, django_capture_on_commit_callbacks):
    from danvan.programs import services

    monkeypatch.setattr(services.obligations, "INLINE_CASCADE", 1)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    admin, program = _program_from_document(world)
    root = Adoption.objects.get(program=program, org=world.root)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("programs:cascade", kwargs={"pk": root.pk}), {"scope": "kind", "kind": "cell"})
    assert not Obligation.objects.filter(org=world.cell1).exists()  # queued, not made in the request
    body = admin.get(reverse("programs:detail", kwargs={"pk": program.pk})).content.decode()
    assert "<progress" in body and "1 / 4" in body and "every 2s" in body  # the issuer has its own; three cells wait
    program.refresh_from_db()
    assert program.generating_year == timezone.localdate().year
    assert services.generate_pending(program_id=program.pk, year=timezone.localdate().year) == 3
    assert Obligation.objects.filter(org=world.cell1, task__ref="II.1.3").exists()
    program.refresh_from_db()
    assert program.generating_year is None  # done: the page no longer counts the program's adoptions
    partial = admin.get(reverse("programs:generation", kwargs={"pk": program.pk})).content.decode()
    assert "<progress" not in partial
    with CaptureQueriesContext(connection) as queries:
        admin.get(reverse("programs:detail", kwargs={"pk": program.pk}))
    assert not any("COUNT" in q["sql"] and "obligations_year" in q["sql"] for q in queries.captured_queries)


def test_the_matrix_goes_several_levels_down_filters_and_drills_to_the_evidence(world):
    from danvan.activities.services import activity_record
    from danvan.programs import services

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(
        actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, world.org_b, world.cell1, world.cell2, world.cell3]
    )
    meeting = program.tasks.get(ref="II.1.3")
    today = timezone.localdate()
    for org, minutes in ((world.cell1, "Biên bản"), (world.cell2, "")):
        person = world.person1 if org == world.cell1 else world.person2
        activity_record(
            actor=world.admin,
            org=org,
            kind="thematic_meeting",
            title=f"Chuyên đề {org.code}",
            held_on=today,
            tasks=[meeting],
            minutes=minutes,
            attendance={person.pk: "present"},
        )
    admin = login(world.admin)
    url = reverse("rollup:matrix", kwargs={"pk": program.pk})
    one = admin.get(url + f"?org={world.root.pk}").content.decode()
    assert "Đảng bộ Cục A" in one and "Chi bộ Phòng 1" not in one
    two = admin.get(url + f"?org={world.root.pk}&levels=2").content.decode()
    assert 'class="level-2"' in two and "Chi bộ Phòng 1" in two and "Chi bộ Phòng 3" in two
    cells_only = admin.get(url + f"?org={world.root.pk}&levels=2&kind=cell").content.decode()
    assert "Chi bộ Phòng 3" in cells_only and "Đảng bộ Cục B</a>" not in cells_only
    Obligation.objects.filter(org=world.cell3, task=meeting).update(due=today - dt.timedelta(days=1))
    services.adoption_adopt(actor=world.secretary, adoption=Adoption.objects.get(program=program, org=world.cell1))
    behind = admin.get(url + f"?org={world.root.pk}&levels=2&only=behind").content.decode()
    # Phòng 3 is overdue; Phòng 2 has not adopted (behind too); Phòng 1 adopted and is on time.
    assert "Chi bộ Phòng 3" in behind and "Chi bộ Phòng 2" in behind and "Chi bộ Phòng 1</a>" not in behind
    assert "Đảng bộ Cục B" in behind  # its subtree holds the overdue cell

    drill = reverse("rollup:obligations", kwargs={"pk": program.pk}) + f"?org={world.org_a.pk}&task={meeting.pk}&year={today.year}"
    assert drill in two.replace("&amp;", "&")  # Cục A's cell for the meeting task links to its obligations
    listing = admin.get(drill).content.decode()
    assert "Chi bộ Phòng 1" in listing and "Chi bộ Phòng 2" in listing and "Chi bộ Phòng 3" not in listing
    assert "Chi bộ Phòng 2" not in admin.get(drill + "&status=done").content.decode()

    counted = Obligation.objects.get(org=world.cell1, task=meeting, start__year=today.year)
    page = admin.get(reverse("activities:obligation", kwargs={"pk": counted.pk})).content.decode()
    assert "Chuyên đề A1" in page and "Minh chứng" in page and "Chưa có hoạt động nào đáp ứng" not in page
    missing = Obligation.objects.get(org=world.cell2, task=meeting, start__year=today.year)
    page = admin.get(reverse("activities:obligation", kwargs={"pk": missing.pk})).content.decode()
    assert "Chưa có hoạt động nào đáp ứng" in page and "Chuyên đề A2" in page and "chưa có biên bản" in page


def test_a_second_program_with_the_same_number_asks_first(world):
    admin = login(world.admin)
    url = reverse("programs:new", kwargs={"pk": world.root.pk})
    fields = {"title": "Kế hoạch dân vận", "number": "12-KH/ĐU", "valid_from": "01/01/2026"}
    assert admin.post(url, fields).status_code == 302
    again = admin.post(url, {**fields, "title": "Kế hoạch khác"})
    assert again.status_code == 200 and "12-KH/ĐU" in again.content.decode()
    assert Program.objects.filter(number="12-KH/ĐU").count() == 1
    assert admin.post(url, {**fields, "title": "Kế hoạch khác", "confirm": "1"}).status_code == 302
    assert Program.objects.filter(number="12-KH/ĐU").count() == 2


def test_a_second_program_from_the_same_document_shows_the_first(world):
    admin, program = _program_from_document(world)
    response = admin.post(reverse("programs:from_document", kwargs={"pk": program.document_id}))
    assert response["Location"] == reverse("programs:detail", kwargs={"pk": program.pk})
    assert Program.objects.filter(document_id=program.document_id).count() == 1
    page = admin.get(reverse("documents:detail", kwargs={"pk": program.document_id})).content.decode()
    assert reverse("programs:detail", kwargs={"pk": program.pk}) in page  # the document links to its program
    back = admin.get(reverse("programs:detail", kwargs={"pk": program.pk})).content.decode()
    assert reverse("documents:detail", kwargs={"pk": program.document_id}) in back  # and back


def test_a_secretary_sees_what_waits_on_the_home_page_and_in_my_tasks(world):
    """A program sent to the cell and not adopted shows as waiting; after adoption, what falls
    due within 7 days and what is overdue show instead (the cell's own, not a sibling's)."""
    from django.utils import timezone

    from danvan.programs import services

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    secretary = login(world.secretary)
    panel = secretary.get(reverse("programs:pending")).content.decode()
    assert "754-CT/ĐU" in panel and "Chi bộ Phòng 1" in panel and "Chi bộ Phòng 2" not in panel
    assert "754-CT/ĐU" in secretary.get(reverse("programs:my_tasks")).content.decode()
    assert 'hx-get="/pending/"' in secretary.get(reverse("home")).content.decode()
    services.adoption_adopt(actor=world.secretary, adoption=Adoption.objects.get(program=program, org=world.cell1))
    today = timezone.localdate()
    late, soon = Obligation.objects.filter(org=world.cell1).order_by("pk")[:2]
    Obligation.objects.filter(pk=late.pk).update(due=today - dt.timedelta(days=3))
    Obligation.objects.filter(pk=soon.pk).update(due=today + dt.timedelta(days=2))
    panel = secretary.get(reverse("programs:pending")).content.decode()
    assert late.task.ref in panel and soon.task.ref in panel and "chờ tiếp nhận" not in panel
    assert login(world.sibling_member).get(reverse("programs:pending")).content.decode().strip() == ""  # a member records nothing
