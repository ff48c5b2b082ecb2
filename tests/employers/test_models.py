"""What the database itself keeps true of employers' offers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reintegra.employers.models import Employer, Occupation, Offer, Site


def offer(bakery: Employer, site: Site, **fields: object) -> Offer:
    return Offer(
        employer=bakery,
        site=site,
        kind="internship",
        hours_per_week=40,
        contract_type="none",
        places=1,
        **fields,
    )


def test_an_offer_with_neither_title_nor_occupation_is_refused(bakery: Employer, bakery_site: Site) -> None:
    with pytest.raises(ValidationError, match="tytuł oferty albo zawód"):
        offer(bakery, bakery_site).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        offer(bakery, bakery_site).save()


def test_an_offer_in_words_is_flagged_until_it_is_coded(
    bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    in_words = offer(bakery, bakery_site, occupation_text="pomoc w piekarni")
    in_words.full_clean()
    coded = offer(bakery, bakery_site, occupation=baker)

    assert in_words.occupation_uncoded
    assert not coded.occupation_uncoded


def test_an_employer_is_seen_by_itself_and_the_organisation_that_keeps_it(bakery: Employer) -> None:
    assert bakery.scope_organisation_ids() == sorted([bakery.organisation_id, bakery.kept_by_id])
