from django.contrib.auth import views as auth_views
from django.urls import path

from palermo.core.views import account, audit, dashboard, inbox, notifications, tokens, users

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/count/", inbox.inbox_badge, name="inbox-badge"),
    path("accounts/login/", account.PalermoLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        account.PalermoPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        account.PalermoPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        account.PalermoPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/tokens/", tokens.token_list, name="token-list"),
    path("notifications/", notifications.notification_list, name="notification-list"),
    path("account/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token-revoke"),
    path("admin-area/audit/", audit.audit_list, name="audit-list"),
    path("admin-area/users/", users.user_list, name="user-list"),
    path("admin-area/users/new/", users.user_create, name="user-create"),
    path("admin-area/users/<int:user_id>/", users.user_detail, name="user-detail"),
    path(
        "admin-area/users/<int:user_id>/roles/<int:grant_id>/revoke/",
        users.role_revoke,
        name="role-revoke",
    ),
]
