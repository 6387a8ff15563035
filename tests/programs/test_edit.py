"""Programs typed in and corrected by hand, with their history; obligations follow the edits."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from danvan.audit.models import AuditEntry
from danvan.programs import services
from danvan.programs.models import Adoption, Obligation, Program, Task
from danvan.rollup.counters import rebuild
from danvan.rollup.reconcile import reconcile
from tests.conftest import login

TODAY = timezone.localdate()


def _by_hand(world):
    admin = login(world.admin)
    response = admin.post(
        reverse("programs:new", kwargs={"pk": world.root.pk}),
        {
            "title": "Kế hoạch thực hiện Quy chế dân chủ ở cơ sở",
            "number": "12-KH/ĐU",
            "doc_type": "Kế hoạch",
            "valid_from": f"01/01/{TODAY.year}",
            "valid_to": "",
        },
    )
    program = Program.objects.get(number="12-KH/ĐU")
    assert response["Location"] == reverse("programs:task_new", kwargs={"pk": program.pk})
    return admin, program


def test_a_program_typed_in_by_hand_with_its_tasks(world):
    admin, program = _by_hand(world)
    url = reverse("programs:task_new", kwargs={"pk": program.pk})
    response = admin.post(
        url,
        {"ref": "1", "text": "Chi bộ sinh hoạt chuyên đề về dân chủ cơ sở", "cadence": "hằng quý", "actor_kinds": ["cell"], "deadline": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    task = program.tasks.get(ref="1")
    assert task.cadence == [{"per": "quarter", "min": None, "max": None, "on": None}] or task.cadence[0]["per"] == "quarter"
    assert task.actor_kinds == ["cell"] and task.activity_kind == "thematic_meeting"
    root = Adoption.objects.get(program=program, org=world.root)
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    assert Obligation.objects.filter(task=task, org=world.cell1).count() >= 1
    assert not Obligation.objects.filter(task=task, org=world.root).exists()  # the committee is not a cell
    assert root.status == "adopted"

    bad = admin.post(url, {"ref": "2", "text": "Việc gì đó", "cadence": "thỉnh thoảng"})
    assert "không phải tần suất" in bad.content.decode() or "thỉnh thoảng" in bad.content.decode()
    assert bad.status_code == 200 and not program.tasks.filter(ref="2").exists()
    same = admin.post(url, {"ref": "1", "text": "Trùng số hiệu", "cadence": "hằng năm"})
    assert "đã có nhiệm vụ 1" in same.content.decode() and program.tasks.count() == 1
    late = admin.post(url, {"ref": "3", "text": "Báo cáo", "cadence": "một lần", "deadline": "sớm nhất có thể"})
    assert late.status_code == 200 and not program.tasks.filter(ref="3").exists()


def test_editing_a_task_remakes_what_is_not_recorded_and_keeps_the_history(world):
    admin, program = _by_hand(world)
    task = services.task_save(
        actor=world.admin, program=program, ref="1", text="Sinh hoạt chuyên đề", cadence=[{"per": "quarter"}], actor_kinds=["cell"]
    )
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    quarterly = Obligation.objects.filter(task=task, org=world.cell2).count()
    assert quarterly >= 1
    kept = Obligation.objects.filter(task=task, org=world.cell1).order_by("due").last()
    Obligation.objects.filter(pk=kept.pk).update(waived_reason="Đã kiểm tra")  # something recorded on it
    from danvan.rollup import counters

    counters.rebuild()
    response = admin.post(
        reverse("programs:task_edit", kwargs={"pk": task.pk}),
        {"ref": "1", "text": "Sinh hoạt chuyên đề", "cadence": "hằng năm", "actor_kinds": ["cell"]},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.cadence[0]["per"] == "year"
    assert set(Obligation.objects.filter(task=task, org=world.cell2).values_list("period_key", flat=True)) == {str(TODAY.year)}
    assert Obligation.objects.filter(pk=kept.pk).exists()  # what was recorded stays
    assert reconcile() == []
    entry = AuditEntry.objects.filter(action="task.update", object_id=str(task.pk)).get()
    assert entry.changes["cadence"][0][0]["per"] == "quarter" and entry.changes["cadence"][1][0]["per"] == "year"
    page = admin.get(reverse("programs:detail", kwargs={"pk": program.pk})).content.decode()
    assert "Lịch sử" in page and "tần suất" in page.lower() and "cadence" not in page  # the field by its Vietnamese name


def test_editing_the_program_checks_its_dates(world):
    admin, program = _by_hand(world)
    url = reverse("programs:edit", kwargs={"pk": program.pk})
    form = {
        "title": "Kế hoạch (sửa)",
        "number": "12-KH/ĐU",
        "doc_type": "Kế hoạch",
        "valid_from": f"01/01/{TODAY.year}",
        "valid_to": f"31/12/{TODAY.year - 1}",
        "status": "active",
    }
    response = admin.post(url, form)
    assert response.status_code == 200 and "không thể kết thúc trước" in response.content.decode()
    program.refresh_from_db()
    assert program.title == "Kế hoạch thực hiện Quy chế dân chủ ở cơ sở"
    form["valid_to"] = f"31/12/{TODAY.year + 4}"
    assert admin.post(url, form).status_code == 302
    program.refresh_from_db()
    assert program.title == "Kế hoạch (sửa)" and program.valid_to == dt.date(TODAY.year + 4, 12, 31)
    change = AuditEntry.objects.get(action="program.update", object_id=str(program.pk)).changes
    assert change["title"] == ["Kế hoạch thực hiện Quy chế dân chủ ở cơ sở", "Kế hoạch (sửa)"]
    assert Task.objects.filter(program=program).count() == 0


def test_a_task_changed_in_a_program_sent_to_many_orgs_is_remade_in_the_background(
    world, monkeypatch, settings, django_capture_on_commit_callbacks
):
    """Nothing heavy in the request: the old rows go and the new ones come in the worker, a batch
    of orgs at a time; last year's obligations, even unmet, stay on record."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    _, program = _by_hand(world)
    task = services.task_save(
        actor=world.admin, program=program, ref="1", text="Sinh hoạt chuyên đề", cadence=[{"per": "quarter"}], actor_kinds=["cell"]
    )
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    past = Obligation.objects.filter(task=task, org=world.cell2).first()
    Obligation.objects.filter(pk=past.pk).update(
        period_key="last-year", start=dt.date(TODAY.year - 1, 1, 1), end=dt.date(TODAY.year - 1, 12, 31)
    )
    rebuild()  # the row was moved to last year behind the services' back: the counters follow it
    before = Obligation.objects.filter(task=task).count()
    monkeypatch.setattr(services.obligations, "INLINE_CASCADE", 1)
    enqueued = []
    monkeypatch.setattr(services.editing, "enqueue_generation", lambda **kwargs: enqueued.append(kwargs))
    with django_capture_on_commit_callbacks(execute=True):
        services.task_save(
            actor=world.admin,
            program=program,
            task=task,
            ref="1",
            text="Sinh hoạt chuyên đề",
            cadence=[{"per": "year"}],
            actor_kinds=["cell"],
        )
    assert Obligation.objects.filter(task=task).count() == before  # untouched in the request
    assert enqueued == [{"program_id": program.pk, "year": TODAY.year, "remake": [task.pk]}]
    assert services.generate_pending(**enqueued[0]) == 3
    this_year = set(Obligation.objects.filter(task=task, org=world.cell2, start__year=TODAY.year).values_list("period_key", flat=True))
    assert this_year == {str(TODAY.year)}
    assert Obligation.objects.filter(pk=past.pk).exists()
    assert reconcile() == []
