"""The press on mass mobilization: items recorded by the orgs of the tree, counted by kind and
month for a subtree's year, in Excel (text stays text) and in the report section."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.audit.models import AuditEntry
from danvan.orgs.services import org_create
from danvan.press import selectors, services
from danvan.press.models import PressItem
from danvan.press.report_section import collect
from tests.conftest import login

D = dt.date


@pytest.fixture
def paper(world):
    return org_create(actor=None, parent=world.org_a, name="Báo Thông tin", kind="agency", code="A-BAO", founded_on=D(2010, 1, 1))


def test_items_are_counted_by_kind_and_month(world, paper):
    services.press_record(
        actor=world.officer, org=paper, title="Dân vận khéo ở cơ sở", outlet="Báo Thông tin", published_on=D(2026, 10, 15), kind="article"
    )
    services.press_record(
        actor=world.officer, org=paper, title="Chuyên mục Dân vận", outlet="Đài TNVN", published_on=D(2026, 10, 20), kind="broadcast",
        link="https://vov.vn/dan-van", file=SimpleUploadedFile("bản tin.pdf", b"%PDF-1.4"),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.press_record(
            actor=world.officer, org=paper, title="x", outlet="y", published_on=D(2026, 1, 1), kind="article", link="javascript:alert(1)"
        )
    with pytest.raises(ValidationError):
        services.press_record(actor=world.officer, org=paper, title=" ", outlet="y", published_on=D(2026, 1, 1), kind="article")
    figures = selectors.figures(world.root, 2026)
    assert (
        figures["total"] == 2
        and figures["by_month"][9] == 2
        and dict(figures["by_kind"]) == {"Bài viết": 1, "Tin, bài phát thanh, truyền hình": 1}
    )
    assert collect(paper, D(2026, 6, 15), D(2026, 12, 14)) == {"article": 1, "broadcast": 1}
    assert AuditEntry.objects.filter(action="press.record").count() == 2


def test_the_page_records_once_lists_and_exports(world, paper):
    client = login(world.officer)
    url = reverse("press:items", kwargs={"pk": paper.pk})
    page = client.get(url + "?year=2026").content.decode()
    key = page.split('name="submission" value="')[1].split('"')[0]
    body = {
        "title": '=HYPERLINK("http://x","bấm")',
        "outlet": "Báo Thông tin",
        "published_on": "15/10/2026",
        "kind": "article",
        "submission": key,
    }
    for _ in range(2):
        assert client.post(url, body).status_code == 302
    assert PressItem.objects.count() == 1
    listing = login(world.observer).get(reverse("press:items", kwargs={"pk": world.root.pk}) + "?year=2026").content.decode()
    assert "Báo Thông tin" in listing
    sheet = load_workbook(io.BytesIO(client.get(url + "?year=2026&format=xlsx").content)).active
    assert sheet.cell(row=2, column=2).value.startswith("=HYPERLINK") and sheet.cell(row=2, column=2).data_type == "s"
    assert login(world.observer).post(url, body).status_code == 403
