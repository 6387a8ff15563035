from django.urls import path

from danvan.members import views

app_name = "members"
urlpatterns = [
    path("orgs/<int:pk>/member-tasks/", views.tasks, name="tasks"),
    path("orgs/<int:pk>/member-tasks/import/", views.tasks_import, name="tasks_import"),
    path("orgs/<int:pk>/member-tasks/coverage/", views.coverage, name="coverage"),
    path("member-tasks/<int:pk>/", views.task, name="task"),
    path("orgs/<int:pk>/in-charge/", views.in_charge, name="in_charge"),
]
