from django.urls import path

from danvan.activities import views, views_calendar

app_name = "activities"
urlpatterns = [
    path("orgs/<int:pk>/activities/", views.org_list, name="list"),
    path("orgs/<int:pk>/activities/new/", views.create, name="create"),
    path("activities/<int:pk>/", views.detail, name="detail"),
    path("activities/<int:pk>/files/", views.attach, name="attach"),
    path("activity-files/<int:pk>/", views.download, name="file"),
    path("obligations/<int:pk>/", views.obligation, name="obligation"),
    path("calendar/", views_calendar.calendar, name="calendar"),
    path("calendar.ics", views_calendar.calendar_feed, name="calendar_feed"),
]
