"""The matrix and the obligation list behind its cells draw their rows in Python (thousands of
cells, fifty rows of links, dates and badges were most of their time in the templates): the same
tables, text escaped."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from danvan.activities.services import activity_record
from danvan.orgs.models import Org
from danvan.parsing import parse_file
from danvan.programs import services
from danvan.programs.models import Obligation
from tests.conftest import login
from tests.parsing.conftest import SEED


def test_the_rows_link_the_org_and_the_evidence_with_the_state_and_escape_what_users_typed(world):
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    meeting = program.tasks.get(ref="II.1.3")
    today = timezone.localdate()
    activity_record(
        actor=world.admin,
        org=world.cell1,
        kind="thematic_meeting",
        title="Chuyên đề",
        held_on=today,
        tasks=[meeting],
        minutes="Biên bản",
        attendance={world.person1.pk: "present"},
    )
    Org.objects.filter(pk=world.cell2.pk).update(name='Chi bộ <script>alert("x")</script>')
    Obligation.objects.filter(org=world.cell2, task=meeting).update(due=today - dt.timedelta(days=1))
    url = reverse("rollup:obligations", kwargs={"pk": program.pk})
    body = login(world.admin).get(url, {"org": world.org_a.pk, "task": meeting.pk, "year": today.year}).content.decode()

    done = Obligation.objects.get(org=world.cell1, task=meeting, start__year=today.year)
    late = Obligation.objects.get(org=world.cell2, task=meeting, start__year=today.year)
    todo = reverse("programs:todo", kwargs={"pk": world.cell1.pk})
    assert f'<tr class="state-done"><td><a href="{todo}?year={today.year}">Chi bộ Phòng 1</a></td>' in body
    assert f'<a href="{reverse("activities:obligation", kwargs={"pk": done.pk})}"><span class="badge cell done">đã thực hiện</span>' in body
    assert f"{done.start:%d/%m/%Y} – {done.end:%d/%m/%Y}</td><td>{done.due:%d/%m/%Y}</td>" in body
    assert '<span class="small">1/1</span>' in body and "<b>II.1.3</b>" in body
    assert f'<tr class="state-overdue"><td><a href="{reverse("programs:todo", kwargs={"pk": world.cell2.pk})}' in body
    assert "Chi bộ &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body and "<script>alert" not in body
    assert f'href="{reverse("activities:obligation", kwargs={"pk": late.pk})}"><span class="badge cell overdue">quá hạn</span>' in body
    empty = login(world.admin).get(url, {"org": world.org_a.pk, "task": meeting.pk, "year": today.year, "status": "waived"})
    assert '<tbody><tr><td colspan="5" class="muted">Không có gì.</td></tr></tbody>' in empty.content.decode()


def test_the_matrix_rows_say_who_has_not_adopted_or_was_not_sent_and_escape_names(world):
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a])
    Org.objects.filter(pk=world.org_a.pk).update(name="Đảng bộ <i>A</i> & B")
    year = timezone.localdate().year
    body = (
        login(world.admin).get(reverse("rollup:matrix", kwargs={"pk": program.pk}), {"org": world.root.pk, "year": year}).content.decode()
    )
    rows = body[body.index('<table class="matrix">') : body.index("</table>")]
    assert '<th scope="row" class="level-0">Đảng ủy Khối Thử nghiệm <span class="small muted">(chính tổ chức này)</span></th>' in rows
    own_a = f'<a href="?org={world.org_a.pk}&amp;year={year}&amp;levels=1">Đảng bộ &lt;i&gt;A&lt;/i&gt; &amp; B</a>'
    assert f'<th scope="row" class="level-1">{own_a}\n<div class="small errors">chưa tiếp nhận</div></th>' in rows
    assert f'{world.org_b.name}</a>\n<div class="small muted">chưa gửi</div></th>' in rows
    task = Obligation.objects.filter(org=world.org_a).order_by("task__position").first().task
    drill = reverse("rollup:obligations", kwargs={"pk": program.pk}) + f"?org={world.org_a.pk}&amp;task={task.pk}&amp;year={year}"
    assert f'<td class="cell due"><a href="{drill}">0/' in rows


def test_the_obligation_list_pages_through_the_subtree_in_tree_and_program_order(world, monkeypatch):
    import re

    from danvan.programs.selectors import obligations_by_pk, obligations_in
    from danvan.rollup import views

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, world.cell1, world.cell2])
    today = timezone.localdate()
    monkeypatch.setattr(views, "PAGE_SIZE", 7)
    client, url = login(world.admin), reverse("rollup:obligations", kwargs={"pk": program.pk})
    shown, number = [], 1
    while True:
        body = client.get(url, {"org": world.org_a.pk, "year": today.year, "page": number}).content.decode()
        shown += [int(pk) for pk in re.findall(r'<a href="/obligations/(\d+)/">', body)]
        if f"page={number + 1}" not in body:
            break
        number += 1
    expected = list(obligations_in(program, world.org_a, today.year, today).values_list("pk", flat=True))
    assert number > 2 and shown == expected
    rows = {o.pk: (o.org_path, o.task.position, o.due, o.pk) for o in Obligation.objects.filter(pk__in=expected).select_related("task")}
    assert expected == sorted(expected, key=rows.get)
    keys = str(obligations_in(program, world.root, today.year, today).values_list("pk", flat=True).query)
    assert "JOIN" not in keys.upper()  # joined to the tasks, SQLite read and sorted the country's obligations (20 s)
    backwards = expected[::-1]
    assert [o.pk for o in obligations_by_pk(backwards, today)] == backwards  # a page's rows in the order of its keys
