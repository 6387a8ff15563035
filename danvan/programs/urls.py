from django.urls import path

from danvan.programs import views, views_edit

app_name = "programs"
urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/<int:pk>/", views.detail, name="detail"),
    path("orgs/<int:pk>/programs/new/", views_edit.program_new, name="new"),
    path("programs/<int:pk>/edit/", views_edit.program_edit, name="edit"),
    path("programs/<int:pk>/tasks/new/", views_edit.task_new, name="task_new"),
    path("tasks/<int:pk>/edit/", views_edit.task_edit, name="task_edit"),
    path("programs/<int:pk>/generation/", views.generation, name="generation"),
    path("documents/<int:pk>/program/", views.from_document, name="from_document"),
    path("adoptions/<int:pk>/", views.adoption, name="adoption"),
    path("adoptions/<int:pk>/cascade/", views.cascade, name="cascade"),
    path("orgs/<int:pk>/obligations/", views.todo, name="todo"),
    path("obligations/<int:pk>/waive/", views.waive, name="waive"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("pending/", views.pending, name="pending"),
]
