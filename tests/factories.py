"""Factories that build the deep graphs the tests need."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from reintegra.accounts.models import Membership, Organisation, OrganisationType, Role, User


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
