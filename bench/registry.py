"""The registers at load, on SQLite and PostgreSQL: 1,000 documents issued in one series by
eight concurrent issuers (throughput, and the check that the numbers are exactly 1..1000), and
search over 100,000 documents (p50/p95 of a page of results, national and cell scope, for a
rare word, a common pair and a phrase of four), printed as ratios to the 100 ms target.

    python bench/registry.py          # BENCH_DOCS (default 100000) documents in the index
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = int(os.environ.get("BENCH_DOCS", "100000"))
ISSUES, ISSUERS = 1000, 8
TARGET_MS = 100
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://danvan:danvan@127.0.0.1:5432/danvan")
WORDS = (
    "công tác dân vận kế hoạch báo cáo sơ kết tổng kết chi bộ đảng bộ đảng viên quần chúng nhân dân thực hiện "
    "nghị quyết chỉ thị chương trình hành động tuyên truyền vận động đoàn thể công đoàn thanh niên phụ nữ cựu chiến binh "
    "dân chủ cơ sở đối thoại tiếp dân kiểm tra giám sát thi đua khéo mô hình điển hình khen thưởng quy chế hướng dẫn "
    "tổ chức cán bộ tài chính tài sản chính sách bồi dưỡng quy hoạch luân chuyển năm quý tháng tuần nhiệm vụ giải pháp"
).split()


def measure() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    import datetime as dt
    import random
    import statistics
    import threading

    from django.db import connection

    from danvan.access import visible_q
    from danvan.accounts.models import Role, User
    from danvan.accounts.services import role_grant
    from danvan.lib.text import fold
    from danvan.orgs.models import Org
    from danvan.orgs.services import org_create
    from danvan.registry import search, services
    from danvan.registry.models import Outgoing, SearchEntry

    root = org_create(actor=None, parent=None, name="Đảng ủy (bench)", kind="committee", code="BENCH", founded_on=dt.date(2020, 1, 1))
    cells = [
        org_create(actor=None, parent=root, name=f"Chi bộ {n} (bench)", kind="cell", code=f"BENCH-{n}", founded_on=dt.date(2020, 1, 1))
        for n in range(200)
    ]
    services.term_create(actor=None, org=root, name="2025–2030", start=dt.date(2025, 1, 1))
    connection.close()

    serials: list[int] = []
    start = threading.Barrier(ISSUERS)

    def issuer(n: int) -> None:
        start.wait()
        try:
            for i in range(ISSUES // ISSUERS):
                day = dt.date(2026, 3, 2)
                serials.append(
                    services.outgoing_issue(actor=None, org=root, type_code="BC", title=f"Báo cáo {n}-{i}", issued_on=day).serial
                )
        finally:
            connection.close()

    threads = [threading.Thread(target=issuer, args=(n,)) for n in range(ISSUERS)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    issue_s = time.perf_counter() - began
    exact = sorted(serials) == list(range(1, ISSUES + 1)) == sorted(Outgoing.objects.values_list("serial", flat=True))  # no gap, no twice

    rng = random.Random(7)
    rare = "khéo"
    batch = []
    for n in range(DOCS):
        org = cells[n % len(cells)]
        words = [rng.choice(WORDS) for _ in range(60)]
        if n % 1000 == 0:
            words.append(rare + "léo")  # a word almost no document has
        text = " ".join(words)
        batch.append(SearchEntry(kind="incoming", object_id=10**9 + n, org=org, org_path=org.path, title=text[:120], folded=fold(text)))
        if len(batch) == 5000:
            SearchEntry.objects.bulk_create(batch)
            batch.clear()
    SearchEntry.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE registry_searchentry")

    national, _ = User.objects.get_or_create(username="bench-search-national")
    cell_user, _ = User.objects.get_or_create(username="bench-search-cell")
    role_grant(actor=None, user=national, org=root, role=Role.OBSERVER)
    role_grant(actor=None, user=cell_user, org=cells[7], role=Role.SECRETARY)
    queries = {"rare word": "kheoleo", "common pair": "dan van", "phrase of four": "ke hoach tuyen truyen doan the"}
    rows = {}
    for scope_name, user in (("national", national), ("cell", cell_user)):
        scope = visible_q(user, "org_path")
        for label, query in queries.items():
            times = []
            for _ in range(15):
                t0 = time.perf_counter()
                list(search.search(scope, query)[:21])
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            rows[f"{scope_name} · {label}"] = {"p50": statistics.median(times), "p95": times[int(0.95 * len(times)) - 1]}
    return {
        "engine": connection.vendor,
        "issue_s": round(issue_s, 2),
        "issue_per_s": round(ISSUES / issue_s, 1),
        "exact": exact,
        "docs": SearchEntry.objects.count(),
        "search": rows,
        "orgs": Org.objects.count(),
    }


def run(env: dict) -> dict:
    subprocess.run([sys.executable, "-m", "danvan.manage", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        results.append(run({**base, "DANVAN_VAR_DIR": scratch}))
        try:
            import psycopg

            with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS danvan_bench_registry")
                conn.execute("CREATE DATABASE danvan_bench_registry")
            url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/danvan_bench_registry"
            results.append(run({**base, "DANVAN_VAR_DIR": scratch + "/pg", "DATABASE_URL": url}))
        except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: report and go on
            print(f"PostgreSQL skipped: {exc}")
    print(
        f"registers: {ISSUES:,} documents issued by {ISSUERS} concurrent issuers; search over {DOCS:,} documents; target ≤ {TARGET_MS} ms"
    )
    for r in results:
        print(f"{r['engine']:<10} issuing: {r['issue_s']:.2f} s, {r['issue_per_s']} documents/s, numbers exactly 1..{ISSUES}: {r['exact']}")
        for label, t in r["search"].items():
            print(f"  search {label:<28} p50 {t['p50']:>7.1f} ms   p95 {t['p95']:>7.1f} ms   p95/target {t['p95'] / TARGET_MS:>5.2f}")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(), default=str))
    else:
        main()
