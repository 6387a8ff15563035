"""What the press agencies in the tree publish on mass mobilization (columns, articles, radio and
television items): counted per period and in the reports. Press agencies are a few hundred in the
whole country, so a subtree's figures are a count over an indexed range, not counters."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PressKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    COLUMN = "column", _("Column or section")
    BROADCAST = "broadcast", _("Radio or television item")
    ONLINE = "online", _("Online item")
    OTHER = "other", _("Other")


class PressItem(models.Model):
    org = models.ForeignKey("orgs.Org", verbose_name=_("published by"), on_delete=models.PROTECT, related_name="press_items")
    org_path = models.CharField(max_length=255)
    title = models.CharField(_("title"), max_length=300)
    outlet = models.CharField(_("outlet"), max_length=200, help_text=_("The newspaper, magazine, station or site."))
    published_on = models.DateField(_("published on"))
    kind = models.CharField(_("kind"), max_length=16, choices=PressKind.choices, default=PressKind.ARTICLE)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="press/%Y/", blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("press item")
        indexes = [models.Index(fields=["org_path", "published_on"], name="press_path_day")]

    def __str__(self) -> str:
        return self.title
