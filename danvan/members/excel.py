"""A cell's members' tasks in Excel and back: the sheet lists the cell's party members with the
year's task (blank where they have none); the cell fills it in and sends it back. Every row is
checked first; if one is wrong nothing is written and each mistake is named by its row and
column. Members are found by their party card number, else by their name in the cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.audit.services import audit_record
from danvan.lib.text import fold
from danvan.lib.xlsx import Sheet, workbook
from danvan.lib.xlsx_in import RowError, Rows, cell_choice, cell_text, choice_lookup, open_workbook
from danvan.members import selectors, services
from danvan.members.models import Place
from danvan.orgs.models import Org

COLUMNS = [
    ("member", gettext_lazy("Party member")),
    ("card", gettext_lazy("Party card number")),
    ("text", gettext_lazy("Task")),
    ("place", gettext_lazy("Where")),
    ("with_whom", gettext_lazy("With whom")),
]
REQUIRED = {"member", "text"}
# What cells write in the "where" column besides the labels themselves (folded).
SYNONYMS = {
    "noi lam viec": Place.WORKPLACE, "co quan": Place.WORKPLACE, "tai co quan": Place.WORKPLACE,
    "noi o": Place.RESIDENCE, "noi cu tru": Place.RESIDENCE, "khu dan cu": Place.RESIDENCE, "dia ban dan cu": Place.RESIDENCE,
}  # fmt: skip


def template_workbook(org: Org, year: int):
    """The cell's party members with the year's task, to fill in and import."""
    wb = workbook()
    sheet = Sheet(wb, str(year), [str(label) for _key, label in COLUMNS], [30, 16, 70, 18, 28])
    for row in selectors.cell_members(org, year):
        task, person = row["task"], row["person"]
        sheet.append(
            [person.full_name, person.party_card_number or "", task.text if task else "",
             task.get_place_display() if task else "", task.with_whom if task else ""]
        )  # fmt: skip
    return wb


@dataclass
class TaskImport:
    given: int = 0
    changed: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_tasks(*, actor, org: Org, year: int, file, today: dt.date) -> TaskImport:
    """Read the sheet and give the tasks it lists, all or nothing."""
    result = TaskImport()
    wb, result.errors = open_workbook(file)
    if wb is None:
        return result
    rows = Rows(wb.worksheets[0], COLUMNS, result.errors, required=REQUIRED)
    if result.errors:
        return result
    members = [row["person"] for row in selectors.cell_members(org, year)]
    by_card = {fold(p.party_card_number): p for p in members if p.party_card_number}
    by_name: dict[str, list] = {}
    for person in members:
        by_name.setdefault(fold(person.full_name), []).append(person)
    places = {**choice_lookup(Place.choices), **SYNONYMS}
    plans: dict[tuple[str, str, str], list[int]] = {}
    seen: dict[int, int] = {}
    for number, values in rows:
        text, card, name = cell_text(values.get("text")), cell_text(values.get("card")), cell_text(values.get("member"))
        if not text:
            continue  # a member left without a task in the sheet keeps what they have
        person = by_card.get(fold(card)) if card else None
        if person is None and not card:
            found = by_name.get(fold(name), [])
            if len(found) > 1:
                rows.error(number, "member", _("Two members of the cell are called %(name)s: give the party card number.") % {"name": name})
                continue
            person = found[0] if found else None
        if person is None:
            rows.error(number, "card" if card else "member", _("%(who)s is not a party member of this cell.") % {"who": card or name})
            continue
        if person.pk in seen:
            rows.error(number, "member", _("%(name)s is on row %(row)s too.") % {"name": person.full_name, "row": seen[person.pk]})
            continue
        seen[person.pk] = number
        place = cell_choice(rows, number, "place", values.get("place"), places, default=Place.WORKPLACE)
        plans.setdefault((text, place, cell_text(values.get("with_whom"))), []).append(person.pk)
    if result.errors:
        return result
    if not plans:
        result.errors.append(RowError(rows.sheet, 0, "", _("The sheet gives no task.")))
        return result
    try:
        with transaction.atomic():
            for (text, place, with_whom), people in plans.items():
                given, changed = services.tasks_assign(
                    actor=actor, org=org, year=year, person_ids=people, text=text, place=place, with_whom=with_whom, today=today
                )
                result.given, result.changed = result.given + given, result.changed + changed
            audit_record(
                actor=actor, action="member_task.import", obj=org, org=org,
                changes={"year": [None, year], "given": [None, result.given], "changed": [None, result.changed]},
            )  # fmt: skip
    except ValidationError as exc:
        result.given = result.changed = 0
        result.errors.append(RowError(rows.sheet, 0, "", " ".join(exc.messages)))
    return result
