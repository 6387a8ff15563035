import json
from pathlib import Path

import jsonschema
import pytest

from danvan.parsing import ParsedDocument

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "seed" / "754-CT-DU-2013.txt"
SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "danvan" / "parsing" / "contract" / "parsed-document.schema.json").read_text())


def valid(document: ParsedDocument) -> dict:
    """The document's JSON form, checked against the contract (every test goes through here)."""
    data = json.loads(json.dumps(document.to_dict(), ensure_ascii=False))
    jsonschema.validate(data, SCHEMA)
    refs = [task["ref"] for task in data["tasks"]]
    assert len(refs) == len(set(refs)), f"refs repeat: {sorted(r for r in refs if refs.count(r) > 1)}"
    return data


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
