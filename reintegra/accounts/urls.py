from django.urls import path

from reintegra.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    path("password/", views.password_change, name="password_change"),
    path("password/changed/", views.password_change_done, name="password_change_done"),
    path("two-factor/", views.two_factor, name="twofactor"),
    path("profile/", views.my_profile, name="my_profile"),
    path("users/", views.user_list, name="user_list"),
    path("users/<id:pk>/", views.user_detail, name="user_detail"),
    path("users/<id:pk>/edit/", views.user_edit, name="user_edit"),
    path("organisations/<id:organisation_pk>/team/add/", views.member_invite, name="member_invite"),
    path("organisations/<id:organisation_pk>/team/<id:pk>/role/", views.member_role, name="member_role"),
    path(
        "organisations/<id:organisation_pk>/team/<id:pk>/deactivate/",
        views.member_deactivate,
        name="member_deactivate",
    ),
    path("organisations/<id:pk>/security/", views.organisation_security, name="organisation_security"),
]
