"""Eight issuers at once on one series, on a real database (a SQLite file with its IMMEDIATE
transactions, or a scratch PostgreSQL database when DATABASE_URL names one; eight threads, each
with its own connection): every number from 1 to N exactly once, none skipped, none twice — also
while some issuances fail after taking their number (their transaction gives it back)."""

import os

from tests.instance import Instance

SCRIPT = """
import datetime as dt, json, threading
from django.db import connection, transaction
from danvan.orgs.services import org_create
from danvan.registry import services
from danvan.registry.models import Outgoing
root = org_create(actor=None, parent=None, name="Đảng ủy Thử", kind="committee", code="R", founded_on=dt.date(2020, 1, 1))
services.term_create(actor=None, org=root, name="2025–2030", start=dt.date(2025, 1, 1))
issued, failed, errors = [], [], []
start = threading.Barrier(8)

def issuer(n):
    start.wait()
    try:
        for i in range(25):
            try:
                with transaction.atomic():
                    day = dt.date(2026, 3, 2)
                    outgoing = services.outgoing_issue(actor=None, org=root, type_code="BC", title=f"{n}-{i}", issued_on=day)
                    if n % 4 == 0 and i % 5 == 0:
                        raise RuntimeError(outgoing.serial)  # the issuance fails after its number was taken
                issued.append(outgoing.serial)
            except RuntimeError:
                failed.append(1)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=issuer, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
stored = sorted(Outgoing.objects.values_list("serial", flat=True))
print(json.dumps({"issued": sorted(issued), "stored": stored, "failed": len(failed), "errors": errors}))
"""


def test_eight_issuers_at_once_take_every_number_once(tmp_path):
    instance = Instance(tmp_path, database="postgres" if os.environ.get("DATABASE_URL") else "default")
    try:
        result = instance.shell(SCRIPT)
    finally:
        instance.close()
    assert result["errors"] == []
    assert result["failed"] == 10  # two issuers of eight failed five times each
    expected = list(range(1, 8 * 25 - 10 + 1))
    assert result["issued"] == expected and result["stored"] == expected  # 1..N, no gap, no duplicate
