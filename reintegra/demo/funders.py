"""The demo's funding body: the voivodeship labour office that funds every demo programme, and
its reviewer ``fundator.wup``, who sees their suppressed reports and nothing else.

The last step of ``seed_demo``, after every programme exists; its random draws come after all the
others, so adding it changed none of the names and numbers drawn before. Idempotent: looked up by
name and user name, and a programme already linked is left as it is.
"""

from __future__ import annotations

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.accounts.services import membership_create
from reintegra.demo.context import DemoContext, OrganisationSpec, PersonSpec
from reintegra.outcomes.funder.services import funding_add
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.programmes.models import Programme

FUNDING_BODY = OrganisationSpec(
    "wup",
    "Wojewódzki Urząd Pracy w Zalesiu Wielkim",
    "WUP Zalesie Wielkie",
    OrganisationType.FUNDING_BODY,
    "Zalesie Wielkie",
    "ul. Marszałkowska 5, 06-400 Zalesie Wielkie",
    "efs@wup-zalesie.example.org",
)
REVIEWER = PersonSpec(
    "fundator.wup",
    "wup",
    Role.FUNDER,
    "Specjalistka ds. monitoringu projektów EFS+",
    True,
    "Katarzyna",
    "Malinowska",
    featured=True,
)


def seed_funders(ctx: DemoContext) -> None:
    body = _funding_body(ctx)
    _reviewer(ctx, body)
    for programme in Programme.objects.order_by("pk"):
        linked = ProgrammeFunding.objects.filter(programme=programme, funder=body).exists()
        if not linked:
            funding_add(actor=None, programme=programme, funder=body)
        ctx.count_created("programme fundings", not linked)


def _funding_body(ctx: DemoContext) -> Organisation:
    spec = FUNDING_BODY
    # Drawn on every run, so the fixed seed yields the same data whatever exists.
    nip, regon, phone = ctx.faker.nip(), ctx.faker.regon(), ctx.faker.phone_number()
    body = Organisation.objects.filter(name=spec.name).first()
    created = body is None
    if body is None:
        while Organisation.objects.filter(nip=nip).exists():
            nip = ctx.faker.nip()
        body = Organisation(
            name=spec.name,
            short_name=spec.short_name,
            type=spec.type,
            city=spec.city,
            address=spec.address,
            email=spec.email,
            phone=phone,
            nip=nip,
            regon=regon,
        )
        body.full_clean()
        body.save()
    ctx.count_created("organisations", created)
    ctx.organisations[spec.key] = body
    return body


def _reviewer(ctx: DemoContext, body: Organisation) -> None:
    spec = REVIEWER
    user = User.objects.filter(username=spec.username).first()
    created = user is None
    if user is None:
        user = User(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            job_title=spec.job_title,
            email=f"{spec.username}@example.org",
            password=ctx.password_hash(),
        )
        user.full_clean()
        user.save()
    ctx.count_created("users", created)
    ctx.users[spec.username] = user
    membership_create(user=user, organisation=body, role=spec.role)
