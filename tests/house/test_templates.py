"""Ids written into pages by hand must not be localized: with the Vietnamese thousands separator
the org 1234 would be written "1.234", and a link or form field built from it would break."""

import re
from pathlib import Path

from django.utils import timezone

TEMPLATES = Path(__file__).resolve().parents[2] / "danvan" / "templates"
RAW_ID = re.compile(r"\{\{\s*[\w.]*(?:\bpk|_id|\.id)\s*\}\}")


def test_no_template_writes_an_id_that_the_locale_would_group():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            offenders += [f"{path.relative_to(TEMPLATES)}:{number}: {m}" for m in RAW_ID.findall(line)]
    assert not offenders, "write ids with |unlocalize:\n" + "\n".join(offenders)


def test_a_large_id_survives_a_page_round_trip(world):
    """The matrix of an org whose id is in the thousands links to it with the plain number."""

    from django.db import connection
    from django.urls import reverse

    from danvan.orgs.models import Org
    from danvan.parsing import parse_file
    from danvan.programs import services
    from tests.conftest import login, make_org
    from tests.parsing.conftest import SEED

    with connection.cursor() as cursor:  # push the next org id past 1,000
        Org.objects.filter(pk=world.cell3.pk).update()
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence('orgs_org', 'id'), 12344)")
        else:
            cursor.execute("UPDATE sqlite_sequence SET seq = 12344 WHERE name = 'orgs_org'")
    big = make_org(world.org_a, "Chi bộ Phòng 12345", "cell", "A12345")
    assert big.pk == 12345
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict(), valid_from=timezone.localdate())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, big])
    page = login(world.admin).get(reverse("rollup:matrix", kwargs={"pk": program.pk}) + f"?org={world.org_a.pk}").content.decode()
    assert "?org=12345&" in page and "12.345" not in page
