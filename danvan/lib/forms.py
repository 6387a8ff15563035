"""How forms render: one field template for the whole project (`{{ field.as_field_group }}`)."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
