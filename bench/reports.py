"""Reports at scale: on a synthetic country (`danvan synth`), a committee with about 1,000
organizations under it opens a year-end cycle, every subordinate files bottom-up (each pre-filled
from its records), and the committee's own report is pre-filled, consolidated from its direct
subordinates' filed snapshots and rendered to .docx — the target is 5 s for that last step,
printed as a ratio; the PDF conversion (LibreOffice) is timed apart. SQLite and PostgreSQL.

    python bench/reports.py                     # scale from BENCH_SCALE (default 0.02)
    BENCH_KEEP=/var/tmp/danvan-bench python bench/reports.py   # reuse the rollup bench's databases
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rollup import on_both_engines, prepare  # noqa: E402 - the same kept databases as the rollup bench

ROOT = Path(__file__).resolve().parent.parent
SUBORDINATES = int(os.environ.get("BENCH_REPORT_ORGS", "1000"))
TARGET_S = 5.0


def measure() -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    django.setup()
    import datetime as dt

    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from danvan.orgs.models import Org
    from danvan.programs.models import Program
    from danvan.reports import figures, render, services
    from danvan.reports.models import Cycle, CycleKind, Report, ReportStatus
    from danvan.reports.periods import default_period

    root = Org.objects.filter(code__startswith="SYN-", depth=1).order_by("-pk").first()
    # The committee: the org at depth 2 or 3 whose subtree is nearest SUBORDINATES (the root when none is as large).
    candidates = []
    for depth in (2, 3):
        for org in Org.objects.filter(root.subtree_filter(), depth=depth).order_by("path")[:60]:
            candidates.append((abs(Org.objects.filter(org.subtree_filter()).count() - 1 - SUBORDINATES), org))
    committee = min(candidates, key=lambda c: c[0])[1] if candidates else root
    if Org.objects.filter(committee.subtree_filter()).count() < SUBORDINATES / 2:
        committee = root
    program = Program.objects.filter(org=root).order_by("pk").first()
    year = timezone.localdate().year
    start, end = default_period(CycleKind.YEAR, year)
    Cycle.objects.filter(title="bench").delete()
    today = end

    t0 = time.perf_counter()
    every_kind = sorted(set(Org.objects.values_list("kind", flat=True).distinct()))
    cycle = services.cycle_open(
        actor=None, org=committee, kind=CycleKind.YEAR, title="bench", programs=[program],
        period_start=start, period_end=end, deadline=end + dt.timedelta(days=7), kinds=every_kind,
    )  # fmt: skip
    opened = time.perf_counter() - t0
    reports = list(
        Report.objects.filter(cycle=cycle).exclude(org=committee).select_related("org", "cycle").order_by("-org__depth", "org_path")
    )
    t0 = time.perf_counter()
    for report in reports:
        services.report_submit(actor=None, report=report, text={"results": "Đã thực hiện đầy đủ."}, today=today)
    filed = time.perf_counter() - t0
    top = Report.objects.select_related("org", "cycle").get(cycle=cycle, org=committee)
    t0 = time.perf_counter()
    snapshot = figures.snapshot(top, today)
    prefill = time.perf_counter() - t0
    top.figures = snapshot
    top.text = {"results": "Tổng hợp kết quả của các tổ chức trực thuộc."}
    t0 = time.perf_counter()
    docx = render.docx_bytes(top, today=today)
    rendered = time.perf_counter() - t0
    t0 = time.perf_counter()
    pdf = render.pdf_from_docx(docx)
    converted = time.perf_counter() - t0
    children = Report.objects.filter(parent=top).aggregate(n=Count("pk"))["n"]
    assert snapshot["total"]["orgs"]["filed"] == len(reports) + 1
    assert Report.objects.filter(cycle=cycle, status=ReportStatus.SUBMITTED).count() == len(reports)

    # Flat: only the cells report, every one straight to the committee (the widest consolidation).
    Cycle.objects.filter(title="bench-flat").delete()
    flat = services.cycle_open(
        actor=None, org=committee, kind=CycleKind.YEAR, title="bench-flat", programs=[program],
        period_start=start, period_end=end, deadline=end + dt.timedelta(days=7), kinds=["cell"],
    )  # fmt: skip
    cells = list(Report.objects.filter(cycle=flat).exclude(org=committee).select_related("org", "cycle"))
    for report in cells:
        services.report_submit(actor=None, report=report, text={"results": "Đã thực hiện."}, today=today)
    flat_top = Report.objects.select_related("org", "cycle").get(cycle=flat, org=committee)
    t0 = time.perf_counter()
    flat_top.figures = figures.snapshot(flat_top, today)
    flat_prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    render.docx_bytes(flat_top, today=today)
    flat_docx = time.perf_counter() - t0
    return {
        "engine": connection.vendor,
        "committee": committee.name,
        "reports": len(reports) + 1,
        "direct": children,
        "open_s": round(opened, 2),
        "file_all_s": round(filed, 2),
        "file_each_ms": round(1000 * filed / max(1, len(reports)), 1),
        "prefill_consolidate_s": round(prefill, 3),
        "docx_s": round(rendered, 3),
        "to_docx_s": round(prefill + rendered, 3),
        "pdf_s": round(converted, 2),
        "pdf_pages": render.pdf_pages(pdf),
        "flat_direct": len(cells),
        "flat_prefill_s": round(flat_prefill, 3),
        "flat_to_docx_s": round(flat_prefill + flat_docx, 3),
    }


def run_engine(env: dict, marker: Path | None = None) -> dict:
    prepare(env, marker)
    out = subprocess.run([sys.executable, __file__, "--measure"], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    results = on_both_engines(run_engine)
    print(
        f"reports of a committee with about {SUBORDINATES:,} organizations under it. "
        f"Target: pre-fill, consolidate and render to .docx ≤ {TARGET_S:.0f} s"
    )
    for r in results:
        print(f"{r['engine']:<10} {r['committee']}: {r['reports']:,} reports ({r['direct']} filed straight to it)")
        print(f"  open the cycle           {r['open_s']:>8.2f} s")
        print(f"  every subordinate files  {r['file_all_s']:>8.2f} s   ({r['file_each_ms']} ms each, pre-filled from its records)")
        print(f"  the committee's report: pre-fill + consolidate {r['prefill_consolidate_s']:.3f} s, .docx {r['docx_s']:.3f} s"
              f" = {r['to_docx_s']:.3f} s   ratio to target {r['to_docx_s'] / TARGET_S:.3f}")  # fmt: skip
        print(f"  PDF through LibreOffice  {r['pdf_s']:>8.2f} s   ({r['pdf_pages']} pages)")
        print(f"  flat: {r['flat_direct']:,} cells filed straight to it: pre-fill + consolidate {r['flat_prefill_s']:.3f} s,"
              f" to .docx {r['flat_to_docx_s']:.3f} s   ratio to target {r['flat_to_docx_s'] / TARGET_S:.3f}")  # fmt: skip


if __name__ == "__main__":
    if "--measure" in sys.argv:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(), default=str))
    else:
        main()
