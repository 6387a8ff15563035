"""What a reading of tasks lacks, per task: the office fixes only those. And, against a
hand-made expectation, the share of each kind of field read right (for `bench/parse.py`)."""

from __future__ import annotations

from collections.abc import Iterable

# What a task needs to become obligations someone answers for: who leads it, and when.
NEEDED = ("lead", "when")
COMPARED = ("text", "lead", "support", "actors", "deadline", "start", "cadence", "group")


def missing(task: dict) -> list[str]:
    """The needed fields a task lacks: "lead" (no lead body, nobody named), "when" (neither a
    cadence nor a deadline)."""
    lacks = []
    if not task.get("lead") and not task.get("actors"):
        lacks.append("lead")
    if not task.get("cadence") and not task.get("deadline"):
        lacks.append("when")
    return lacks


def needing_attention(tasks: Iterable[dict]) -> int:
    return sum(1 for task in tasks if missing(task))


def field_shares(expected: list[dict], read: list[dict]) -> dict[str, float]:
    """For each kind of field, the share of expected tasks (matched by ref) whose value was read
    as expected; a task not read at all counts as wrong in every field."""
    by_ref = {task["ref"]: task for task in read}
    shares = {}
    for key in COMPARED:
        wanted = [task for task in expected if key in task]
        if not wanted:
            continue
        right = sum(1 for task in wanted if _same(key, task[key], by_ref.get(task["ref"], {}).get(key)))
        shares[key] = right / len(wanted)
    return shares


def _same(key: str, expected, got) -> bool:
    if key == "cadence":
        return [c.get("per") for c in expected] == [c.get("per") for c in got or []]
    if key in ("support", "actors"):
        return set(expected) <= set(got or [])
    return expected == got
