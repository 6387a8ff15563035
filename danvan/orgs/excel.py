"""Excel in and out for orgs and people.

Export writes two sheets (organizations, people) for a subtree; import reads the same layout
back. An import is checked row by row first; if any row is wrong, nothing is written and every
error is reported with its sheet, row and column.
"""

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from danvan.audit.services import audit_record, snapshot
from danvan.lib.text import fold
from danvan.lib.xlsx import append_row
from danvan.lib.xlsx_in import (
    RowError,
    Rows,
    cell_choice,
    cell_date,
    cell_text,
    choice_lookup,
    find_sheet,
    open_workbook,
)
from danvan.orgs import services
from danvan.orgs.models import Gender, Membership, Org, OrgKind, OrgStatus, Person, Position

ORG_SHEET = gettext_lazy("Organizations")
PEOPLE_SHEET = gettext_lazy("People")
ORG_COLUMNS = [
    ("code", gettext_lazy("Code")),
    ("name", gettext_lazy("Name")),
    ("short_name", gettext_lazy("Short name")),
    ("kind", gettext_lazy("Kind")),
    ("parent_code", gettext_lazy("Parent code")),
    ("founded_on", gettext_lazy("Founded on")),
]
PEOPLE_COLUMNS = [
    ("full_name", gettext_lazy("Full name")),
    ("gender", gettext_lazy("Gender")),
    ("birth_date", gettext_lazy("Date of birth")),
    ("party_joined_on", gettext_lazy("Date of joining the Party")),
    ("party_card_number", gettext_lazy("Party card number")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("Email")),
    ("org_code", gettext_lazy("Organization code")),
    ("position", gettext_lazy("Position")),
    ("start", gettext_lazy("From")),
]
REQUIRED = {"code", "name", "kind", "full_name", "org_code"}


# ---------------------------------------------------------------- export


def export_workbook(org: Org) -> bytes:
    """The subtree's active orgs and current members, in the layout `import_workbook` reads."""
    wb = Workbook()
    orgs_ws = wb.active
    orgs_ws.title = str(ORG_SHEET)
    append_row(orgs_ws, [str(label) for _key, label in ORG_COLUMNS])
    orgs = Org.objects.filter(org.subtree_filter(), status=OrgStatus.ACTIVE).order_by("path")
    codes_by_path = {}
    for node in orgs:
        codes_by_path[node.path] = node.code
        parent_code = codes_by_path.get(node.path[: -Org.steplen], "") if node.pk != org.pk else ""
        append_row(orgs_ws, [node.code, node.name, node.short_name, node.get_kind_display(), parent_code, node.founded_on])
    people_ws = wb.create_sheet(str(PEOPLE_SHEET))
    append_row(people_ws, [str(label) for _key, label in PEOPLE_COLUMNS])
    memberships = (
        Membership.objects.filter(org.subtree_filter("org_path"), end__isnull=True)
        .select_related("person", "org")
        .order_by("org_path", "person__name_folded", "id")
    )
    for m in memberships.iterator(chunk_size=2000):
        p = m.person
        append_row(
            people_ws,
            [
                p.full_name,
                p.get_gender_display() if p.gender else "",
                p.birth_date,
                p.party_joined_on,
                p.party_card_number,
                p.phone,
                p.email,
                m.org.code,
                m.get_position_display(),
                m.start,
            ],
        )
    for ws in (orgs_ws, people_ws):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate([14, 40, 16, 22, 16, 14, 18, 14, 22, 14], start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- import


@dataclass
class ImportResult:
    orgs_created: int = 0
    orgs_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    memberships_added: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _OrgRow:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    founded_on: dt.date | None
    existing: Org | None


@dataclass
class _PersonRow:
    row: int
    fields: dict
    org_code: str
    position: str
    start: dt.date | None
    existing: Person | None


def import_workbook(*, actor, root: Org, file, allow_orgs: bool = True) -> ImportResult:
    """Read orgs and people into `root`'s subtree, where the caller has checked the actor may
    manage people. All rows or none: on any error nothing is written. A row updates an existing
    person only if that person is a current member of an org in `root`'s subtree (whom the actor
    may edit); a card number of anyone else is refused, whoever once belonged here. `allow_orgs`
    false refuses a file with an organizations sheet (for users who may not change the tree)."""
    result = ImportResult()
    wb, errors = open_workbook(file)
    if wb is None:
        result.errors = errors
        return result
    orgs_ws, people_ws = find_sheet(wb, ORG_SHEET), find_sheet(wb, PEOPLE_SHEET)
    if orgs_ws is None and people_ws is None:
        result.errors.append(
            RowError(
                "", 0, "", _("The file has neither an “%(orgs)s” nor a “%(people)s” sheet.") % {"orgs": ORG_SHEET, "people": PEOPLE_SHEET}
            )
        )
        return result
    if orgs_ws is not None and not allow_orgs and not _has_data(orgs_ws):
        orgs_ws = None
    if orgs_ws is not None and not allow_orgs:
        result.errors.append(
            RowError(
                orgs_ws.title,
                0,
                "",
                _("Only a committee administrator may import organizations; remove the “%(sheet)s” sheet.") % {"sheet": orgs_ws.title},
            )
        )
        return result
    org_rows = _read_orgs(orgs_ws, root, result) if orgs_ws is not None else []
    known_codes = {r.code for r in org_rows}
    people_rows = _read_people(people_ws, root, known_codes, result) if people_ws is not None else []
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _write(actor, root, org_rows, people_rows, result)
            if result.errors:
                raise _Rollback
            audit_record(
                actor=actor,
                action="org.import",
                obj=root,
                org=root,
                changes={
                    "orgs_created": [None, result.orgs_created],
                    "orgs_updated": [None, result.orgs_updated],
                    "people_created": [None, result.people_created],
                    "people_updated": [None, result.people_updated],
                },
            )
    except _Rollback:
        pass
    if result.errors:
        result.orgs_created = result.orgs_updated = result.people_created = result.people_updated = result.memberships_added = 0
    return result


def _has_data(ws) -> bool:
    rows = ws.iter_rows(min_row=2, values_only=True)
    return any(any(v is not None and str(v).strip() for v in row) for row in rows)


class _Rollback(Exception):
    pass


def _read_orgs(ws, root: Org, result: ImportResult) -> list[_OrgRow]:
    rows = Rows(ws, ORG_COLUMNS, result.errors, required=REQUIRED)
    kinds = choice_lookup(OrgKind.choices)
    subtree = Org.objects.filter(root.subtree_filter())
    seen: dict[str, int] = {}
    plans = []
    for number, values in rows:
        code = cell_text(values.get("code"))
        name = cell_text(values.get("name"))
        parent_code = cell_text(values.get("parent_code"))
        kind = cell_choice(rows, number, "kind", values.get("kind"), kinds)
        if not code:
            rows.error(number, "code", _("The code is required."))
        elif code in seen:
            rows.error(number, "code", _("The code “%(code)s” is already used in row %(row)s.") % {"code": code, "row": seen[code]})
        if not name:
            rows.error(number, "name", _("The name is required."))
        if not cell_text(values.get("kind")):
            rows.error(number, "kind", _("The kind is required."))
        existing = subtree.filter(code=code).first() if code else None
        if code and existing is None and Org.objects.filter(code=code).exists():
            rows.error(
                number, "code", _("The code “%(code)s” belongs to an organization outside %(root)s.") % {"code": code, "root": root.name}
            )
        if existing is not None and existing.pk == root.pk:
            parent_ok = True
        elif not parent_code:
            rows.error(number, "parent_code", _("The parent code is required (the top organization is %(code)s).") % {"code": root.code})
            parent_ok = False
        else:
            parent_ok = parent_code in seen or subtree.filter(code=parent_code, status=OrgStatus.ACTIVE).exists()
            if not parent_ok:
                rows.error(
                    number,
                    "parent_code",
                    _("No organization with code “%(code)s” in %(root)s or in an earlier row.") % {"code": parent_code, "root": root.name},
                )
        if existing is not None and parent_ok and existing.pk != root.pk:
            current_parent = Org.objects.get_parent(existing)
            if current_parent is None or current_parent.code != parent_code:
                rows.error(
                    number,
                    "parent_code",
                    _("“%(name)s” is under another organization; move it in the tree instead of by import.") % {"name": existing.name},
                )
        if code:
            seen.setdefault(code, number)
        plans.append(
            _OrgRow(
                number,
                code,
                name,
                cell_text(values.get("short_name")),
                kind,
                parent_code,
                cell_date(rows, number, "founded_on", values.get("founded_on")),
                existing,
            )
        )
    return plans


def _editable_people(root: Org):
    """People the import may update: current members of an org in `root`'s subtree."""
    current = Membership.objects.filter(root.subtree_filter("org_path"), end__isnull=True).values("person_id")
    return Person.objects.filter(pk__in=current)


def _read_people(ws, root: Org, known_codes: set[str], result: ImportResult) -> list[_PersonRow]:
    rows = Rows(ws, PEOPLE_COLUMNS, result.errors, required=REQUIRED)
    editable = _editable_people(root)
    genders = choice_lookup(Gender.choices)
    positions = choice_lookup(Position.choices)
    subtree_codes = set(Org.objects.filter(root.subtree_filter(), status=OrgStatus.ACTIVE).values_list("code", flat=True))
    seen_cards: dict[str, int] = {}
    plans = []
    for number, values in rows:
        full_name = cell_text(values.get("full_name"))
        if not full_name:
            rows.error(number, "full_name", _("The full name is required."))
        org_code = cell_text(values.get("org_code"))
        if not org_code:
            rows.error(number, "org_code", _("The organization code is required."))
        elif org_code not in subtree_codes and org_code not in known_codes:
            rows.error(number, "org_code", _("No organization with code “%(code)s” in %(root)s.") % {"code": org_code, "root": root.name})
        card = cell_text(values.get("party_card_number"))
        birth_date = cell_date(rows, number, "birth_date", values.get("birth_date"))
        existing = None
        if not card and full_name and org_code:
            # No card number: the same name (and birth date, if given) already in that org is the same person,
            # so that importing an export back does not double everyone.
            same = editable.filter(name_folded=fold(full_name), memberships__org__code=org_code, memberships__end__isnull=True)
            existing = same.filter(birth_date=birth_date).first() if birth_date else same.first()
        if card:
            if card in seen_cards:
                rows.error(
                    number,
                    "party_card_number",
                    _("The party card number %(card)s is already in row %(row)s.") % {"card": card, "row": seen_cards[card]},
                )
            seen_cards.setdefault(card, number)
            existing = editable.filter(party_card_number=card).first()
            if existing is None and Person.objects.filter(party_card_number=card).exists():
                rows.error(number, "party_card_number", _("This party card number belongs to an organization outside your scope."))
        fields = {
            "full_name": full_name,
            "gender": cell_choice(rows, number, "gender", values.get("gender"), genders),
            "birth_date": birth_date,
            "party_joined_on": cell_date(rows, number, "party_joined_on", values.get("party_joined_on")),
            "party_card_number": card,
            "phone": cell_text(values.get("phone")),
            "email": cell_text(values.get("email")),
        }
        probe = Person(**fields, name_folded=fold(full_name))
        try:
            # A card number already in use is judged above (whom the import may update), not here again.
            taken = existing is not None or (card and Person.objects.filter(party_card_number=card).exists())
            probe.full_clean(exclude=["party_card_number"] if taken else None, validate_unique=False)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key == "full_name" and not full_name:
                    continue
                for message in messages:
                    rows.error(number, key if key in dict(PEOPLE_COLUMNS) else "", message)
        position = cell_choice(rows, number, "position", values.get("position"), positions, default=Position.MEMBER)
        plans.append(_PersonRow(number, fields, org_code, position, cell_date(rows, number, "start", values.get("start")), existing))
    return plans


def _write(actor, root: Org, org_rows: list[_OrgRow], people_rows: list[_PersonRow], result: ImportResult) -> None:
    by_code: dict[str, Org] = {}
    for plan in org_rows:
        try:
            if plan.existing is not None:
                before = snapshot(plan.existing, services.ORG_FIELDS)
                org = services.org_update(
                    actor=actor,
                    org=plan.existing,
                    name=plan.name,
                    kind=plan.kind,
                    code=plan.code,
                    short_name=plan.short_name,
                    founded_on=plan.founded_on or plan.existing.founded_on,
                )
                result.orgs_updated += before != snapshot(org, services.ORG_FIELDS)
            else:
                parent = by_code.get(plan.parent_code) or Org.objects.filter(root.subtree_filter()).get(code=plan.parent_code)
                org = services.org_create(
                    actor=actor,
                    parent=parent,
                    name=plan.name,
                    kind=plan.kind,
                    code=plan.code,
                    short_name=plan.short_name,
                    founded_on=plan.founded_on,
                    is_demo=root.is_demo,
                )
                result.orgs_created += 1
            by_code[plan.code] = org
        except ValidationError as exc:
            result.errors.append(RowError(str(ORG_SHEET), plan.row, "", "; ".join(exc.messages)))
    for plan in people_rows:
        try:
            org = by_code.get(plan.org_code) or Org.objects.filter(root.subtree_filter()).get(code=plan.org_code)
            start = plan.start or timezone.localdate()
            if plan.existing is not None:
                before = snapshot(plan.existing, services.PERSON_FIELDS)
                person = services.person_update(actor=actor, person=plan.existing, org=org, **plan.fields)
                result.people_updated += before != snapshot(person, services.PERSON_FIELDS)
                if not person.memberships.filter(org=org, position=plan.position, end__isnull=True).exists():
                    services.membership_add(actor=actor, person=person, org=org, position=plan.position, start=start)
                    result.memberships_added += 1
            else:
                services.person_create(actor=actor, org=org, position=plan.position, start=start, is_demo=root.is_demo, **plan.fields)
                result.people_created += 1
                result.memberships_added += 1
        except ValidationError as exc:
            result.errors.append(RowError(str(PEOPLE_SHEET), plan.row, "", "; ".join(exc.messages)))
