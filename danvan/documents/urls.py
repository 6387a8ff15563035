from django.urls import path

from danvan.documents import views

app_name = "documents"
urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("orgs/<int:pk>/documents/upload/", views.upload, name="upload"),
    path("documents/<int:pk>/", views.detail, name="detail"),
    path("documents/<int:pk>/progress/", views.progress, name="progress"),
    path("documents/<int:pk>/review/", views.review, name="review"),
    path("documents/<int:pk>/retry/", views.retry, name="retry"),
    path("documents/<int:pk>/file/", views.download, name="download"),
]
