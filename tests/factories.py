"""Factories that build the deep graphs the tests need."""

from __future__ import annotations

from datetime import date

import factory
from factory.django import DjangoModelFactory

from reintegra.accounts.models import Membership, Organisation, OrganisationType, Role, User
from reintegra.partnership.models import Agreement, Partnership


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizacja {n}")
    type = OrganisationType.NGO


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="pl_PL")
    last_name = factory.Faker("last_name", locale="pl_PL")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_WORKER


def member(organisation: Organisation, role: Role, **user_fields: object) -> User:
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


class ParticipantFactory(DjangoModelFactory):
    """A participant without a PESEL (identity card instead), valid for any birth date."""

    class Meta:
        model = "people.Participant"

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name_female", locale="pl_PL")
    last_name = factory.Faker("last_name_female", locale="pl_PL")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=60)
    sex = "woman"
    identity_document_type = "id_card"
    identity_document_number = factory.Sequence(lambda n: f"ABC{n:06d}")


class ProgrammeTemplateFactory(DjangoModelFactory):
    class Meta:
        model = "programmes.ProgrammeTemplate"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"template-{n}")
    name = factory.Sequence(lambda n: f"Model {n}")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = "programmes.Programme"

    organisation = factory.SubFactory(OrganisationFactory)
    template = factory.SubFactory(ProgrammeTemplateFactory)
    code = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Program {n}")
    start_date = factory.Faker("date_this_year", before_today=True, after_today=False)
    end_date = factory.LazyAttribute(
        lambda programme: programme.start_date.replace(year=programme.start_date.year + 1)
    )
    places = 10


def agreement_for(
    partnership: Partnership, organisation: Organisation, fields: list[str] | None = None
) -> Agreement:
    """A signed agreement with a member, in force since 2020, by which it may receive ``fields``
    (every group a referral can carry, unless said otherwise)."""
    from reintegra.partnership.cooperation.services import AgreementData, agreement_record
    from reintegra.partnership.snapshot import REFERABLE_FIELDS

    data = AgreementData(
        number=f"P/{organisation.pk}/2020",
        scope="Współpraca w aktywizacji społeczno-zawodowej.",
        signed_on=date(2020, 1, 2),
        valid_from=date(2020, 1, 2),
        valid_until=None,
        fields=list(REFERABLE_FIELDS) if fields is None else fields,
    )
    return agreement_record(actor=None, partnership=partnership, organisation=organisation, data=data)
