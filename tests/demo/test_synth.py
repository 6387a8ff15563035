import unicodedata

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from danvan.concerns import counters as concern_counters
from danvan.concerns import selectors
from danvan.concerns.models import Concern
from danvan.demo.synth import build
from danvan.lib.text import fold
from danvan.orgs.models import Org, Person
from danvan.parsing import parse_file
from danvan.programs.models import Obligation
from danvan.rollup.reconcile import reconcile
from tests.conftest import login
from tests.parsing.conftest import SEED


def test_a_small_synthetic_country(world):
    year = timezone.localdate().year
    figures = build(scale=0.0001, year=year, data=parse_file(SEED).to_dict(), progress=lambda *_: None)
    root = Org.objects.get(code__startswith="SYN-", depth=1)
    assert Org.objects.filter(root.subtree_filter(), depth=2).count() == 34
    assert Org.objects.filter(root.subtree_filter(), depth=5, kind="cell").count() == figures.orgs - 1 - 34 - 34 - 34
    assert Obligation.objects.filter(org_path__gte=root.path).count() == figures.obligations > 0
    assert reconcile() == []  # the counters agree with the rows
    assert Concern.objects.filter(org_path__gte=root.path).count() == figures.concerns
    assert concern_counters.reconcile() == []
    assert selectors.figures(root, timezone.localdate())["total"] == figures.concerns
    people = Person.objects.filter(is_demo=True, memberships__org__path__startswith=root.path).order_by("name_folded", "id")
    first = list(people.values_list("full_name", "name_folded", "memberships__org__path")[:60])
    assert all(unicodedata.is_normalized("NFC", name) and folded == fold(name) for name, folded, _ in first)
    assert len({path[: 2 * Org.steplen] for *_, path in first}) >= 10  # names in order interleave the provinces, as real ones do
    admin = login(world.admin)
    world.admin.is_superuser = True
    world.admin.save(update_fields=["is_superuser"])
    assert admin.get(reverse("rollup:dashboard", kwargs={"pk": root.pk}) + f"?year={year}").status_code == 200


def test_the_synth_command_refuses_a_bad_scale(db, capsys):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("synth", "--scale", "2")
