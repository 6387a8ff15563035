from django.urls import path

from danvan.orgs import views, views_excel, views_people

app_name = "orgs"
urlpatterns = [
    path("orgs/", views.tree, name="tree"),
    path("orgs/pick/", views.pick, name="pick"),
    path("orgs/<int:pk>/", views.detail, name="detail"),
    path("orgs/<int:pk>/children/", views.children, name="children"),
    path("orgs/<int:pk>/counts/", views.counts, name="counts"),
    path("orgs/<int:pk>/new/", views.create_child, name="create_child"),
    path("orgs/<int:pk>/edit/", views.edit, name="edit"),
    path("orgs/<int:pk>/move/", views.move, name="move"),
    path("orgs/<int:pk>/merge/", views.merge, name="merge"),
    path("orgs/<int:pk>/split/", views.split, name="split"),
    path("orgs/<int:pk>/dissolve/", views.dissolve, name="dissolve"),
    path("orgs/<int:pk>/export.xlsx", views_excel.export, name="export"),
    path("orgs/<int:pk>/import/", views_excel.import_, name="import"),
    path("orgs/<int:pk>/people/new/", views_people.person_create, name="person_create"),
    path("people/", views_people.people, name="people"),
    path("people/<int:pk>/", views_people.person_detail, name="person"),
    path("people/<int:pk>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<int:pk>/memberships/new/", views_people.membership_add, name="membership_add"),
    path("memberships/<int:pk>/end/", views_people.membership_end, name="membership_end"),
]
