from django.urls import reverse

from danvan.orgs import selectors
from danvan.orgs.models import Org, Person


def test_search_without_diacritics_finds_vietnamese_names(world):
    found = selectors.org_search(Org.objects.all(), "dang bo")
    assert {o.code for o in found} == {"A", "B"}
    assert [p.full_name for p in selectors.people_search(Person.objects.all(), "tran thi hai")] == ["Trần Thị Hai"]


def test_every_word_must_match(world):
    assert [o.code for o in selectors.org_search(Org.objects.all(), "chi bo phong 2")] == ["A2"]


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
