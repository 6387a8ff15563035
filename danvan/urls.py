from django.contrib import admin
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.api.api import api
from danvan.audit import views as audit_views
from danvan.orgs import views as org_views


@never_cache
@require_GET
def healthz(request):
    """Up when the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "down"
        return JsonResponse({"status": "down", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception):
    """400 with the reason (a query parameter's form message, say), in the user's language."""
    message = exception.args[0] if getattr(exception, "args", None) and isinstance(exception.args[0], str) else ""
    return render(request, "400.html", {"message": message}, status=400)


handler400 = bad_request
admin.site.site_header = "danvan"
urlpatterns = [
    path("", org_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("audit/", audit_views.trail, name="audit"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("danvan.accounts.urls")),
    path("", include("danvan.orgs.urls")),
    path("", include("danvan.documents.urls")),
    path("", include("danvan.programs.urls")),
    path("", include("danvan.activities.urls")),
    path("", include("danvan.rollup.urls")),
    path("", include("danvan.reports.urls")),
    path("", include("danvan.registry.urls")),
    path("", include("danvan.concerns.urls")),
    path("", include("danvan.members.urls")),
    path("", include("danvan.press.urls")),
    path("", include("danvan.inspections.urls")),
    path("", include("danvan.emulation.urls")),
]
