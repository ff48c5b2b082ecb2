from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from reintegra import errors, ids, landing
from reintegra.accounts.policy import public
from reintegra.api import api

ids.register()  # before the apps' URLs, which use <id:…>

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

urlpatterns = [
    path("", landing.home, name="home"),
    path("accounts/", include("reintegra.accounts.urls")),
    path("audit/", include("reintegra.audit.urls")),
    path("programmes/", include("reintegra.programmes.urls")),
    path("notifications/", include("reintegra.notifications.urls")),
    path("participants/", include("reintegra.people.urls")),
    path("casework/", include("reintegra.casework.urls")),
    path("casework/", include("reintegra.plans.urls")),
    path("imports/", include("reintegra.programmes.imports.urls")),
    path("questionnaires/", include("reintegra.questionnaires.urls")),
    path("partnership/", include("reintegra.partnership.urls")),
    path("training/", include("reintegra.training.urls")),
    path("activities/", include("reintegra.activities.urls")),
    path("employers/", include("reintegra.employers.urls")),
    path("outreach/", include("reintegra.outreach.urls")),
    path("outcomes/", include("reintegra.outcomes.urls")),
    path("me/", include("reintegra.ownpage.urls")),
    path("attachments/", include("reintegra.attachments.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
