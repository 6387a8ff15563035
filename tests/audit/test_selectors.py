from danvan.audit.models import AuditEntry
from danvan.audit.selectors import history_of, trail
from danvan.orgs.models import subtree_q


def test_history_of_an_object_and_its_related_ones(program):
    task = program.tasks.first()
    AuditEntry.objects.create(action="task.update", object_type="programs.task", object_id=str(task.pk), org_path=program.org.path)
    AuditEntry.objects.create(action="task.update", object_type="programs.task", object_id="999999", org_path=program.org.path)
    found = list(history_of(object_type="programs.program", object_id=program.pk, related={"programs.task": [task.pk]}))
    assert {(e.object_type, e.object_id) for e in found} == {("programs.program", str(program.pk)), ("programs.task", str(task.pk))}


def test_the_trail_is_what_the_scope_says(world):
    AuditEntry.objects.create(action="x.inside", object_type="t", org_path=world.cell1.path)
    AuditEntry.objects.create(action="x.outside", object_type="t", org_path=world.org_b.path)
    actions = set(trail(subtree_q(world.org_a.path, "org_path")).values_list("action", flat=True))
    assert "x.inside" in actions and "x.outside" not in actions


def test_the_trail_reads_in_vietnamese_words(world):
    from django.urls import reverse

    from danvan.orgs import services
    from tests.conftest import login

    services.person_update(actor=world.admin, person=world.person1, org=world.cell1, gender="female")
    body = login(world.admin).get(reverse("audit")).content.decode()
    assert "Sửa thông tin người" in body and "giới tính" in body.lower() and "Nữ" in body
    assert "person.update" not in body and "female" not in body
