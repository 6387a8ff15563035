from django.urls import path

from danvan.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.cycles, name="cycles"),
    path("orgs/<int:pk>/reports/new/", views.cycle_new, name="cycle_new"),
    path("orgs/<int:pk>/letterhead/", views.letterhead, name="letterhead"),
    path("reports/cycles/<int:pk>/", views.cycle, name="cycle"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/consolidation/", views.consolidation, name="consolidation"),
    path("reports/<int:pk>/save/", views.report_save, name="save"),
    path("reports/<int:pk>/submit/", views.report_submit, name="submit"),
    path("reports/<int:pk>/return/", views.report_return, name="return"),
    path("reports/<int:pk>/correct/", views.report_correct, name="correct"),
    path("reports/<int:pk>/docx/", views.report_docx, name="docx"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("reports/versions/<int:pk>/", views.version, name="version"),
]
