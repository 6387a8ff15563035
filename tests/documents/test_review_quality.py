"""The review screen says, per task, what the reader could not find, and the document page how
many tasks need attention; a review keeps the fields of contract version 2."""

from django.urls import reverse

from danvan.documents.models import Document
from danvan.parsing import quality
from tests.conftest import login
from tests.documents.test_intake import _post_review, _upload
from tests.parsing.conftest import FIXTURES

INSPECTIONS = FIXTURES / "documents" / "ctr-kiem-tra-giam-sat-2027.txt"


def _read(world, capture):
    client = login(world.secretary)
    _upload(client, world.cell1, INSPECTIONS.read_bytes(), name="ctr.txt", capture=capture)
    document = Document.objects.get()
    return client, document


def test_the_review_says_what_each_task_lacks(world, django_capture_on_commit_callbacks):
    client, document = _read(world, django_capture_on_commit_callbacks)
    lacking = [t for t in document.data["tasks"] if quality.missing(t)]
    assert [t for t in lacking if "when" in quality.missing(t)]  # "Kiểm tra tài chính đảng ..." says neither how often nor when
    assert not quality.missing({"lead": "Văn phòng", "actors": [], "cadence": [], "deadline": "2027-Q2"})
    assert quality.missing({"lead": None, "actors": [], "cadence": [{"per": "year"}], "deadline": None}) == ["lead"]
    body = client.get(reverse("documents:detail", kwargs={"pk": document.pk})).content.decode()
    assert f"{len(lacking)} nhiệm vụ cần xem lại" in body
    assert body.count('class="task card attention"') == len(lacking)
    assert "Chưa đọc được: tần suất hoặc thời hạn" in body


def test_a_review_keeps_group_start_and_output(world, django_capture_on_commit_callbacks):
    client, document = _read(world, django_capture_on_commit_callbacks)
    response = _post_review(client, document, **{"tasks-0-product": "Báo cáo kết quả kiểm tra"})
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    tasks = {t["ref"]: t for t in document.reviewed["tasks"]}
    assert tasks["II.1.a.1"]["group"] == "Năm 2027 (03 cuộc kiểm tra, 01 cuộc giám sát)"
    assert tasks["II.1.a.1"]["product"] == "Báo cáo kết quả kiểm tra"
    assert (tasks["II.1.a.3"]["start"], tasks["II.1.a.3"]["deadline"]) == ("2027-Q3", "2027-Q4")


def test_a_refused_review_shows_what_was_typed_escaped_and_marks_the_wrong_field(world, django_capture_on_commit_callbacks):
    client, document = _read(world, django_capture_on_commit_callbacks)
    typed = {"tasks-0-cadence": "mỗi khi <b>rảnh</b>", "tasks-1-product": '"><script>alert(1)</script>', "tasks-2-DELETE": "on"}
    response = _post_review(client, document, **typed)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<b>rảnh" not in body
    assert 'name="tasks-1-product" id="id_tasks-1-product" value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in body
    assert '<textarea name="tasks-0-text" id="id_tasks-0-text" rows="3">' in body  # the task's words, in their box
    wrong = '<input type="text" name="tasks-0-cadence" id="id_tasks-0-cadence" value="mỗi khi &lt;b&gt;rảnh&lt;/b&gt;" aria-invalid="true">'
    assert wrong in body
    beside = body.split(wrong, 1)[1].split("</div>", 1)[0]
    assert '<ul class="errorlist"' in beside and "không phải là tần suất" in beside  # Django's error list, as markup, beside the field
    assert 'name="tasks-2-DELETE" id="id_tasks-2-DELETE" checked>' in body
    assert 'name="tasks-3-DELETE" id="id_tasks-3-DELETE">' in body
