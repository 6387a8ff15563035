"""The "Dân vận khéo" pages: a committee opens a campaign, a cell under it registers a model from
its own page, reports progress with a photo, nominates it; the council scores; the committee issues
the decision; statistics and Excel."""

import datetime as dt
import io

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from danvan.accounts.models import Role
from danvan.emulation import services
from danvan.emulation.models import Campaign, Nomination, Practice, Score
from danvan.registry.services import term_create
from tests.conftest import login, make_user
from tests.emulation.conftest import PRACTICE, register
from tests.emulation.test_services import _jpeg

D = dt.date
NOW = dt.datetime(2026, 3, 2, 3, tzinfo=dt.UTC)


def _form(values: dict) -> dict:
    return {k: (v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v) for k, v in values.items()}


@time_machine.travel(NOW, tick=False)
def test_a_committee_opens_a_campaign_and_a_cell_below_registers_in_it(world):
    admin = login(world.admin)
    page = admin.get(reverse("emulation:org", kwargs={"pk": world.root.pk}))
    assert page.status_code == 200 and "Bền vững, có khả năng nhân rộng | 20" in page.content.decode()
    body = {"year": "2026", "title": "“Dân vận khéo” năm 2026", "register_until": "31/05/2026", "review_by": "30/09/2026",
            "criteria": "Thiết thực | 60\nNhân rộng | 40"}  # fmt: skip
    response = admin.post(reverse("emulation:org", kwargs={"pk": world.root.pk}), body)
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("emulation:campaign", kwargs={"pk": campaign.pk})
    assert campaign.day == D(2026, 10, 15) and campaign.criteria == [{"name": "Thiết thực", "max": 60}, {"name": "Nhân rộng", "max": 40}]
    refused = admin.post(reverse("emulation:org", kwargs={"pk": world.root.pk}), {**body, "criteria": "Thiết thực 60"})
    assert refused.status_code == 200 and "tiêu chí | điểm" in refused.content.decode()

    secretary = login(world.secretary)  # sees only Chi bộ Phòng 1, yet takes part in the committee's campaign
    cell_page = secretary.get(reverse("emulation:org", kwargs={"pk": world.cell1.pk})).content.decode()
    assert "“Dân vận khéo” năm 2026" in cell_page and reverse("emulation:practice_new", kwargs={"pk": world.cell1.pk}) in cell_page
    assert secretary.get(reverse("emulation:campaign", kwargs={"pk": campaign.pk})).status_code == 200
    new = reverse("emulation:practice_new", kwargs={"pk": world.cell1.pk})
    response = secretary.post(new, _form({**PRACTICE, "campaign": campaign.pk, "submission": "e" * 32}))
    practice = Practice.objects.get()
    assert response["Location"] == reverse("emulation:practice", kwargs={"pk": practice.pk})
    assert secretary.post(new, _form({**PRACTICE, "campaign": campaign.pk, "submission": "e" * 32})).status_code == 302
    assert Practice.objects.count() == 1  # posted twice, registered once
    missing = secretary.post(new, _form({**PRACTICE, "campaign": campaign.pk, "goals": ""}))
    assert missing.status_code == 200 and PRACTICE["problem"] in missing.content.decode()  # what was typed stays
    assert login(world.observer).get(new).status_code == 403


def test_progress_with_a_photo_a_nomination_the_scores_and_the_decision(world, campaign, council, settings):
    practice = register(world, campaign)
    secretary = login(world.secretary)
    url = reverse("emulation:practice", kwargs={"pk": practice.pk})
    response = secretary.post(
        reverse("emulation:progress_add", kwargs={"pk": practice.pk}),
        {"reported_on": "01/06/2026", "text": "Đã hướng dẫn 120 hộ.", "files": [_jpeg()]},
    )
    assert response["Location"] == url
    page = secretary.get(url).content.decode()
    evidence = practice.progress.get().evidence.get()
    assert reverse("emulation:evidence", kwargs={"pk": evidence.pk}) in page and "<img" in page
    photo = secretary.get(reverse("emulation:evidence", kwargs={"pk": evidence.pk}))
    assert photo["Content-Type"] == "image/jpeg" and "inline" in photo["Content-Disposition"]
    secretary.post(reverse("emulation:nominate_practice", kwargs={"pk": practice.pk}), {"achievements": "120 hộ nộp hồ sơ trực tuyến"})
    nomination = Nomination.objects.get()

    chair, member, neighbour = council
    users = [make_user(f"council{i}", world.root, Role.OBSERVER, m.person) for i, m in enumerate(council)]
    nomination_url = reverse("emulation:nomination", kwargs={"pk": nomination.pk})
    score_url = reverse("emulation:score", kwargs={"pk": nomination.pk})
    login(users[0]).post(score_url, {"c0": "28", "c1": "20", "c2": "22", "c3": "18", "comment": "Thiết thực"})
    login(users[1]).post(score_url, {"c0": "25", "c1": "20", "c2": "20", "c3": "15"})
    own = login(users[2])
    assert "đơn vị mình" in own.get(nomination_url).content.decode()
    own.post(score_url, {"c0": "30", "c1": "25", "c2": "25", "c3": "20"})
    assert not Score.objects.filter(member=neighbour).exists()  # refused: their own unit
    own.post(score_url, {"conflict": "on"})
    page = login(users[0]).get(nomination_url).content.decode()
    assert "84,0" in page or "84.0" in page
    assert login(world.observer).post(score_url, {"c0": "1"}).status_code == 403  # not on the council

    term_create(actor=world.admin, org=world.root, name="2025–2030", start=D(2025, 10, 1))
    admin = login(world.admin)
    decision = {"nominations": [nomination.pk], "issued_on": "15/10/2026", "signer": "Hoàng Văn Chủ", "signer_position": "Bí thư"}
    admin.post(reverse("emulation:commend", kwargs={"pk": campaign.pk}), decision)
    nomination.refresh_from_db()
    assert nomination.status == "commended"
    page = admin.get(reverse("emulation:campaign", kwargs={"pk": campaign.pk})).content.decode()
    assert "01-QĐ/ROOT" in page and reverse("emulation:certificate", kwargs={"pk": nomination.pk}) in page
    pdf = secretary.get(reverse("emulation:certificate", kwargs={"pk": nomination.pk}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    stats = admin.get(reverse("emulation:org", kwargs={"pk": world.root.pk}), {"year": 2026})
    assert stats.context["stats"]["total"] == {"registered": 1, "replicated": 0, "reviewed": 0, "commended": 1}
    sheet = load_workbook(
        io.BytesIO(admin.get(reverse("emulation:campaign", kwargs={"pk": campaign.pk}), {"format": "xlsx"}).content)
    ).active
    assert sheet.cell(2, 2).value == PRACTICE["name"] and sheet.cell(2, 1).value == "Chi bộ Phòng 1"


def test_a_unit_nominates_one_of_its_members_and_corrects_its_model(world, campaign):
    practice = register(world, campaign)
    secretary = login(world.secretary)
    secretary.post(
        reverse("emulation:nominate_person", kwargs={"pk": world.cell1.pk}),
        {"campaign": campaign.pk, "person": world.person1.pk, "achievements": "Gương mẫu trong vận động nhân dân"},
    )
    assert Nomination.objects.get().person == world.person1
    edit = reverse("emulation:practice_edit", kwargs={"pk": practice.pk})
    assert secretary.get(edit).status_code == 200
    assert secretary.post(edit, _form({**PRACTICE, "name": "Tên mới của mô hình"})).status_code == 302
    assert Practice.objects.get().name == "Tên mới của mô hình"
    services.practice_review(actor=world.secretary, practice=practice, review="Đạt", reviewed_on=D(2026, 11, 30))
    assert login(world.sibling_member).get(reverse("emulation:practice", kwargs={"pk": practice.pk})).status_code == 404


def test_a_unit_sees_its_own_part_of_a_committees_campaign(world, campaign, council):
    mine = register(world, campaign, name="Mô hình của Phòng 1")
    other = register(world, campaign, org=world.cell2, name="Mô hình của Phòng 2")
    services.nominate(actor=world.admin, campaign=campaign, practice=other, achievements="x")
    page = login(world.secretary).get(reverse("emulation:campaign", kwargs={"pk": campaign.pk}))
    assert [p.pk for p in page.context["page"]] == [mine.pk] and page.context["nominations"] == []
    assert "Mô hình của Phòng 2" not in page.content.decode()
    judge = make_user("judge", world.root, Role.OBSERVER, council[0].person)
    seen = login(judge).get(reverse("emulation:campaign", kwargs={"pk": campaign.pk})).context
    assert [n.practice for n in seen["nominations"]] == [other] and {p.pk for p in seen["page"]} == {mine.pk, other.pk}
