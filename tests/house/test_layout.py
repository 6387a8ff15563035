"""The shape of the code, checked: the apps follow the loop (no app imports a later stage), and
views and API handlers fetch scoped objects only through `danvan.access`."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "danvan"
# The loop, in order; an app may import itself and those before it, never one after it.
LOOP = [
    "lib",
    "parsing",
    "jobs",
    "audit",
    "orgs",
    "accounts",
    "documents",
    "programs",
    "activities",
    "rollup",
    "reports",
    "registry",
    "concerns",
    "members",
    "press",
    "inspections",
    "emulation",
    "demo",
]
# Edge modules: they serve requests, may import any stage and the access helpers.
EDGE = re.compile(r"(^|/)(views[a-z_]*|urls|middleware|context_processors|api)\.py$|^api/")
# An operator's commands see the whole database, and may also ask the access helpers (whose
# orgs a user records in, to remind them).
COMMANDS = re.compile(r"/management/commands/")
SCOPED = {
    "Org",
    "OrgEvent",
    "Person",
    "Membership",
    "RoleGrant",
    "AuditEntry",
    "Document",
    "Program",
    "Task",
    "Adoption",
    "AdoptedTask",
    "Obligation",
    "Activity",
    "ActivityFile",
    "Attendance",
    "ObligationCounter",
    "SubtreeCounter",
    "Cycle",
    "Report",
    "ReportVersion",
    "Rendering",
    "Letterhead",
    "CycleCount",
    "SearchEntry",
    "Term",
    "Series",
    "Outgoing",
    "Incoming",
    "Distribution",
    "Concern",
    "ConcernEvent",
    "Commitment",
    "Disclosure",
    "StaffConference",
    "InspectionBoard",
    "BoardMember",
    "BoardReport",
    "Finding",
    "MemberCount",
    "MemberTask",
    "PressItem",
    "Inspection",
    "Recommendation",
    "Campaign",
    "Practice",
    "Progress",
    "Evidence",
    "Nomination",
    "CouncilMember",
    "Score",
}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative:
            continue
        yield relative, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("danvan.")}


def _app(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LOOP else None


def test_no_app_imports_a_later_stage_of_the_loop():
    wrong = []
    for relative, tree in _modules():
        app = relative.split("/")[0] if "/" in relative else None
        if app not in LOOP:
            continue  # access.py, urls.py, settings.py, api/: the edge above the apps
        edge = bool(EDGE.search(relative) or COMMANDS.search(relative))
        for name in _imports(tree):
            other = _app(name)
            if other and LOOP.index(other) > LOOP.index(app):
                wrong.append(f"{relative} imports {name}")
            if (name == "danvan.access" or name.startswith("danvan.access.")) and not edge:
                wrong.append(f"{relative} imports the access helpers (only views and the API do)")
    assert not wrong, "\n".join(sorted(wrong))


def test_views_and_api_fetch_scoped_models_only_through_access():
    wrong = []
    for relative, tree in _modules():
        if not EDGE.search(relative) or relative == "urls.py":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("objects", "_default_manager")
                and isinstance(node.value, ast.Name)
                and node.value.id in SCOPED
            ):
                wrong.append(f"{relative}:{node.lineno} {node.value.id}.{node.attr}")
    assert not wrong, "use an access_<entity> helper or a selector:\n" + "\n".join(wrong)


@pytest.mark.parametrize("app", [a for a in LOOP if (ROOT / a).is_dir()])
def test_every_app_has_its_tests_folder(app):
    """Tests mirror the apps: tests/<app>/ holds an app's tests."""
    assert (ROOT.parent / "tests" / app).is_dir(), f"tests/{app}/ is missing"
