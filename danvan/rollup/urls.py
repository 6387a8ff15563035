from django.urls import path

from danvan.rollup import views

app_name = "rollup"
urlpatterns = [
    path("programs/<int:pk>/matrix/", views.matrix, name="matrix"),
    path("programs/<int:pk>/obligations/", views.obligations, name="obligations"),
    path("orgs/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
]
