"""A few demo press items on mass mobilization by the demo Trung tâm Thông tin (made up for the
demonstration; the org is marked DEMO)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.demo.loader import ROOT_CODE
from danvan.orgs.models import Org
from danvan.press.models import PressItem
from danvan.press.services import press_record

ITEMS = [
    ("Chuyên mục “Dân vận khéo” số đặc biệt chào mừng Ngày Dân vận 15/10", "Cổng thông tin điện tử Bộ", "column", 50),
    ("Gương cán bộ, đảng viên làm tốt công tác dân vận ở cơ sở", "Bản tin nội bộ", "article", 120),
    ("Tọa đàm trực tuyến về chuyển đổi số phục vụ người dân", "Cổng thông tin điện tử Bộ", "online", 200),
]


def load_demo_press() -> int:
    """Once: the items; 0 when they are there already (or the demo org is not)."""
    org = Org.objects.filter(code=f"{ROOT_CODE}-TTTT-CQ").first()
    if org is None or PressItem.objects.filter(org=org).exists():
        return 0
    today = timezone.localdate()
    for title, outlet, kind, ago in ITEMS:
        press_record(
            actor=None, org=org, title=f"{title} (dữ liệu mẫu)", outlet=outlet, kind=kind, published_on=today - dt.timedelta(days=ago)
        )
    return len(ITEMS)
