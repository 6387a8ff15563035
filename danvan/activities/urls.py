from django.urls import path

from danvan.activities import views

app_name = "activities"
urlpatterns = [
    path("orgs/<int:pk>/activities/new/", views.create, name="create"),
    path("activities/<int:pk>/", views.detail, name="detail"),
    path("activities/<int:pk>/files/", views.attach, name="attach"),
    path("activity-files/<int:pk>/", views.download, name="file"),
]
