import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.orgs import selectors, services
from danvan.orgs.models import Org, Person


def test_search_without_diacritics_finds_vietnamese_names(world):
    found = selectors.org_search(Org.objects.all(), "dang bo")
    assert {o.code for o in found} == {"A", "B"}
    assert [p.full_name for p in selectors.people_search(Person.objects.all(), "tran thi hai")] == ["Trần Thị Hai"]


def test_every_word_must_match(world):
    assert [o.code for o in selectors.org_search(Org.objects.all(), "chi bo phong 2")] == ["A2"]


def test_a_subtree_search_lists_higher_levels_first_then_in_the_trees_order(world):
    found = list(selectors.org_search(Org.objects.filter(world.root.subtree_filter()), "chi bo"))
    assert len(found) > 2
    assert [(o.depth, o.path) for o in found] == sorted((o.depth, o.path) for o in found)


def test_search_with_diacritics_works_too(world):
    assert {o.code for o in selectors.org_search(Org.objects.all(), "Đảng bộ Cục")} == {"A", "B"}


def test_tree_search_page_finds_dan_van_from_ascii(world, as_user):
    response = as_user(world.observer).get(reverse("orgs:tree"), {"q": "dang bo cuc a"})
    assert response.status_code == 200
    assert "Đảng bộ Cục A" in response.content.decode()
    assert "Đảng bộ Cục B" not in response.content.decode()


def test_htmx_search_returns_only_the_results(world, as_user):
    response = as_user(world.observer).get(reverse("orgs:tree"), {"q": "phong"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Chi bộ Phòng 1" in body


def test_people_search_is_scoped_and_folded(world, as_user):
    body = as_user(world.secretary).get(reverse("orgs:people"), {"q": "nguyen"}).content.decode()
    assert "Nguyễn Văn Một" in body
    body = as_user(world.secretary).get(reverse("orgs:people"), {"q": "tran"}).content.decode()
    assert "Trần Thị Hai" not in body


# The whole tree's search (a national user's) reads the word index of names and codes.


def _indexed(query: str) -> set[str]:
    return {o.code for o in selectors.org_search(Org.objects.all(), query, whole_tree=True)}


@pytest.mark.parametrize("many", [20_000, 1])  # few matches read through the index and sorted, many walked in the order made
def test_the_word_index_finds_what_reading_every_name_finds(world, many, monkeypatch):
    monkeypatch.setattr(selectors, "MANY", many)
    for query in ("dang bo", "Đảng bộ Cục", "chi bo phong 2", "phong", "cuc a", "ph", "khong co", "A2"):
        assert _indexed(query) == {o.code for o in selectors.org_search(Org.objects.all(), query)}, query
    assert _indexed("cuc a") == {"A"}  # "a" starts a word of Cục A only, not every word with an a in it
    found = [o.code for o in selectors.org_search(Org.objects.all(), "dang", whole_tree=True)]
    if many > len(found):
        assert found == ["ROOT", "OUT", "A", "B"]  # higher levels first, then by name
    else:  # more than MANY: in the order they were made, an org after the one above it
        assert found == ["ROOT", "A", "B", "OUT"] == [o.code for o in Org.objects.filter(code__in=found).order_by("id")]


def test_the_word_index_follows_renames_codes_and_moves(world):
    from danvan.orgs.services import org_move, org_update

    org_update(actor=world.admin, org=world.cell1, name="Chi bộ Văn phòng Tổng hợp", kind=world.cell1.kind, code="VP-TH")
    assert _indexed("van phong tong") == {"VP-TH"} and _indexed("phong 1") == set()
    assert _indexed("vp th") == {"VP-TH"}  # a code's words
    org_move(actor=world.admin, org=Org.objects.get(code="VP-TH"), new_parent=world.org_b)
    assert _indexed("tong hop") == {"VP-TH"}


def test_the_word_index_reads_search_syntax_as_words(world):
    for query in ('"', "*", "dang*", "cuc:*", "a & b", "NEAR(dang bo)", "dang OR xyz", "!cuc", "'; --", "^a", "-", "(", "phong)"):
        found = _indexed(query)
        assert found <= {o.code for o in Org.objects.all()}, query
    assert _indexed("dang OR xyz") == set()  # every word must match, OR is one of them


def test_a_national_observers_picker_uses_the_word_index(world, as_user):
    body = as_user(world.observer).get(reverse("orgs:pick"), {"q": "chi bo phong"}).content.decode()
    assert "Chi bộ Phòng 1" in body and "Chi bộ Phòng 2" in body
    body = as_user(world.secretary).get(reverse("orgs:pick"), {"q": "phong 2"}).content.decode()
    assert "Chi bộ Phòng 2" not in body  # outside the secretary's subtree


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(query=st.text(max_size=40))
def test_any_text_searches_the_word_index_without_error(world, query):
    found = _indexed(query)
    assert found <= {o.code for o in Org.objects.all()}


def test_the_whole_trees_search_is_paged_without_counting_every_match(world, as_user):
    for n in range(55):
        services.org_create(actor=None, parent=world.org_a, name=f"Tổ đảng {n:02}", code=f"TD{n:02}", kind=world.cell1.kind)
    client = as_user(world.observer)
    first = client.get(reverse("orgs:tree"), {"q": "to dang"}).content.decode()
    assert "Tổ đảng 00" in first and "Tổ đảng 49" in first and "Tổ đảng 50" not in first
    assert "Trang 1" in first and "Trang 1 / " not in first and "page=2" in first
    second = client.get(reverse("orgs:tree"), {"q": "to dang", "page": "2"}).content.decode()
    assert "Tổ đảng 54" in second and "Tổ đảng 49" not in second and "page=3" not in second
    assert client.get(reverse("orgs:tree"), {"q": "to dang", "page": "x"}).status_code == 400  # said, as on every list
