"""Search over every document: without diacritics, đ/Đ folded, ranked, within the user's subtree,
and any query string answered without an error (Hypothesis)."""

import datetime as dt

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan import access
from danvan.registry import search, services
from danvan.registry.models import SearchEntry
from tests.conftest import login

D = dt.date


def _seen(user, query, **filters):
    return [(e.kind, e.title) for e in search.search(access.visible_q(user, "org_path"), query, **filters)]


def _documents(world):
    services.term_create(actor=None, org=world.cell1, name="2025–2030", start=D(2025, 1, 1))
    services.term_create(actor=None, org=world.outside, name="2025–2030", start=D(2025, 1, 1))
    services.outgoing_issue(
        actor=None, org=world.cell1, type_code="KH", title="Kế hoạch công tác dân vận năm 2026", issued_on=D(2026, 1, 5)
    )
    services.outgoing_issue(actor=None, org=world.cell1, type_code="TB", title="Thông báo lịch họp Đảng bộ", issued_on=D(2026, 2, 5))
    services.outgoing_issue(
        actor=None, org=world.outside, type_code="KH", title="Kế hoạch dân vận của Đảng ủy Ngoài", issued_on=D(2026, 1, 5)
    )
    services.incoming_register(
        actor=None,
        org=world.cell2,
        sender="Ban Dân vận Đảng ủy Khối",
        title="Hướng dẫn sơ kết",
        received_on=D(2026, 3, 1),
        doc_number="12-HD/BDV",
    )


def test_words_without_diacritics_find_them_within_the_subtree(world):
    _documents(world)
    assert _seen(world.observer, "ke hoach dan van") == [("outgoing", "Kế hoạch công tác dân vận năm 2026")]
    assert _seen(world.observer, "DANG BO") == [("outgoing", "Thông báo lịch họp Đảng bộ")]  # Đ folds to d
    assert _seen(world.observer, "đảng bộ") == _seen(world.observer, "dang bo")
    assert _seen(world.outsider, "ke hoach dan van") == [("outgoing", "Kế hoạch dân vận của Đảng ủy Ngoài")]
    assert _seen(world.secretary, "huong dan") == []  # cell 2's register is not the secretary's
    assert _seen(world.observer, "huong dan") == [("incoming", "Hướng dẫn sơ kết")]


def test_metadata_filters(world):
    _documents(world)
    assert _seen(world.observer, "", number="12-HD") == [("incoming", "Hướng dẫn sơ kết")]
    assert [t for _k, t in _seen(world.observer, "", kind="outgoing", since=D(2026, 2, 1))] == ["Thông báo lịch họp Đảng bộ"]
    assert _seen(world.observer, "dan van", issuer="Ban Dân vận") == [("incoming", "Hướng dẫn sơ kết")]


def test_the_more_relevant_comes_first(world):
    services.term_create(actor=None, org=world.cell1, name="2025–2030", start=D(2025, 1, 1))
    services.outgoing_issue(
        actor=None, org=world.cell1, type_code="BC", title="Báo cáo về tài chính, có nhắc dân vận", issued_on=D(2026, 1, 5)
    )
    services.outgoing_issue(
        actor=None, org=world.cell1, type_code="BC", title="Dân vận: dân vận khéo, dân vận chính quyền", issued_on=D(2026, 1, 6)
    )
    assert _seen(world.observer, "dan van")[0][1].startswith("Dân vận:")


def test_a_read_document_is_found_by_its_text(world):
    from django.core.files.base import ContentFile

    from danvan.documents import services as documents
    from tests.parsing.conftest import SEED

    document = documents.document_upload(actor=None, org=world.cell1, file=ContentFile(SEED.read_bytes(), name="754.txt"))
    documents.document_read(document.pk)
    assert ("document", "Về tăng cường công tác dân vận trong tình hình mới") in _seen(
        world.observer, "cong tac dan van tinh hinh moi"
    ) or any(kind == "document" for kind, _t in _seen(world.observer, "quan triet nghi quyet"))
    assert SearchEntry.objects.filter(kind="document").count() == 1


def test_the_search_page(world):
    _documents(world)
    page = login(world.observer).get(reverse("registry:search"), {"q": "ke hoach dan van"})
    assert page.status_code == 200 and "Kế hoạch công tác dân vận năm 2026" in page.content.decode()
    assert login(world.observer).get(reverse("registry:search"), {"since": "31/02/2026"}).status_code == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_any_query_is_answered(world, query):
    results = list(search.search(access.visible_q(world.observer, "org_path"), query))
    assert isinstance(results, list)


def test_hostile_fts_syntax_is_searched_as_words(world):
    _documents(world)
    for query in ('"', 'dan" OR "x', "NEAR(dan van)", "dan*", "-dan", "dan AND", "^van", "folded:dan", "(", "'; DROP TABLE x; --"):
        list(search.search(access.visible_q(world.observer, "org_path"), query))
