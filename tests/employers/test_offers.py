"""Offers: written by the keeping organisation's staff, coded by KZiS (found without JavaScript)
or flagged, skills as normalised lists, internships of two months by default and at most the
setting, opened and closed by the workflow, listed, filtered and exported; out of sight of
another organisation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.employers import services
from reintegra.employers.models import (
    ContractType,
    Employer,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    Site,
)
from reintegra.employers.offer_workflow import IllegalOfferMoveError
from reintegra.employers.skills import skills_from_text
from tests.conftest import client_for


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def offer_data(site: Site, **changes: Any) -> services.OfferData:
    values: dict[str, Any] = {
        "kind": OfferKind.INTERNSHIP,
        "site": site,
        "hours_per_week": 40,
        "contract_type": ContractType.INTERNSHIP_AGREEMENT,
        "places": 2,
        "title": "Staż w piekarni",
    }
    values.update(changes)
    return services.OfferData(**values)


def offer_form(site: Site, **changes: str) -> dict[str, Any]:
    form: dict[str, Any] = {
        "kind": "internship",
        "site": str(site.pk),
        "title": "",
        "occupation": "751204",
        "required_skills": "Obsługa pieca,  HACCP\nhaccp",
        "nice_skills": "",
        "hours_per_week": "40",
        "shifts": ["morning", "weekend"],
        "contract_type": "internship_agreement",
        "places": "2",
        "duration_months": "",
    }
    form.update(changes)
    return form


@pytest.fixture
def internship(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    return services.offer_create(
        actor=None, employer=bakery, data=offer_data(bakery_site, title="", occupation=baker)
    )


def test_a_case_worker_posts_a_two_month_internship_coded_by_kzis(
    caseworker: User, bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    response = client_for(caseworker).post(
        reverse("employers:offer_create", args=[bakery.pk]), {**offer_form(bakery_site), "publish": "1"}
    )

    offer = Offer.objects.get()
    assert response.status_code == 302
    assert offer.occupation == baker
    assert offer.duration_months == 2
    assert offer.status == OfferStatus.OPEN
    assert offer.required_skills == ["obsługa pieca", "haccp"]
    assert offer.shifts == ["morning", "weekend"]
    assert offer.created_by == caseworker
    assert AuditEntry.objects.get_for_object(offer).filter(actor=caseworker).exists()


def test_the_occupation_is_found_by_a_word_of_its_name_without_javascript(
    caseworker: User, bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    form = offer_form(bakery_site, occupation="", occupation_query="piekarz", find_occupation="1")

    response = client_for(caseworker).post(reverse("employers:offer_create", args=[bakery.pk]), form)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="751204">751204 Piekarz</option>' in page
    assert "is-invalid" not in page
    assert not Offer.objects.exists()


def test_a_code_typed_in_the_search_box_is_taken_when_saved(
    caseworker: User, bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    form = offer_form(bakery_site, occupation="", occupation_query="751204")

    client_for(caseworker).post(reverse("employers:offer_create", args=[bakery.pk]), form)

    assert Offer.objects.get().occupation == baker


def test_an_occupation_in_words_is_allowed_and_flagged_in_the_list(
    caseworker: User, bakery: Employer, bakery_site: Site
) -> None:
    services.offer_create(
        actor=caseworker,
        employer=bakery,
        data=offer_data(bakery_site, title="", occupation_text="Pomocnik cukiernika"),
    )

    page = client_for(caseworker).get(reverse("employers:offer_list")).content.decode()

    assert "Pomocnik cukiernika" in page
    assert "without a KZiS code" in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "", "occupation": None, "occupation_text": ""}, "title"),
        ({"places": 0}, "places"),
        ({"duration_months": 7}, "duration_months"),
        ({"shifts": ("dawn",)}, "shifts"),
        ({"starts_on": date(202, 6, 1)}, "starts_on"),
        ({"required_skills": tuple(f"umiejętność {n}" for n in range(31))}, "required_skills"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    bakery: Employer, bakery_site: Site, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.offer_create(actor=None, employer=bakery, data=offer_data(bakery_site, **changes))

    assert list(error.value.message_dict) == [field]


def test_the_longest_internship_is_a_setting(bakery: Employer, bakery_site: Site, settings: Any) -> None:
    settings.INTERNSHIP_MAX_MONTHS = 12

    offer = services.offer_create(
        actor=None, employer=bakery, data=offer_data(bakery_site, duration_months=9)
    )

    assert offer.duration_months == 9


def test_a_job_may_last_longer_than_an_internship(bakery: Employer, bakery_site: Site) -> None:
    data = offer_data(
        bakery_site, kind=OfferKind.JOB, contract_type=ContractType.EMPLOYMENT, duration_months=12
    )

    assert services.offer_create(actor=None, employer=bakery, data=data).duration_months == 12


def test_an_offer_at_another_employers_site_is_refused(
    bakery: Employer, bakery_site: Site, organisation: Any, gmina: Any
) -> None:
    other = services.employer_create(
        actor=None, kept_by=organisation, data=services.EmployerData(name="Sklep", sector="G", size="micro")
    )

    with pytest.raises(ValidationError) as error:
        services.offer_create(actor=None, employer=other, data=offer_data(bakery_site))

    assert list(error.value.message_dict) == ["site"]


def test_a_car_needed_means_a_driving_licence_needed(bakery: Employer, bakery_site: Site) -> None:
    offer = services.offer_create(actor=None, employer=bakery, data=offer_data(bakery_site, needs_car=True))

    assert offer.needs_driving_licence


def test_the_bad_input_page_names_the_field(caseworker: User, bakery: Employer, bakery_site: Site) -> None:
    form = offer_form(bakery_site, occupation="", places="0", duration_months="8")

    response = client_for(caseworker).post(reverse("employers:offer_create", args=[bakery.pk]), form)

    errors = response.context["form"].errors
    assert set(errors) == {"title", "places", "duration_months"}


def test_an_offer_opens_closes_and_opens_again_and_each_move_is_audited(
    caseworker: User, internship: Offer
) -> None:
    services.offer_open(actor=caseworker, offer=internship)
    with pytest.raises(IllegalOfferMoveError):
        services.offer_open(actor=caseworker, offer=internship)
    services.offer_close(actor=caseworker, offer=internship)
    assert internship.closed_at is not None
    services.offer_open(actor=caseworker, offer=internship)

    internship.refresh_from_db()
    assert internship.status == OfferStatus.OPEN
    assert internship.closed_at is None
    moves = AuditEntry.objects.get_for_object(internship).filter(action=AuditEntry.Action.UPDATE)
    assert moves.count() == 3


def test_closing_an_offer_asks_first(caseworker: User, internship: Offer) -> None:
    client = client_for(caseworker)
    url = reverse("employers:offer_close", args=[internship.pk])

    assert 'data-testid="confirm-form"' in client.get(url).content.decode()
    internship.refresh_from_db()
    assert internship.status == OfferStatus.DRAFT

    assert client.post(url, {"confirmed": "1"}).status_code == 302
    internship.refresh_from_db()
    assert internship.status == OfferStatus.CLOSED


def test_an_internship_is_extended_within_the_limit(caseworker: User, internship: Offer) -> None:
    client = client_for(caseworker)
    url = reverse("employers:offer_extend", args=[internship.pk])

    client.post(url, {"months": "2"})
    internship.refresh_from_db()
    assert internship.duration_months == 4

    refused = client.post(url, {"months": "3"})
    assert refused.status_code == 400
    assert "at most 6 months" in refused.context["extend_form"].errors["months"][0]


def test_the_list_filters_by_kind_status_occupation_and_gmina(
    caseworker: User, bakery: Employer, bakery_site: Site, internship: Offer
) -> None:
    job = services.offer_create(
        actor=None,
        employer=bakery,
        data=offer_data(bakery_site, kind=OfferKind.JOB, title="Sprzedawca", contract_type="employment"),
    )
    client = client_for(caseworker)

    def listed(**query: str) -> set[int]:
        response = client.get(reverse("employers:offer_list"), query)
        return {offer.pk for offer in response.context["page"].object_list}

    assert listed() == {internship.pk, job.pk}
    assert listed(kind="job") == {job.pk}
    assert listed(status="open") == set()
    assert listed(occupation="75") == {internship.pk}
    assert listed(occupation="-") == {job.pk}
    assert listed(gmina="3035") == {internship.pk, job.pk}
    assert listed(gmina="02") == set()
    assert listed(employer=str(bakery.pk)) == {internship.pk, job.pk}


def test_the_offers_are_exported(caseworker: User, internship: Offer) -> None:
    csv = (
        client_for(caseworker)
        .get(reverse("employers:offer_export", args=["csv"]))
        .content.decode("utf-8-sig")
    )

    assert '"Piekarz";"751204";"Piekarz";"Piekarnia Kłos"' in csv


def test_the_employer_page_lists_its_offers_in_the_history(
    caseworker: User, bakery: Employer, internship: Offer
) -> None:
    page = client_for(caseworker).get(reverse("employers:employer_detail", args=[bakery.pk])).content.decode()

    assert 'data-testid="history-offers"' in page
    assert reverse("employers:offer_detail", args=[internship.pk]) in page


def test_another_organisations_worker_cannot_see_or_change_the_offer(
    outsider: User, internship: Offer
) -> None:
    client: Client = client_for(outsider)

    assert client.get(reverse("employers:offer_detail", args=[internship.pk])).status_code == 404
    assert client.post(reverse("employers:offer_open", args=[internship.pk])).status_code == 404
    assert client.get(reverse("employers:offer_list")).context["page"].object_list == []
    with pytest.raises(PermissionDenied):
        services.offer_close(actor=outsider, offer=internship)


def test_skills_are_split_on_commas_semicolons_and_lines_and_normalised() -> None:
    assert skills_from_text(" Obsługa kasy ,HACCP;\n\nobsługa  KASY\r\nprawo jazdy kat. B ") == [
        "obsługa kasy",
        "haccp",
        "prawo jazdy kat. b",
    ]


def test_starts_on_is_kept(bakery: Employer, bakery_site: Site) -> None:
    offer = services.offer_create(
        actor=None, employer=bakery, data=offer_data(bakery_site, starts_on=date(2027, 2, 1))
    )

    assert offer.starts_on == date(2027, 2, 1)


def test_the_lists_of_offers_and_employers_cost_the_same_queries_however_many_rows(
    caseworker: User, organisation: Any, bakery: Employer, bakery_site: Site, internship: Offer, gmina: Any
) -> None:
    client = client_for(caseworker)
    client.get(reverse("employers:offer_list"))  # the session and the user's roles, read once

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    few = {name: queries(name) for name in ("employers:offer_list", "employers:employer_list")}
    for number in range(6):
        employer = services.employer_create(
            actor=None,
            kept_by=organisation,
            data=services.EmployerData(name=f"Firma {number}", sector="C", size="small"),
        )
        site = services.site_create(
            actor=None,
            employer=employer,
            data=services.SiteData(name="Zakład", street="Polna 1", town="Zalesie", gmina=gmina),
        )
        services.offer_create(actor=None, employer=employer, data=offer_data(site, title=f"Oferta {number}"))
    many = {name: queries(name) for name in few}

    assert many == few


def test_the_list_narrowed_to_one_employer_carries_it_hidden_with_no_label(
    caseworker: User, bakery: Employer
) -> None:
    page = (
        client_for(caseworker).get(reverse("employers:offer_list"), {"employer": bakery.pk}).content.decode()
    )

    assert f'type="hidden" name="employer" value="{bakery.pk}"' in page
    assert 'for="id_employer"' not in page
