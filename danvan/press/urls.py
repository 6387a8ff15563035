from django.urls import path

from danvan.press import views

app_name = "press"
urlpatterns = [
    path("orgs/<int:pk>/press/", views.items, name="items"),
    path("press/<int:pk>/file/", views.item_file, name="file"),
]
