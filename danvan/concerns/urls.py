from django.urls import path

from danvan.concerns import views

app_name = "concerns"
urlpatterns = [
    path("orgs/<int:pk>/concerns/", views.concern_list, name="list"),
    path("orgs/<int:pk>/concerns/new/", views.concern_new, name="new"),
    path("concerns/<int:pk>/", views.concern_detail, name="detail"),
    path("concerns/<int:pk>/act/", views.concern_act, name="act"),
    path("orgs/<int:pk>/commitments/", views.commitments, name="commitments"),
    path("activities/<int:pk>/commitments/", views.session_commitments, name="session_commitments"),
    path("activities/<int:pk>/commitments/add/", views.commitment_add, name="commitment_add"),
    path("commitments/<int:pk>/close/", views.commitment_close, name="commitment_close"),
    path("orgs/<int:pk>/disclosures/", views.disclosures, name="disclosures"),
    path("disclosures/<int:pk>/proof/", views.disclosure_proof, name="disclosure_proof"),
]
