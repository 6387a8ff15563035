import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.activities.services import activity_record
from danvan.audit.models import AuditEntry
from danvan.parsing import parse_file
from danvan.programs import selectors as program_selectors
from danvan.programs import services
from danvan.programs.models import ActivityKind, Adoption, AdoptionStatus, Obligation
from tests.parsing.conftest import SEED
from tests.programs.conftest import cascade_and_adopt

D = dt.date
# Obligations are owed from the day a program reaches an org: work in a year still ahead.
Y = timezone.localdate().year + 1


def _task(program, ref):
    return program.tasks.get(ref=ref)


def test_the_seed_becomes_a_program_with_its_19_tasks(program):
    assert program.tasks.count() == 19
    meeting = _task(program, "II.1.3")
    assert meeting.cadence == [{"per": "year", "min": 1, "max": 2, "on": None}]
    assert meeting.activity_kind == ActivityKind.THEMATIC_MEETING
    assert meeting.actor_kinds == ["cell"]
    assert _task(program, "II.1.4").activity_kind == ActivityKind.COMMENDATION
    assert _task(program, "II.5.2").actor_kinds == ["committee", "party_org", "cell", "trade_union", "agency"]
    assert _task(program, "III.2").actor_kinds == ["committee"]
    assert AuditEntry.objects.filter(action="program.create").exists()


def test_the_issuing_committee_adopts_it_and_gets_its_own_obligations(program, world):
    adoption = Adoption.objects.get(program=program, org=world.root)
    assert adoption.status == AdoptionStatus.ADOPTED
    refs = set(Obligation.objects.filter(org=world.root).values_list("task__ref", flat=True))
    assert "III.2" in refs and "II.1.3" not in refs  # the thematic meeting is the cells' to hold


def test_cascade_and_adoption_make_the_cells_obligations(program, world):
    cascade_and_adopt(program, world)
    meeting = Obligation.objects.get(org=world.cell1, task__ref="II.1.3", period_key=str(Y))
    assert (meeting.required, meeting.maximum) == (1, 2)
    assert meeting.due >= D(Y, 12, 31) and meeting.start == D(Y, 1, 1)
    # Sent but not adopted yet: the cell owes it all the same, and shows as not adopted.
    assert Obligation.objects.filter(org=world.cell2, task__ref="II.1.3").exists()
    assert Adoption.objects.filter(program=program, status=AdoptionStatus.SENT).count() == 2


def test_generation_is_idempotent_and_keeps_what_was_recorded(program, world):
    adoption = cascade_and_adopt(program, world)
    meeting = Obligation.objects.get(org=world.cell1, task__ref="II.1.3", end__year=Y)
    services.obligation_waive(actor=world.admin, obligation=meeting, reason="Chi bộ mới thành lập")
    count = Obligation.objects.count()
    assert services.obligations_generate(adoption=adoption, year=Y) == 0
    assert Obligation.objects.count() == count
    meeting.refresh_from_db()
    assert meeting.waived_reason == "Chi bộ mới thành lập"
    assert services.obligations_generate(adoption=adoption, year=Y + 1) > 0  # a new year adds its own


def test_an_adopting_org_may_tighten_but_never_loosen(program, world):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = Adoption.objects.get(org=world.cell1)
    meeting = _task(program, "II.1.3")
    with pytest.raises(ValidationError, match="ít nhất 1 lần mỗi kỳ"):
        services.adoption_adopt(actor=world.secretary, adoption=adoption, choices={meeting.pk: {"min_per_period": 0}}, year=Y)
    once = program.tasks.create(
        ref="X.1", position=99, text="Hoàn thành trước Quý II", cadence=[{"per": "once"}], deadline=f"{Y}-Q2", actor_kinds=["cell"]
    )
    with pytest.raises(ValidationError, match="không được lùi lại"):
        services.adoption_adopt(actor=world.secretary, adoption=adoption, choices={once.pk: {"deadline": f"{Y}-Q3"}}, year=Y)
    assert Adoption.objects.get(pk=adoption.pk).status == AdoptionStatus.SENT  # nothing written
    services.adoption_adopt(
        actor=world.secretary,
        adoption=adoption,
        choices={once.pk: {"deadline": f"{Y}-03-31"}, meeting.pk: {"min_per_period": 2}},
        year=Y,
    )
    assert Obligation.objects.get(org=world.cell1, task=once, end__year=Y).due == D(Y, 3, 31)
    assert Obligation.objects.get(org=world.cell1, task=meeting, end__year=Y).required == 2


def test_only_orgs_below_can_be_sent_the_program(program, world):
    with pytest.raises(ValidationError, match="không trực thuộc"):
        services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.outside_cell])
    with pytest.raises(ValidationError, match="phải tiếp nhận chương trình trước"):  # org_a has not adopted yet
        services.program_cascade(actor=world.admin, program=program, from_org=world.org_a, targets=[world.cell1])


def test_waiving_needs_a_reason(program, world):
    obligation = Obligation.objects.filter(org=world.root).first()
    with pytest.raises(ValidationError, match="lý do miễn"):
        services.obligation_waive(actor=world.admin, obligation=obligation, reason="  ")


def test_batch_generation_makes_what_one_org_at_a_time_makes(world, monkeypatch):
    """The background path (batches of orgs) and the inline path (one org) give the same rows,
    the same counters, and honour each org's own terms and activities recorded beforehand."""
    from danvan.rollup.reconcile import reconcile

    monkeypatch.setattr(services.obligations, "GENERATION_BATCH", 2)
    Y2 = timezone.localdate().year
    data = parse_file(SEED).to_dict()
    targets = [world.org_a, world.org_b, world.cell1, world.cell2, world.cell3]

    def make(inline: bool):
        program = services.program_create(actor=world.admin, org=world.root, data=data, valid_from=dt.date(Y2, 1, 1))
        monkeypatch.setattr(services.obligations, "INLINE_CASCADE", 100 if inline else 0)
        services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=targets)
        if not inline:
            assert services.generate_pending(program_id=program.pk, year=Y2) == 5
            assert services.generate_pending(program_id=program.pk, year=Y2) == 0  # resumable: nothing left to do
        return program

    meeting_ref = "II.1.3"
    inline, batched = make(True), make(False)

    def rows(program):
        return sorted(
            Obligation.objects.filter(task__program=program).values_list("org_id", "task__ref", "period_key", "due", "required", "done")
        )

    assert rows(inline) == rows(batched) and len(rows(inline)) > 20
    assert reconcile() == [] and reconcile(exact=True) == []
    meeting = batched.tasks.get(ref=meeting_ref)
    activity_record(
        actor=world.secretary,
        org=world.cell1,
        kind="thematic_meeting",
        title="Chuyên đề",
        held_on=timezone.localdate(),
        tasks=[meeting],
        minutes="Biên bản",
        attendance={world.person1.pk: "present"},
    )
    Obligation.objects.filter(task=meeting, org=world.cell1).delete()
    services.obligations_generate_many(
        adoptions=[Adoption.objects.select_related("org", "program").get(program=batched, org=world.cell1)], year=Y2
    )
    assert Obligation.objects.get(task=meeting, org=world.cell1, start__lte=timezone.localdate(), end__gte=timezone.localdate()).done == 1


def test_the_new_year_is_made_by_the_daily_command_without_touching_what_was_recorded(world):
    from django.core.management import call_command

    from danvan.rollup.reconcile import reconcile

    this_year = timezone.localdate().year
    program = services.program_create(
        actor=world.admin, org=world.root, data=parse_file(SEED).to_dict(), valid_from=dt.date(this_year, 1, 1)
    )
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    recorded = Obligation.objects.filter(org=world.cell1).first()
    services.obligation_waive(actor=world.admin, obligation=recorded, reason="Đã hợp nhất")
    assert not Obligation.objects.filter(task__program=program, start__year=this_year + 1).exists()
    call_command("obligations", "--year", str(this_year + 1))
    made = Obligation.objects.filter(task__program=program, start__year=this_year + 1).count()
    assert made > 0 and Obligation.objects.filter(org=world.cell2, start__year=this_year + 1).exists()
    call_command("obligations", "--year", str(this_year + 1))  # again: nothing more
    assert Obligation.objects.filter(task__program=program, start__year=this_year + 1).count() == made
    recorded.refresh_from_db()
    assert recorded.waived_reason == "Đã hợp nhất" and reconcile() == []
    assert program_selectors.obligations_pending(program, this_year) == (3, 3)  # made up to next year counts for this one
    program.valid_to = dt.date(this_year, 12, 31)
    program.save()
    call_command("obligations", "--year", str(this_year + 2))
    assert not Obligation.objects.filter(task__program=program, start__year=this_year + 2).exists()  # no longer in force


def test_the_responsible_person_must_be_a_member_of_the_adopting_org(program, world):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = Adoption.objects.get(program=program, org=world.cell1)
    meeting = program.tasks.get(ref="II.1.3")
    with pytest.raises(ValidationError, match="II.1.3"):
        services.adoption_adopt(
            actor=world.secretary, adoption=adoption, choices={meeting.pk: {"responsible_id": world.person2.pk}}, year=Y
        )
    assert Adoption.objects.get(pk=adoption.pk).status == AdoptionStatus.SENT
    services.adoption_adopt(actor=world.secretary, adoption=adoption, choices={meeting.pk: {"responsible_id": world.person1.pk}}, year=Y)
    assert adoption.tasks.get(task=meeting).responsible == world.person1


@pytest.mark.parametrize("field, value", [("min_per_period", 10**6), ("interval_months", 0), ("interval_months", 10**4)])
def test_absurd_minimums_and_intervals_are_refused(program, world, field, value):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = Adoption.objects.get(program=program, org=world.cell1)
    meeting = program.tasks.get(ref="II.1.3")
    with pytest.raises(ValidationError, match="II.1.3"):
        services.adoption_adopt(actor=world.secretary, adoption=adoption, choices={meeting.pk: {field: value}}, year=Y)


def test_an_own_task_is_validated_before_it_is_saved(program, world):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = Adoption.objects.get(program=program, org=world.cell1)
    with pytest.raises(ValidationError, match="32"):
        services.task_add_own(actor=world.secretary, adoption=adoption, ref="x" * 40, text="Việc riêng", cadence=[{"per": "year"}])


def test_a_plan_in_the_attribute_line_layout_makes_a_usable_program(world):
    from tests.parsing.conftest import FIXTURES

    data = parse_file(FIXTURES / "documents" / "kh-thuoc-tinh-2026.txt").to_dict()
    program = services.program_create(actor=world.admin, org=world.root, data=data, valid_from=dt.date(2026, 1, 1))
    tasks = {t.ref: t for t in program.tasks.all()}
    assert len(tasks) == 17 and not [t for t in tasks.values() if t.text.startswith(("Cơ quan", "Thời gian", "Đơn vị"))]
    assert tasks["II.2.3"].lead == "Văn phòng Đảng ủy"
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    owed = Obligation.objects.filter(task__program=program, org=world.cell1)
    assert owed.filter(task__ref="II.3.1").exists()  # the thematic meeting, 1-2 times a year
