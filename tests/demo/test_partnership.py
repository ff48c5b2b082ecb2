"""The demo's partnership: the county's organisations, and a referral waiting at the NGO."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.demo.seed import seed
from reintegra.partnership.models import (
    Agreement,
    MemberRole,
    Partnership,
    Referral,
    ReferralOutcome,
    ReferralStatus,
)
from tests.conftest import client_for

# As in the partnership's own tests: pages and messages in English.
pytestmark = pytest.mark.usefixtures("in_english")


@pytest.mark.django_db
def test_the_demo_organisations_of_the_county_form_the_local_partnership_led_by_the_pup(demo: str) -> None:

    partnership = Partnership.objects.get(name="Partnerstwo Lokalne Powiatu Zalesiańskiego")
    members = {m.organisation.type: m.role for m in partnership.members.select_related("organisation")}
    assert members["pup"] == MemberRole.LEADER
    assert {"ops", "pcpr", "cis", "ngo", "school"} <= set(members)
    assert "employer" not in members


@pytest.mark.django_db
def test_the_demo_ngo_worker_has_a_referral_waiting_and_others_in_every_state(demo: str) -> None:
    ngo = Organisation.objects.get(short_name="Wspólna Droga")

    assert {r.status for r in Referral.objects.all()} == {
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        ReferralStatus.DECLINED,
        ReferralStatus.COMPLETED,
        ReferralStatus.WITHDRAWN,
    }
    for username in ("pracownik.ngo", "partner.ngo"):
        inbox = client_for(User.objects.get(username=username)).get(reverse("partnership:referral_inbox"))
        first = inbox.context["rows"][0]["referral"]
        assert first.status == ReferralStatus.SENT
        assert first.to_organisation == ngo


@pytest.mark.django_db
def test_the_demo_senders_see_the_outcomes_the_receivers_reported(demo: str) -> None:
    reported = Referral.objects.filter(outcomes__isnull=False).select_related("sent_by")

    assert {r.outcomes.get().outcome for r in reported} == {
        ReferralOutcome.TOOK_PART,
        ReferralOutcome.COMPLETED,
    }
    for referral in reported:
        page = client_for(referral.sent_by).get(reverse("partnership:referral_detail", args=[referral.pk]))
        assert 'data-testid="outcomes"' in page.content.decode()


@pytest.mark.django_db
def test_seeding_the_partnership_twice_writes_nothing_the_second_time(demo: str) -> None:
    counts = (Partnership.objects.count(), Referral.objects.count())

    seed()

    assert (Partnership.objects.count(), Referral.objects.count()) == counts


@pytest.mark.django_db
def test_every_demo_member_has_an_agreement_in_force_and_the_foundations_pilot_has_expired(demo: str) -> None:
    partnership = Partnership.objects.get(name="Partnerstwo Lokalne Powiatu Zalesiańskiego")
    today = timezone.localdate()
    in_force = {a.organisation_id for a in Agreement.objects.filter(partnership=partnership).in_force(today)}

    assert set(partnership.members.values_list("organisation_id", flat=True)) <= in_force
    pilot = Agreement.objects.get(number="PLPZ/1/2025")
    assert pilot.has_expired(today)
    leader = User.objects.get(username="koordynator.pup")
    page = client_for(leader).get(reverse("partnership:detail", args=[partnership.pk])).content.decode()
    assert "PLPZ/1/2025" in page
    assert "expired" in page
