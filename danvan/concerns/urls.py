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
urlpatterns += [
    path("orgs/<int:pk>/democracy/", views.democracy, name="democracy"),
    path("orgs/<int:pk>/boards/new/", views.board_elect, name="board_elect"),
    path("boards/<int:pk>/edit/", views.board_edit, name="board_edit"),
    path("boards/<int:pk>/members/add/", views.board_member_add, name="board_member_add"),
    path("boards/<int:pk>/reports/add/", views.board_report_add, name="board_report_add"),
    path("board-reports/<int:pk>/file/", views.board_report_file, name="board_report_file"),
    path("activities/<int:pk>/conference/", views.conference, name="conference"),
    path("conferences/<int:pk>/file/", views.conference_file, name="conference_file"),
    path("activities/<int:pk>/findings/", views.supervision_findings, name="findings"),
    path("activities/<int:pk>/findings/add/", views.finding_add, name="finding_add"),
    path("findings/<int:pk>/close/", views.finding_close, name="finding_close"),
    path("orgs/<int:pk>/mass/", views.mass_orgs, name="mass"),
]
urlpatterns += [
    path("disclosures/<int:pk>/edit/", views.disclosure_edit, name="disclosure_edit"),
    path("disclosures/<int:pk>/remove/", views.disclosure_remove, name="disclosure_remove"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/remove/", views.commitment_remove, name="commitment_remove"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/remove/", views.finding_remove, name="finding_remove"),
    path("board-members/<int:pk>/edit/", views.board_member_edit, name="board_member_edit"),
    path("board-members/<int:pk>/remove/", views.board_member_remove, name="board_member_remove"),
]
