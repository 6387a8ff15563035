from django.contrib.auth import views as auth_views
from django.urls import path

from danvan.accounts import views

app_name = "accounts"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-factor/setup/", views.totp_setup, name="totp_setup"),
    path("accounts/two-factor/verify/", views.totp_verify, name="totp_verify"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/tokens/", views.tokens, name="tokens"),
    path("accounts/notifications/", views.notifications, name="notifications"),
    path("orgs/<int:pk>/roles/", views.roles, name="roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("people/<int:pk>/account/", views.account_create, name="account_create"),
]
