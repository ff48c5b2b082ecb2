"""The CIS partnership's two-month internships (seed 001): participants of the CIS programme
who finished an internship at an employer of the partnership.

The ``seed_cis_internships`` step of ``manage.py seed_demo``, after the placements. Seed 001
continues "the internship at employers, lengthened to two months at the employers' and the
participants' request"; its success is entering the open labour market. Here two people of the
CIS programme (``cis-partnerstwo-2026``) each finished a two-month internship, one at the
joinery the CIS keeps and one at the logistics centre of the partnership, so the programme's
report shows internships completed and the employers engaged. The placements move through the
services as the placements demo moves its own (``placements.seed_placement``): the CIS
instructor proposes, the employer's contact accepts, starts and finishes them and says how it
went. Idempotent: when the joinery's internship exists nothing is written.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from reintegra.demo.context import DemoContext
from reintegra.demo.employers import DemoOffer, employer_of, seed_offer
from reintegra.demo.placements import DemoPlacement, seed_placement
from reintegra.employers.models import ContractType, OfferKind, OfferStatus, PlacementStatus, Shift
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant
from reintegra.programmes.models import EnrolmentStatus

PROGRAMME = "cis-partnerstwo-2026"
INSTRUCTOR = "instruktor.cis"
DAYS = 75  # the internships began this many days before the day of seeding…
ENDED = 14  # …and ended this many days before it: two months
JOINERY_INTERNSHIP = "Staż: pomocnik stolarza (2 miesiące)"
WAREHOUSE_INTERNSHIP = "Staż: magazynier (2 miesiące)"

OFFERS = (
    DemoOffer(
        "stolarnia",
        "Warsztat",
        OfferKind.INTERNSHIP,
        JOINERY_INTERNSHIP,
        "752205",
        30,
        ContractType.INTERNSHIP_AGREEMENT,
        1,
        OfferStatus.OPEN,
        starts_in_days=-DAYS,
        duration_months=2,
        required_skills=("bhp przy obrabiarkach",),
        shifts=(Shift.MORNING,),
        description="Dwumiesięczny staż dla uczestnika CIS: szlifowanie, montaż, wykończenie mebli.",
    ),
    DemoOffer(
        "logistyka",
        "Magazyn centralny",
        OfferKind.INTERNSHIP,
        WAREHOUSE_INTERNSHIP,
        "432106",
        30,
        ContractType.INTERNSHIP_AGREEMENT,
        1,
        OfferStatus.OPEN,
        starts_in_days=-DAYS,
        duration_months=2,
        required_skills=("kompletowanie zamówień",),
        shifts=(Shift.MORNING,),
        description="Dwumiesięczny staż z partnerstwa: przyjęcie towaru, kompletowanie, wydanie.",
    ),
)
# (employer, offer, the employer's contact, its feedback and rating, the person's feedback)
INTERNSHIPS = (
    (
        "stolarnia",
        JOINERY_INTERNSHIP,
        "pracodawca.stolarnia",
        ("Samodzielny przy szlifowaniu i montażu; gotów do zatrudnienia.", 5),
        "Nauczył się pracy na maszynach; chce zostać w zawodzie.",
    ),
    (
        "logistyka",
        WAREHOUSE_INTERNSHIP,
        "pracodawca.logistyka",
        ("Punktualna i dokładna przy kompletowaniu zamówień.", 4),
        "Dwa miesiące wystarczyły, żeby poczuć się pewnie na zmianie.",
    ),
)


def seed_cis_internships(ctx: DemoContext) -> None:
    exists = employer_of(ctx, "stolarnia").offers.filter(title=JOINERY_INTERNSHIP).exists()
    ctx.count_created("CIS internships", not exists)
    if exists:
        return
    today = timezone.localdate()
    for offer in OFFERS:
        seed_offer(ctx, offer, today)
    interns = list(
        Participant.objects.filter(
            enrolments__programme__code=PROGRAMME,
            enrolments__status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT],
        ).order_by("pk")
    )
    people = list(Participant.objects.filter(organisation=ctx.organisations["cis"]).order_by("pk"))
    for intern, (employer, title, contact, employer_feedback, own_feedback) in zip(
        interns, INTERNSHIPS, strict=False
    ):
        _consent(ctx, intern)
        seed_placement(
            ctx,
            DemoPlacement(
                ("cis", people.index(intern)),
                INSTRUCTOR,
                employer,
                title,
                contact,
                PlacementStatus.FINISHED,
                started_days_ago=DAYS,
                ended_days_ago=ENDED,
                employer_feedback=employer_feedback,
                participant_feedback=own_feedback,
            ),
            None,
        )


def _consent(ctx: DemoContext, intern: Participant) -> None:
    sharing = ConsentKind.SHARING_WITH_EMPLOYERS
    if not people_services.consent_in_force(intern, sharing):
        people_services.consent_record(
            actor=ctx.users[INSTRUCTOR],
            participant=intern,
            kind=sharing,
            given_on=timezone.localdate() - timedelta(days=DAYS + 20),
            document=f"Zgoda na udostępnienie profilu pracodawcom nr {intern.pk}/CIS",
        )
