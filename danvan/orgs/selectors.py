"""Reads of the organization tree. Callers pass querysets already scoped by the access helpers."""

import datetime as dt
import hashlib
import re
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from danvan.lib.kept import kept_a_while
from danvan.lib.text import search_terms
from danvan.orgs.models import Membership, Org, OrgEvent, OrgEventKind, OrgStatus, Person


def org_children(org: Org, *, include_ended: bool = False) -> QuerySet[Org]:
    children = Org.objects.filter(path__gt=org.path, depth=org.depth + 1).filter(org.subtree_filter())
    if not include_ended:
        children = children.filter(status=OrgStatus.ACTIVE)
    return children.order_by("path")


def org_ancestors(org: Org, orgs: QuerySet[Org]) -> list[Org]:
    """The org's ancestors among `orgs`, from the top down to the parent, in one query."""
    steplen = Org.steplen
    paths = [org.path[:n] for n in range(steplen, len(org.path), steplen)]
    return list(orgs.filter(path__in=paths).order_by("depth"))


def _word_prefix(field: str, term: str) -> Q:
    """A word of the folded text in `field` starts with `term` ("cuc a" must not match every "a")."""
    return Q(**{f"{field}__startswith": term}) | Q(**{f"{field}__contains": f" {term}"})


WORD = re.compile(r"[^\W_]+")
# The generated column of migration 0008; the second form is the same test, which its index cannot serve.
PG_MATCH = "orgs_org.words @@ to_tsquery('simple', %s)"
PG_MATCH_WALKED = "(orgs_org.words || ''::tsvector) @@ to_tsquery('simple', %s)"
MANY = 20_000


def org_search(orgs: QuerySet[Org], query: str, *, include_ended: bool = False, whole_tree: bool = False) -> QuerySet[Org]:
    """Orgs where every word of `query` starts a word of the name, or is in the code; diacritics
    ignored; higher levels first.

    With `whole_tree` (`orgs` is the whole tree, a national user's) the words are looked up in the
    word index of names and codes (migration 0008) rather than read from 243,000 names: there a
    word of the query starts a word of the name or of the code."""
    terms = search_terms(query)
    if not terms:
        return orgs.none()
    # Higher levels first, then in the tree's order: the (depth, path) index gives that order, so a
    # common word ("xa" in a province's 7,000 names) stops at a page's matches instead of finding
    # and sorting them all by name (290 ms → 2 ms).
    order: tuple = ("depth", "path")
    if whole_tree:
        words = [w for term in terms for w in WORD.findall(term)]
        if not words:
            return orgs.none()
        orgs, order = _indexed(orgs, words)
    else:
        for term in terms:
            orgs = orgs.filter(_word_prefix("name_folded", term) | Q(code__icontains=term))
    if not include_ended:
        orgs = orgs.filter(status=OrgStatus.ACTIVE)
    return orgs.order_by(*order)


def _indexed(orgs: QuerySet[Org], words: list[str]) -> tuple[QuerySet[Org], tuple]:
    """Orgs whose name or code has a word starting with each of `words` (letters and digits only,
    passed as parameters: never search syntax of their own), and the order to list them in.

    Up to `MANY` matches are read through the index and listed higher levels first, then by name.
    More (a word such as "chi bo", in 180,000 names) are listed in the order they were made, which
    puts an org after the one above it: sorting them all took 0.2 s, and walking names in level
    order read the 63,000 names of the levels above the cells before the first match; in the order
    they were made a word in that many names fills a page after a few hundred."""
    if connection.vendor != "postgresql":
        match = " ".join(f'"{w}"*' for w in words)
        counted = f"SELECT COUNT(*) FROM (SELECT rowid FROM orgs_org_words WHERE orgs_org_words MATCH %s LIMIT {MANY + 1})"
        found = _matches(match, lambda: _count(counted, match))
        if found <= MANY:
            where = "orgs_org.id IN (SELECT rowid FROM orgs_org_words WHERE orgs_org_words MATCH %s)"
            return orgs.extra(where=[where], params=[match]), ("depth", "name_folded")  # noqa: S610
        # Many: the index gives its matches in the order the orgs were made (rowid), and stops once
        # a page is full, when the list is ordered by its rowid (by the org's id, it read them all).
        walked = orgs.extra(  # noqa: S610
            select={"made": "orgs_org_words.rowid"},
            tables=["orgs_org_words"],
            where=["orgs_org_words.rowid = orgs_org.id", "orgs_org_words MATCH %s"],
            params=[match],
        )
        return walked, ("made",)
    # PostgreSQL cannot tell how many names a prefix matches (it guessed 4,867 for a word in none,
    # and walked every name in order for 1.8 s). So the index is asked first. Few matches are read
    # through it and sorted (`depth + 0`: not by walking the (depth, name) index); many are found by
    # walking the orgs in the order they were made, testing each one's words.
    query = " & ".join(f"{w}:*" for w in words)
    found = _matches(query, lambda: Org.objects.extra(where=[PG_MATCH], params=[query]).order_by().values("pk")[: MANY + 1].count())  # noqa: S610
    if found <= MANY:
        return orgs.extra(where=[PG_MATCH], params=[query]), (F("depth") + 0, "name_folded")  # noqa: S610
    return orgs.extra(where=[PG_MATCH_WALKED], params=[query]), ("id",)  # noqa: S610


def _matches(query: str, count: Callable[[], int]) -> int:
    """How many names the index matches for `query` (up to `MANY` + 1), kept ten minutes: it only
    chooses the order, and a word in 180,000 names costs 20–25 ms to count again at each page."""
    key = "org-words:" + hashlib.sha256(f"{connection.vendor} {query}".encode()).hexdigest()
    return kept_a_while(key, 600, count)[0]


def _count(sql: str, *params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def people_search(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    for term in search_terms(query):
        people = people.filter(_word_prefix("name_folded", term))
    return people


def org_members(org: Org, *, on: dt.date | None = None) -> QuerySet[Membership]:
    """Memberships in the org, current ones, or those in force on a past day."""
    memberships = Membership.objects.filter(org=org).select_related("person")
    memberships = memberships.on(on) if on else memberships.current()
    return memberships.order_by("person__name_folded", "position")


def subtree_counts(org: Org) -> dict[str, int]:
    """How many active orgs and current members lie under `org` (itself included)."""
    orgs = Org.objects.filter(org.subtree_filter(), status=OrgStatus.ACTIVE).aggregate(n=Count("id"))["n"]
    people = Membership.objects.filter(org.subtree_filter("org_path"), end__isnull=True).aggregate(n=Count("person_id", distinct=True))["n"]
    return {"orgs": orgs, "people": people}


def org_name_on(org: Org, day: dt.date) -> str:
    """The org's name as it was on `day`: the old name of the first rename after that day."""
    later = org.events.filter(kind=OrgEventKind.RENAMED, on__gt=day).order_by("on", "id").first()
    return later.data["old"] if later else org.name


def org_parent_on(org: Org, day: dt.date) -> Org | None:
    """The org's parent on `day`: the old parent of the first move after that day."""
    later = org.events.filter(kind=OrgEventKind.MOVED, on__gt=day).order_by("on", "id").first()
    if later is None:
        return Org.objects.get_parent(org)
    old = later.data.get("old_parent")
    return Org.objects.filter(pk=old).first() if old else None


def org_history(org: Org) -> QuerySet[OrgEvent]:
    return org.events.select_related("actor").order_by("-on", "-id")


def person_history(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("org").order_by("-start", "-id")


def current_members(org: Org) -> list[Membership]:
    """One current membership per person of `org` (a person with two positions is one member),
    by name: for choosing a chair, attendees or who answers for a task."""
    rows = Membership.objects.filter(org=org, end__isnull=True).select_related("person").order_by("person__name_folded", "id")
    return list({m.person_id: m for m in rows}.values())
