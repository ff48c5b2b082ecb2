"""The employers app's pages; each part (placements, fairs, surveys, matching) includes its own
with one ``path("<part>/", include(...))`` line at the end."""

from django.urls import URLPattern, URLResolver, include, path

from reintegra.employers.views import employers, offers, own

app_name = "employers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", employers.employer_list, name="employer_list"),
    path("export/<str:fmt>/", employers.employer_export, name="employer_export"),
    path("new/", employers.employer_create, name="employer_create"),
    path("<id:pk>/", employers.employer_detail, name="employer_detail"),
    path("<id:pk>/edit/", employers.employer_edit, name="employer_edit"),
    path("<id:pk>/sites/new/", employers.site_create, name="site_create"),
    path("<id:pk>/contacts/new/", employers.contact_add, name="contact_add"),
    path("<id:pk>/contacts/<id:contact_pk>/remove/", employers.contact_remove, name="contact_remove"),
    path("<id:pk>/offers/new/", offers.offer_create, name="offer_create"),
    path("sites/<id:pk>/edit/", employers.site_edit, name="site_edit"),
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/export/<str:fmt>/", offers.offer_export, name="offer_export"),
    path("offers/<id:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<id:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<id:pk>/open/", offers.offer_open, name="offer_open"),
    path("offers/<id:pk>/close/", offers.offer_close, name="offer_close"),
    path("offers/<id:pk>/extend/", offers.offer_extend, name="offer_extend"),
    # The employer contact's own pages.
    path("mine/", own.own_home, name="own_home"),
    path("mine/sites/new/", own.own_site_create, name="own_site_create"),
    path("mine/sites/<id:pk>/edit/", own.own_site_edit, name="own_site_edit"),
    path("mine/offers/new/", own.own_offer_create, name="own_offer_create"),
    path("mine/offers/<id:pk>/", own.own_offer_detail, name="own_offer_detail"),
    path("mine/offers/<id:pk>/edit/", own.own_offer_edit, name="own_offer_edit"),
    path("mine/offers/<id:pk>/open/", own.own_offer_open, name="own_offer_open"),
    path("mine/offers/<id:pk>/close/", own.own_offer_close, name="own_offer_close"),
    path("placements/", include("reintegra.employers.placements.urls")),
    path("matching/", include("reintegra.employers.matching.urls")),
    path("fairs/", include("reintegra.employers.fairs.urls")),
    path("surveys/", include("reintegra.employers.surveys.urls")),
]
