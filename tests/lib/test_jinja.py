"""The Jinja2 rows (`{% jinja %}`, danvan/lib/jinja.py) write what Django's templates wrote:
escaped text, the interface's words in the active language, numbers as the language writes them,
links reversed from the URL map, and choice labels."""

from types import SimpleNamespace

from django.template import Context, Template, engines
from django.urls import reverse
from django.utils import translation

from danvan.concerns.models import Concern, ConcernStatus
from danvan.lib.jinja import url


def _render(source: str, **context) -> str:
    return engines["jinja"].from_string(source).render(context)


def test_text_is_escaped_and_words_are_translated_in_the_active_language():
    with translation.override("vi"):
        assert _render("{{ name }} {{ _('overdue') }}", name="<b>A & B</b>") == "&lt;b&gt;A &amp; B&lt;/b&gt; quá hạn"
    with translation.override("en"):
        assert _render("{{ _('overdue') }}") == "overdue"


def test_numbers_are_grouped_as_the_language_groups_them():
    with translation.override("vi"):
        assert _render("{{ n|localize }}", n=1234567) == "1.234.567"
    with translation.override("en"):
        assert _render("{{ n|localize }}", n=1234567) == "1,234,567"


def test_links_are_the_url_maps():
    assert url("concerns:detail", 42) == reverse("concerns:detail", kwargs={"pk": 42})
    assert url("orgs:detail", 7) == reverse("orgs:detail", kwargs={"pk": 7})
    assert _render("{{ url('concerns:list', 9) }}") == reverse("concerns:list", kwargs={"pk": 9})


def test_choice_labels_follow_the_language():
    concern = Concern(status=ConcernStatus.ANSWERED)
    for language in ("vi", "en"):
        with translation.override(language):
            assert _render('{{ c|display("status") }}', c=concern) == concern.get_status_display()
    assert _render('{{ c|display("status") }}', c=Concern(status="no-such")) == "no-such"


def test_the_jinja_tag_draws_a_jinja_template_with_the_django_templates_context():
    category = SimpleNamespace(pk=3, name="<i>Đất đai</i>")
    row = {"category": category, "total": 1200, "open": 2, "overdue": 0, "on_time_rate": None, "satisfaction": 50}
    with translation.override("vi"):
        page = Template('<tbody>{% jinja "concerns/by_category.html" %}</tbody>').render(Context({"by_category": [row]}))
    cells = '<td class="num">1.200</td><td class="num">2</td><td class="num">0</td><td class="num">—</td><td class="num">50%</td>'
    assert page == f'<tbody><tr><td><a href="?category=3">&lt;i&gt;Đất đai&lt;/i&gt;</a></td>{cells}</tr></tbody>'


def test_dates_words_and_fixed_pieces_are_written_as_djangos_filters_write_them():
    import datetime as dt

    from django.template.loader import render_to_string
    from django.utils import timezone

    late = dt.datetime(2026, 8, 27, 20, 30, tzinfo=dt.UTC)  # 28 August in Hà Nội
    django = Template('{{ t|date:"d/m/Y" }} {{ d|date:"d/m/Y" }} {{ text|truncatewords:3 }}')
    context = {"t": late, "d": dt.date(2013, 8, 28), "text": "Đảng bộ <b>Bộ</b> Thông tin và Truyền thông"}
    with timezone.override("Asia/Ho_Chi_Minh"):
        expected = django.render(Context(context))
        assert expected == "28/08/2026 28/08/2013 Đảng bộ &lt;b&gt;Bộ&lt;/b&gt; …"
        assert _render("{{ t|day }} {{ d|day }} {{ text|words(3) }}", **context) == expected
    assert _render("{{ none|day }}", none=None) == ""
    for language in ("vi", "en"):
        with translation.override(language):
            badge = render_to_string("programs/_state.html", {"state": "overdue"}).strip()
            assert _render('{{ fixed("programs/_state.html", state="overdue") }}') == badge
