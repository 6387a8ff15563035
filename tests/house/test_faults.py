"""Faults, on a real instance served by gunicorn: kill -9 of the web server in the middle of a
write loop, and eight writers at once — on SQLite configured both ways, and on PostgreSQL when
DATABASE_URL names it. Every acknowledged write is there exactly once, no request fails, and
`danvan reconcile` finds the counters in step."""

import json
import os
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.instance import Instance

SETUP = """
import datetime as dt, json
from django.utils import timezone
from danvan.accounts.models import Role, User
from danvan.accounts.services import role_grant, token_create
from danvan.orgs.services import org_create, person_create
from danvan.programs import services
from danvan.programs.models import Adoption
root = org_create(actor=None, parent=None, name="Đảng ủy Thử", kind="committee", code="R", founded_on=dt.date(2020, 1, 1))
cell = org_create(actor=None, parent=root, name="Chi bộ Thử", kind="cell", code="C", founded_on=dt.date(2020, 1, 1))
person = person_create(actor=None, org=cell, position="secretary", start=dt.date(2020, 1, 1), full_name="Bí Thư Thử")
user = User.objects.create_user(username="bithu", password="x-long-enough-9", person=person)
role_grant(actor=None, user=user, org=cell, role=Role.SECRETARY)
since = timezone.localdate().replace(month=1, day=1)
program = services.program_create_by_hand(actor=None, org=root, title="Kế hoạch thử", valid_from=since)
task = services.task_save(actor=None, program=program, ref="1", text="Tin bài tuyên truyền hằng tháng", cadence=[{"per": "month"}],
                          actor_kinds=["cell"], fulfilled_by="press")
services.program_cascade(actor=None, program=program, from_org=root, targets=[cell])
print(json.dumps({"token": token_create(actor=None, user=user, name="t")[1], "org": cell.pk, "task": task.pk}))
"""
TITLES = """
import json
from collections import Counter
from danvan.activities.models import Activity
print(json.dumps(Counter(Activity.objects.values_list("title", flat=True))))
"""


def _post(base: str, ids: dict, title: str) -> int:
    body = json.dumps(
        {"org_id": ids["org"], "kind": "press", "title": title, "held_on": time.strftime("%Y-%m-%d"), "task_ids": [ids["task"]]}
    )
    request = urllib.request.Request(
        base + "/api/activities",
        data=body.encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {ids['token']}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0  # no answer: not acknowledged


class Writers:
    """Four threads posting activities until stopped; what was acknowledged and attempted."""

    def __init__(self, base: str, ids: dict, prefix: str):
        self.base, self.ids, self.prefix = base, ids, prefix
        self.acknowledged: set[str] = set()
        self.attempted: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._write, args=(n,)) for n in range(4)]
        for thread in self._threads:
            thread.start()

    def _write(self, n: int) -> None:
        i = 0
        while not self._stop.is_set():
            title = f"{self.prefix}{n}-{i}"
            self.attempted.append(title)
            if _post(self.base, self.ids, title) == 201:
                self.acknowledged.add(title)
            i += 1

    def wait_for(self, count: int) -> None:
        while len(self.acknowledged) < count:
            time.sleep(0.05)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


def _databases():
    """The engine of the suite: the PostgreSQL suite's instances run on PostgreSQL; the SQLite
    suite's on SQLite configured both ways (the default file and a DATABASE_URL)."""
    if (os.environ.get("DATABASE_URL") or "").startswith("postgres"):
        yield "postgres"
    else:
        yield "default"
        yield "sqlite-url"


@pytest.fixture(params=list(_databases()))
def instance(request, tmp_path):
    made = Instance(tmp_path, database=request.param)
    yield made
    made.close()


def test_eight_writers_at_once_all_succeed_and_the_counters_stay_in_step(instance):
    ids = instance.shell(SETUP)
    base = instance.start_server()
    results: list[int] = []

    def writer(n):
        for i in range(25):
            results.append(_post(base, ids, f"w{n}-{i}"))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(201) == 200, {code: results.count(code) for code in set(results)}
    titles = instance.shell(TITLES)
    assert len(titles) == 200 and set(titles.values()) == {1}
    assert "drift: 0" in instance.manage("reconcile", "--exact")


def test_kill_9_of_the_web_server_mid_writes_loses_no_acknowledged_write(instance):
    ids = instance.shell(SETUP)
    base = instance.start_server()
    writers = Writers(base, ids, "k")
    writers.wait_for(60)
    Instance.kill(instance.server)  # kill -9, master and workers, while the four writers write
    time.sleep(0.5)
    writers.stop()
    acknowledged, attempted = writers.acknowledged, writers.attempted
    base = instance.start_server()
    for i in range(10):  # the restarted server takes writes again
        title = f"after-{i}"
        if _post(base, ids, title) == 201:
            acknowledged.add(title)
    titles = instance.shell(TITLES)
    assert acknowledged <= set(titles), sorted(acknowledged - set(titles))[:10]
    assert set(titles.values()) == {1}  # nothing twice
    assert set(titles) <= set(attempted) | {f"after-{i}" for i in range(10)}
    assert "drift: 0" in instance.manage("reconcile", "--exact")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0


@pytest.mark.skipif(not (os.environ.get("DATABASE_URL") or "").startswith("postgres"), reason="PostgreSQL only")
def test_the_database_going_down_mid_writes_is_a_clear_503_and_loses_nothing_acknowledged(tmp_path):
    """Every connection of the instance's database is cut and new ones refused for a while (a
    database restart, as the instance sees it, without stopping the server the suite runs on)."""
    instance = Instance(tmp_path, database="postgres")
    try:
        ids = instance.shell(SETUP)
        base = instance.start_server()
        writers = Writers(base, ids, "d")
        writers.wait_for(40)
        admin, name = instance.pg_admin, instance.pg_name
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name])
        down = [_status(base + "/healthz") for _ in range(3)]
        time.sleep(1)
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        deadline = time.monotonic() + 30
        while _status(base + "/healthz") != 200:
            assert time.monotonic() < deadline, "the instance did not come back with its database"
            time.sleep(0.2)
        writers.wait_for(len(writers.acknowledged) + 20)  # writes go through again
        writers.stop()
        assert down == [503, 503, 503]
        titles = instance.shell(TITLES)
        assert writers.acknowledged <= set(titles) and set(titles.values()) == {1}
        assert "drift: 0" in instance.manage("reconcile", "--exact")
    finally:
        instance.close()


class Browser:
    """A signed-in person's cookies and CSRF token, against the instance's server."""

    def __init__(self, base: str, username: str, password: str):
        import http.cookiejar

        self.base, self.jar = base, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        page = self.get("/accounts/login/")
        self.post(
            "/accounts/login/", {"username": username, "password": password, "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken")}
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        from urllib.parse import urlencode

        request = urllib.request.Request(self.base + path, data=urlencode(fields, doseq=True).encode(), method="POST")
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _hidden(page: str, name: str) -> str:
    import re

    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def test_one_form_posted_twice_at_the_same_instant_makes_one_activity(instance):
    ids = instance.shell(SETUP)
    base = instance.start_server()
    browser = Browser(base, "bithu", "x-long-enough-9")
    path = f"/orgs/{ids['org']}/activities/new/"
    page = browser.get(path)
    fields = {
        "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
        "submission": _hidden(page, "submission"),
        "kind": "press",
        "title": "Bấm hai lần",
        "held_on": time.strftime("%d/%m/%Y"),
        "tasks": [str(ids["task"])],
        "outsiders": "0",
    }
    fields.update({name: "present" for name in set(__import__("re").findall(r'name="(attendance_\d+)"', page))})
    barrier = threading.Barrier(2)
    answers = []

    def send():
        barrier.wait()
        answers.append(browser.post(path, fields))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _where in answers] == [302, 302], answers
    assert answers[0][1] == answers[1][1] and "/activities/" in answers[0][1]  # both land on the one activity
    assert instance.shell(TITLES) == {"Bấm hai lần": 1}
