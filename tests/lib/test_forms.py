"""The project's form renderer draws Django's own widget templates with Jinja2 (several times
faster): the HTML is Django's, but for the whitespace between tags and how a quote is escaped."""

import re

from django import forms
from django.forms.renderers import TemplatesSetting

from danvan.lib.forms import DateField, FormRenderer, MultipleFileField


class Everything(forms.Form):
    name = forms.CharField(label="Tên <b>", max_length=10, help_text="Họ và tên & chức vụ")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(choices=[("a", "Chi bộ"), ("b", "Đảng bộ \"cơ sở\" 'mới'")])
    status = forms.ChoiceField(choices=[("p", "Có mặt"), ("x", "Vắng")], widget=forms.RadioSelect, initial="p")
    tasks = forms.MultipleChoiceField(choices=[(str(i), f"Nhiệm vụ {i} <i>") for i in range(5)], widget=forms.CheckboxSelectMultiple)
    groups = forms.MultipleChoiceField(choices=[("Đoàn thể", [("1", "Công đoàn"), ("2", "Đoàn thanh niên")])], required=False)
    held_on = DateField()
    count = forms.IntegerField(min_value=0)
    agreed = forms.BooleanField(required=False)
    files = MultipleFileField(required=False)
    secret = forms.CharField(widget=forms.HiddenInput, initial="x")


class DjangoTemplatesOnly(TemplatesSetting):
    field_template_name = FormRenderer.field_template_name


def _squeezed(html: str) -> str:
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")  # markupsafe's escapes, Django's
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def test_forms_render_as_django_renders_them_but_for_whitespace():
    for data in (None, {"name": "x" * 11, "kind": "z", "tasks": ["9"], "held_on": "31/02/2026", "count": "-1"}):
        fast, plain = (
            Everything(data, initial={"tasks": ["1", "3"]}, renderer=renderer).render()
            for renderer in (FormRenderer(), DjangoTemplatesOnly())
        )
        assert _squeezed(fast) == _squeezed(plain)
        assert "Tên &lt;b&gt;" in fast and "Nhiệm vụ 1 &lt;i&gt;" in fast and "&amp; chức vụ" in fast
    assert "errorlist" in fast
