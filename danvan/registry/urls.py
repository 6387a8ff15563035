from django.urls import path

from danvan.registry import views

app_name = "registry"
urlpatterns = [
    path("orgs/<int:pk>/outgoing/", views.outgoing_list, name="outgoing"),
    path("orgs/<int:pk>/outgoing/new/", views.issue, name="issue"),
    path("orgs/<int:pk>/incoming/", views.incoming_list, name="incoming"),
    path("orgs/<int:pk>/incoming/new/", views.receive, name="receive"),
    path("orgs/<int:pk>/terms/", views.terms, name="terms"),
    path("outgoing/<int:pk>/", views.outgoing_detail, name="outgoing_detail"),
    path("outgoing/<int:pk>/file/", views.outgoing_file, name="outgoing_file"),
    path("outgoing/<int:pk>/distribute/", views.distribute, name="distribute"),
    path("outgoing/<int:pk>/remind/", views.remind, name="remind"),
    path("outgoing/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("incoming/<int:pk>/", views.incoming_detail, name="incoming_detail"),
    path("incoming/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("reports/<int:pk>/issue/", views.report_issue, name="report_issue"),
    path("search/", views.search, name="search"),
]
