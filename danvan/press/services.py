"""Recording a press item: one transaction and one audit row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.lib.text import nfc
from danvan.lib.uploads import check_size, keep
from danvan.orgs.models import Org
from danvan.press.models import PressItem, PressKind


@transaction.atomic
def press_record(
    *, actor, org: Org, title: str, outlet: str, published_on: dt.date, kind: str, link: str = "", note: str = "", file=None
) -> PressItem:
    title, outlet = nfc(title or "").strip(), nfc(outlet or "").strip()
    if not title or not outlet:
        raise ValidationError(_("Give the title and the outlet."))
    if kind not in PressKind.values:
        raise ValidationError(_("Choose the kind of item."))
    if link and not link.startswith(("http://", "https://")):
        raise ValidationError(_("A link starts with http:// or https://."))
    check_size(file)
    item = PressItem.objects.create(
        org=org, org_path=org.path, title=title, outlet=outlet, published_on=published_on, kind=kind, link=link, note=nfc(note or ""),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )  # fmt: skip
    keep(item, "file", file, "bai-bao")
    audit_record(actor=actor, action="press.record", obj=item, org=org, changes={"title": [None, title], "outlet": [None, outlet]})
    return item
