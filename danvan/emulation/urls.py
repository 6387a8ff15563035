from django.urls import path

from danvan.emulation import views

app_name = "emulation"
urlpatterns = [
    path("orgs/<int:pk>/dan-van-kheo/", views.emulation, name="org"),
    path("orgs/<int:pk>/dan-van-kheo/models/new/", views.practice_new, name="practice_new"),
    path("orgs/<int:pk>/dan-van-kheo/nominate/", views.nominate_person, name="nominate_person"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/council/", views.council_add, name="council_add"),
    path("campaigns/<int:pk>/commend/", views.commend, name="commend"),
    path("models/<int:pk>/", views.practice, name="practice"),
    path("models/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path("models/<int:pk>/progress/", views.progress_add, name="progress_add"),
    path("models/<int:pk>/review/", views.review, name="review"),
    path("models/<int:pk>/nominate/", views.nominate_practice, name="nominate_practice"),
    path("nominations/<int:pk>/", views.nomination, name="nomination"),
    path("nominations/<int:pk>/score/", views.score, name="score"),
    path("nominations/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
