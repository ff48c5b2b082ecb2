from django.urls import path

from reintegra.ownpage import views

app_name = "ownpage"

urlpatterns = [
    path("", views.own_page, name="own_page"),
    path("votes/<id:pk>/propose/", views.own_propose, name="own_propose"),
    path("proposals/<id:pk>/vote/", views.own_vote, name="own_vote"),
    path("files/<id:pk>/", views.own_attachment, name="own_attachment"),
    path("follow-ups/<id:pk>/", views.own_follow_up, name="own_follow_up"),
    path("reach/<id:pk>/", views.own_reach, name="own_reach"),
    path("people/<id:pk>/account/", views.account_link, name="account_link"),
    path("passport-entries/", views.entries_awaiting, name="entries_awaiting"),
    path("passport-entries/<id:pk>/confirm/", views.entry_confirm, name="entry_confirm"),
]
