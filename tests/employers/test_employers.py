"""Employers, their sites and contacts: registered by the keeping organisation's coordinator,
NIP/REGON checked, a site refused without an address, every change audited, and another
organisation's employers out of sight."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Membership, Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.employers import services
from reintegra.employers.models import Employer, Site
from reintegra.partnership.models import MemberRole, Partnership, PartnershipMember
from reintegra.people.models import TercUnit
from tests.conftest import client_for
from tests.factories import member


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def employer_form(**changes: str) -> dict[str, str]:
    form = {
        "name": "Sklep Jaś i Małgosia",
        "nip": "526-025-02-74",
        "regon": "",
        "sector": "G",
        "size": "micro",
        "city": "Zalesie",
    }
    form.update(changes)
    return form


def site_data(gmina: TercUnit | None, **changes: object) -> services.SiteData:
    values: dict[str, object] = {"name": "Sklep", "street": "Rynek 1", "town": "Zalesie", "gmina": gmina}
    values.update(changes)
    return services.SiteData(**values)


def test_a_coordinator_registers_an_employer_and_the_change_is_audited(
    coordinator: User, organisation: Organisation
) -> None:
    response = client_for(coordinator).post(reverse("employers:employer_create"), employer_form())

    employer = Employer.objects.get(organisation__name="Sklep Jaś i Małgosia")
    assert response.status_code == 302
    assert employer.kept_by == organisation
    assert employer.organisation.type == OrganisationType.EMPLOYER
    assert employer.organisation.nip == "5260250274"
    assert AuditEntry.objects.get_for_object(employer).filter(action=AuditEntry.Action.CREATE).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nip", "5260250275", "Enter a valid NIP"),
        ("nip", "526x0250274", "Write only digits"),
        ("regon", "123456789", "Enter a valid REGON"),
    ],
)
def test_a_wrong_nip_or_regon_is_refused_on_its_field(
    coordinator: User, field: str, value: str, message: str
) -> None:
    response = client_for(coordinator).post(
        reverse("employers:employer_create"), employer_form(**{field: value})
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Employer.objects.exists()


def test_a_nip_already_registered_is_refused_on_its_field(coordinator: User, bakery: Employer) -> None:
    response = client_for(coordinator).post(reverse("employers:employer_create"), employer_form())

    assert "already registered" in response.context["form"].errors["nip"][0]


def test_a_partnership_the_keeping_organisation_is_not_in_is_refused(
    coordinator: User, organisation: Organisation
) -> None:
    elsewhere = Partnership.objects.create(name="Partnerstwo gdzie indziej")

    with pytest.raises(ValidationError) as error:
        services.employer_create(
            actor=coordinator,
            kept_by=organisation,
            data=services.EmployerData(name="Firma", sector="C", size="small", partnership=elsewhere),
        )

    assert "partnership" in error.value.message_dict


def test_a_case_worker_cannot_register_or_edit_an_employer(caseworker: User, bakery: Employer) -> None:
    client = client_for(caseworker)

    assert client.get(reverse("employers:employer_create")).status_code == 403
    assert client.get(reverse("employers:employer_edit", args=[bakery.pk])).status_code == 403


def test_a_coordinator_edits_the_employer_and_its_partnership(
    coordinator: User, organisation: Organisation, bakery: Employer
) -> None:
    partnership = Partnership.objects.create(name="Partnerstwo Zalesie")
    PartnershipMember.objects.create(
        partnership=partnership, organisation=organisation, role=MemberRole.LEADER, joined_on=date(2026, 1, 1)
    )
    form = employer_form(name="Piekarnia Kłos i Synowie", nip="5260250274", sector="C", size="small")
    form["partnership"] = str(partnership.pk)

    response = client_for(coordinator).post(reverse("employers:employer_edit", args=[bakery.pk]), form)

    bakery.refresh_from_db()
    bakery.organisation.refresh_from_db()
    assert response.status_code == 302
    assert bakery.organisation.name == "Piekarnia Kłos i Synowie"
    assert bakery.partnership == partnership


def test_the_employer_page_shows_its_sites_contacts_and_history(
    caseworker: User, bakery: Employer, bakery_site: Site, bakery_contact: User
) -> None:
    page = client_for(caseworker).get(reverse("employers:employer_detail", args=[bakery.pk])).content.decode()

    assert "Piekarnia przy rynku" in page
    assert bakery_contact.get_full_name() in page
    assert 'data-testid="employer-history"' in page


def test_another_organisations_worker_cannot_see_the_employer_or_its_site(
    outsider: User, bakery: Employer, bakery_site: Site
) -> None:
    client = client_for(outsider)

    assert client.get(reverse("employers:employer_detail", args=[bakery.pk])).status_code == 404
    assert client.get(reverse("employers:site_edit", args=[bakery_site.pk])).status_code == 404
    assert "Piekarnia" not in client.get(reverse("employers:employer_list")).content.decode()


def test_the_list_shows_and_exports_our_employers(
    caseworker: User, bakery: Employer, bakery_site: Site
) -> None:
    client = client_for(caseworker)

    assert (
        "Piekarnia Kłos" in client.get(reverse("employers:employer_list"), {"text": "kłos"}).content.decode()
    )
    assert (
        "Piekarnia" not in client.get(reverse("employers:employer_list"), {"text": "sklep"}).content.decode()
    )
    csv = client.get(reverse("employers:employer_export", args=["csv"])).content.decode("utf-8-sig")
    assert '"Piekarnia Kłos";"5260250274"' in csv
    xlsx = client.get(reverse("employers:employer_export", args=["xlsx"])).content
    rows = list(load_workbook(BytesIO(xlsx)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Piekarnia Kłos"
    assert rows[1][9] == "1"  # sites


def test_a_site_with_no_address_is_refused_naming_the_field(bakery: Employer, gmina: TercUnit) -> None:
    with pytest.raises(ValidationError) as error:
        services.site_create(actor=None, employer=bakery, data=site_data(gmina, street=" ", town=""))

    assert set(error.value.message_dict) == {"street", "town"}
    assert "address" in error.value.message_dict["street"][0]


def test_a_site_without_a_gmina_or_with_half_its_coordinates_is_refused(bakery: Employer) -> None:
    with pytest.raises(ValidationError) as error:
        services.site_create(actor=None, employer=bakery, data=site_data(None, latitude=Decimal("52.1")))

    assert set(error.value.message_dict) == {"gmina", "longitude"}


def test_a_case_worker_adds_a_site_without_coordinates_through_the_page(
    caseworker: User, bakery: Employer, gmina: TercUnit
) -> None:
    url = reverse("employers:site_create", args=[bakery.pk])

    refused = client_for(caseworker).post(url, {"name": "Magazyn", "town": "Zalesie", "gmina": gmina.code})
    saved = client_for(caseworker).post(
        url, {"name": "Magazyn", "street": "Polna 2", "town": "Zalesie", "gmina": gmina.code}
    )

    assert "give the street and number" in refused.content.decode()
    assert saved.status_code == 302
    site = bakery.sites.get(name="Magazyn")
    assert site.latitude is None
    assert AuditEntry.objects.get_for_object(site).exists()


def test_a_coordinator_adds_a_contact_who_gets_an_invitation(
    coordinator: User, bakery: Employer, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            reverse("employers:contact_add", args=[bakery.pk]),
            {"first_name": "Ewa", "last_name": "Kłos", "email": "ewa@piekarnia.example"},
        )

    assert response.status_code == 302
    contact = User.objects.get(email="ewa@piekarnia.example")
    assert Membership.objects.filter(
        user=contact, organisation=bakery.organisation, role=Role.EMPLOYER_CONTACT
    ).exists()
    assert [message.to for message in mail.outbox] == [["ewa@piekarnia.example"]]


def test_a_partnership_members_worker_sees_the_employer_but_cannot_change_it(
    organisation: Organisation, bakery: Employer, bakery_site: Site
) -> None:
    partnership = Partnership.objects.create(name="Partnerstwo Zalesie")
    partner = Organisation.objects.create(name="Fundacja Most", type=OrganisationType.NGO)
    for org, role in ((organisation, MemberRole.LEADER), (partner, MemberRole.PARTNER)):
        PartnershipMember.objects.create(
            partnership=partnership, organisation=org, role=role, joined_on=date(2026, 1, 1)
        )
    bakery.partnership = partnership
    bakery.save(update_fields=["partnership"])
    worker = member(partner, Role.CASE_WORKER, username="most")
    client = client_for(worker)

    page = client.get(reverse("employers:employer_detail", args=[bakery.pk])).content.decode()

    assert "Piekarnia przy rynku" in page
    assert reverse("employers:site_edit", args=[bakery_site.pk]) not in page
    assert client.get(reverse("employers:site_edit", args=[bakery_site.pk])).status_code == 404


def test_a_coordinator_ends_a_contacts_access_after_confirming(
    coordinator: User, caseworker: User, bakery: Employer, bakery_contact: User
) -> None:
    url = reverse("employers:contact_remove", args=[bakery.pk, bakery_contact.pk])
    client = client_for(coordinator)

    assert 'data-testid="confirm-form"' in client.get(url).content.decode()
    assert client_for(caseworker).post(url).status_code == 403
    assert client.post(url).status_code == 302

    bakery_contact.refresh_from_db()
    assert not bakery_contact.is_active
    assert (
        bakery_contact.get_full_name()
        not in client.get(reverse("employers:employer_detail", args=[bakery.pk])).content.decode()
    )
    assert client.get(url).status_code == 404


def test_only_a_contact_of_the_employer_can_be_removed(
    coordinator: User, bakery: Employer, employer_contact: User
) -> None:
    url = reverse("employers:contact_remove", args=[bakery.pk, employer_contact.pk])

    assert client_for(coordinator).post(url).status_code == 404
    with pytest.raises(ValidationError):
        services.employer_contact_remove(actor=None, employer=bakery, contact=employer_contact)
