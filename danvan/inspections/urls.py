from django.urls import path

from danvan.inspections import views

app_name = "inspections"
urlpatterns = [
    path("orgs/<int:pk>/inspections/", views.inspections, name="list"),
    path("orgs/<int:pk>/inspections/new/", views.plan, name="plan"),
    path("orgs/<int:pk>/inspections/subjects/", views.subjects, name="subjects"),
    path("orgs/<int:pk>/recommendations/", views.recommendations, name="recommendations"),
    path("inspections/<int:pk>/", views.detail, name="detail"),
    path("inspections/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("inspections/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("inspections/<int:pk>/notice/", views.notice_issue, name="notice_issue"),
    path("inspections/<int:pk>/notice.docx", views.notice, name="notice"),
    path("recommendations/<int:pk>/report/", views.report, name="report"),
    path("recommendations/<int:pk>/verify/", views.verify, name="verify"),
]
