"""The sender withdraws a referral: recorded, the receiver told, its data no longer shown to them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification
from reintegra.partnership import services
from reintegra.partnership.models import Referral, ReferralStatus
from reintegra.partnership.workflow import IllegalMoveError
from tests.conftest import client_for


def _withdraw_url(referral: Referral) -> str:
    return reverse("partnership:referral_withdraw", args=[referral.pk])


def _detail(user: User, referral: Referral) -> str:
    return client_for(user).get(reverse("partnership:referral_detail", args=[referral.pk])).content.decode()


def test_the_sender_withdraws_a_sent_referral_on_record_and_the_receivers_coordinators_are_told(
    referral: Referral, caseworker: User, ngo_coordinator: User
) -> None:
    assert 'data-testid="withdraw"' in _detail(caseworker, referral)

    response = client_for(caseworker).post(
        _withdraw_url(referral), {"reason": "Osoba wyjechała za granicę", "confirmed": "1"}
    )

    assert response["Location"] == reverse("partnership:referral_detail", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN
    move = referral.status_changes.last()
    assert move is not None
    assert (move.from_status, move.to_status, move.changed_by, move.reason) == (
        "sent",
        "withdrawn",
        caseworker,
        "Osoba wyjechała za granicę",
    )
    [notice] = Notification.objects.filter(user=ngo_coordinator)
    assert f"withdrawn referral no. {referral.pk}" in notice.message
    assert 'data-testid="withdraw"' not in _detail(caseworker, referral)


def test_an_accepted_referral_can_be_withdrawn_without_a_reason_and_the_worker_who_accepted_is_told(
    referral: Referral, caseworker: User, ngo_worker: User, ngo_coordinator: User
) -> None:
    services.referral_accept(actor=ngo_worker, referral=referral)

    services.referral_withdraw(actor=caseworker, referral=referral)

    assert referral.status == ReferralStatus.WITHDRAWN
    told = Notification.objects.filter(message__contains="withdrawn").values_list("user", flat=True)
    assert sorted(told) == sorted([ngo_worker.pk, ngo_coordinator.pk])


def test_a_declined_or_completed_referral_cannot_be_withdrawn(
    referral: Referral, caseworker: User, ngo_worker: User
) -> None:
    services.referral_decline(actor=ngo_worker, referral=referral, reason="Brak miejsc")

    with pytest.raises(IllegalMoveError):
        services.referral_withdraw(actor=caseworker, referral=referral)
    assert 'data-testid="withdraw"' not in _detail(caseworker, referral)


def test_the_receiver_cannot_accept_a_withdrawn_referral_and_is_told_it_was_withdrawn(
    referral: Referral, caseworker: User, ngo_worker: User
) -> None:
    services.referral_withdraw(actor=caseworker, referral=referral)

    with pytest.raises(IllegalMoveError, match="“withdrawn”"):
        services.referral_accept(actor=ngo_worker, referral=referral)
    response = client_for(ngo_worker).post(
        reverse("partnership:referral_accept", args=[referral.pk]), follow=True
    )

    assert "A referral cannot move from “withdrawn” to “accepted”." in response.content.decode()
    assert 'data-testid="accept"' not in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WITHDRAWN


def test_a_worker_of_the_receiving_organisation_cannot_withdraw_a_referral(
    referral: Referral, ngo_worker: User, ngo_coordinator: User
) -> None:
    assert client_for(ngo_worker).post(_withdraw_url(referral)).status_code == 404
    assert client_for(ngo_coordinator).post(_withdraw_url(referral)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.referral_withdraw(actor=ngo_worker, referral=referral)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_a_worker_of_another_organisation_gets_404_when_withdrawing(
    referral: Referral, outsider: User
) -> None:
    assert client_for(outsider).post(_withdraw_url(referral)).status_code == 404


def test_after_withdrawal_the_receiver_sees_only_that_it_was_withdrawn_and_the_sender_still_sees_all(
    referral: Referral, caseworker: User, ngo_worker: User, ngo_viewer: User
) -> None:
    services.referral_withdraw(actor=caseworker, referral=referral, reason="Osoba zmieniła zdanie")

    for receiver in (ngo_worker, ngo_viewer):
        page = _detail(receiver, referral)
        assert 'data-testid="withdrawn-notice"' in page
        assert "Osoba zmieniła zdanie" in page
        for withheld in ("Łucja", "Żółkiewska", "600100200", "lucja@example.org", "Potrzebne wsparcie"):
            assert withheld not in page
        inbox = client_for(receiver).get(reverse("partnership:referral_inbox")).content.decode()
        assert "Żółkiewska" not in inbox
    sender_page = _detail(caseworker, referral)
    assert "Żółkiewska" in sender_page
    assert "600100200" in sender_page
    referral.refresh_from_db()
    assert referral.snapshot["name"] == {"first_name": "Łucja", "last_name": "Żółkiewska"}


def test_the_api_shows_a_withdrawn_referral_in_its_state_without_the_referred_data(
    referral: Referral, caseworker: User, ngo_worker: User
) -> None:
    services.referral_withdraw(actor=caseworker, referral=referral)

    [item] = client_for(ngo_worker).get("/api/v1/referrals").json()["items"]

    assert item["id"] == referral.pk
    assert item["status"] == "withdrawn"
    assert item["data"] == {}
    assert item["reason"] == ""
