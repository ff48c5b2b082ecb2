"""The plan on screen and on paper: an edit page in parts, signatures never alone on the last page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.people.models import Participant
from reintegra.plans.models import PlanAction
from tests.conftest import client_for
from tests.pdf import pdf_pages
from tests.plans.test_plan_pages import a_plan, edit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

SIGNATORY = "Osoba usamodzielniana"  # the first signatory of the IPU plan type


# With the signatures after the table, 3 actions left them alone on page 2 and 19 on page 3.
@pytest.mark.parametrize("count", [3, 19])
def test_the_signatures_share_their_page_with_the_last_action(
    ours: Participant, caseworker: User, count: int
) -> None:
    plan = a_plan(ours, caseworker, "ipu")
    for number in range(1, count + 1):
        what = f"Działanie numer {number} " + "opis " * 12
        PlanAction.objects.create(plan=plan, position=number, what=what)

    reply = client_for(caseworker).get(reverse("plans:plan_pdf", args=[plan.pk]))

    last_page = pdf_pages(reply.content)[-1]
    assert SIGNATORY in last_page
    assert f"Działanie numer {count} " in last_page


def test_the_edit_page_is_in_parts_with_a_table_of_contents(ours: Participant, caseworker: User) -> None:
    plan = a_plan(ours, caseworker)

    html = client_for(caseworker).get(reverse("plans:plan_edit", args=[plan.pk])).content.decode()

    for part in ("plan-details", "plan-goals", "plan-actions", "plan-signatures"):
        assert f'href="#{part}"' in html, part
        assert f'id="{part}"' in html, part


def test_an_invalid_edit_is_summarised_at_the_top_with_links_to_the_fields(
    ours: Participant, caseworker: User
) -> None:
    plan = a_plan(ours, caseworker)
    data = edit_data(plan, actions=[{"what": "", "deadline": "2026-04-01"}], starts_on="")

    reply = client_for(caseworker).post(reverse("plans:plan_edit", args=[plan.pk]), data)
    html = reply.content.decode()

    assert reply.status_code == 400
    summary = html[html.index('data-testid="error-summary"') : html.index('data-testid="plan-contents"')]
    assert 'href="#id_starts_on"' in summary
    assert 'href="#id_actions-0-what"' in summary
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_actions-0-what_error"' in html
    assert 'id="id_actions-0-what_error"' in html
