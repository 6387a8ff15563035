"""The result of reading a document: plain data, JSON-serializable, no Django inside.

Its JSON form is fixed by `contract/parsed-document.schema.json`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Cadence:
    per: str  # year, half_year, quarter, month, week, term, periodic, continuous, once
    min: int | None = None
    max: int | None = None
    on: str | None = None  # "MM-DD"


@dataclass
class Section:
    label: str | None
    title: str | None
    sections: list[Section] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Task:
    ref: str
    text: str
    actors: list[str] = field(default_factory=list)
    cadence: list[Cadence] = field(default_factory=list)
    deadline: str | None = None
    lead: str | None = None
    support: list[str] = field(default_factory=list)
    # Contract version 2: the heading a task is grouped under, the start of a span ("Quý III, IV
    # năm 2027": starts 2027-Q3, deadline 2027-Q4), and the labelled lines "Sản phẩm", "Kinh phí".
    group: str | None = None
    start: str | None = None
    product: str | None = None
    budget: str | None = None


@dataclass
class Recipient:
    name: str
    purpose: str | None = None
    archive: bool = False


@dataclass
class Signature:
    authority: str | None = None
    position: str | None = None
    name: str | None = None


@dataclass
class Received:
    by: str | None = None
    serial: int | None = None
    date: str | None = None


@dataclass
class Reference:
    number: str
    date: str | None = None


@dataclass
class ParsedDocument:
    type: str | None = None
    type_code: str | None = None
    number: str | None = None
    serial: int | None = None
    issuer_code: str | None = None
    issuer: str | None = None
    superior: str | None = None
    place: str | None = None
    date: str | None = None
    signed_at: str | None = None
    title: str | None = None
    received: Received | None = None
    references: list[Reference] = field(default_factory=list)
    signature: Signature | None = None
    recipients: list[Recipient] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Beyond the contract (it allows more keys): where the text came from, and the text itself.
    source: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_text:
            data.pop("text")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedDocument:
        """Rebuild from `to_dict()` output (or a reviewer's edit of it)."""

        def section(d: dict) -> Section:
            return Section(d.get("label"), d.get("title"), [section(s) for s in d.get("sections", [])], list(d.get("items", [])))

        def task(d: dict) -> Task:
            return Task(
                ref=d["ref"],
                text=d["text"],
                actors=list(d.get("actors", [])),
                cadence=[Cadence(**c) for c in d.get("cadence", [])],
                deadline=d.get("deadline"),
                lead=d.get("lead"),
                support=list(d.get("support", [])),
                group=d.get("group"),
                start=d.get("start"),
                product=d.get("product"),
                budget=d.get("budget"),
            )

        return cls(
            type=data.get("type"),
            type_code=data.get("type_code"),
            number=data.get("number"),
            serial=data.get("serial"),
            issuer_code=data.get("issuer_code"),
            issuer=data.get("issuer"),
            superior=data.get("superior"),
            place=data.get("place"),
            date=data.get("date"),
            signed_at=data.get("signed_at"),
            title=data.get("title"),
            received=Received(**data["received"]) if data.get("received") else None,
            references=[Reference(**r) for r in data.get("references", [])],
            signature=Signature(**data["signature"]) if data.get("signature") else None,
            recipients=[Recipient(**r) for r in data.get("recipients", [])],
            sections=[section(s) for s in data.get("sections", [])],
            tasks=[task(t) for t in data.get("tasks", [])],
            warnings=list(data.get("warnings", [])),
            source=dict(data.get("source", {})),
            text=data.get("text", ""),
        )
