"""The demo partnership's meetings, workshop ideas and a study visit.

The ``seed_meetings`` step of ``manage.py seed_demo``, after the partnership. Two meetings of
the county's partnership were held (ten and two weeks ago), with an agenda, who came (a wójt as
a guest), minutes, numbered decisions and action items: the CIS's leaflet was raised at the
first and closed, done, at the second; the PUP's survey of internships, raised at the first, is
overdue and still open; the MOPS's premises for the café, raised at the second, is open. The
third meeting, in three weeks, is planned, and its agenda carries both open items. Three ideas
of the design thinking workshop (seed 001) are in each state (idea, implemented, reviewed), and
the partnership visited a social cooperative in Kraków. Dates follow the day of seeding, so the
third meeting is always ahead. Idempotent: nothing is written when the partnership has meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.demo.context import DemoContext
from reintegra.demo.partnership import NAME
from reintegra.partnership.meetings import services
from reintegra.partnership.models import ActionItem, ActionStatus, IdeaStatus, Partnership, PartnershipMeeting

RECORDER = "koordynator.pup"
PLACE = "Starostwo Powiatowe w Zalesiu, sala konferencyjna nr 12"
WORKSHOP = "Warsztat Design Thinking „Praca w naszej gminie”"
GUEST = "Anna Wiśniewska, wójt gminy Borówkowo"

LEAFLET = "Przygotować ulotkę o rekrutacji do CIS i rozesłać ją do OPS i PUP"
SURVEY = "Zebrać od pracodawców partnerstwa zapotrzebowanie na staże na I półrocze"
PREMISES = "Uzgodnić z gminą Zalesie lokal na kawiarenkę społeczną na stałe"


@dataclass(frozen=True)
class DemoMeeting:
    days_from_today: int
    agenda: tuple[str, ...]
    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    minutes: str = ""
    decisions: tuple[str, ...] = ()
    held: bool = True


FIRST = DemoMeeting(
    -70,
    (
        "Otwarcie spotkania i przyjęcie porządku obrad",
        "Wnioski z warsztatu Design Thinking",
        "Harmonogram rekrutacji do CIS",
        "Wolne wnioski",
    ),
    ("pup", "mops", "cis", "ngo", "razem"),
    ("koordynator.pup", "koordynator.mops", "koordynator.cis", "pracownik.ngo", "koordynator.razem"),
    "Spotkanie otworzyła koordynatorka PUP. Omówiono wnioski z warsztatu Design Thinking, w którym "
    "wzięli udział uczestnicy CIS, pracownicy socjalni i lokalni pracodawcy. Partnerzy wybrali "
    "dwa pomysły do wdrożenia. CIS przedstawił harmonogram rekrutacji; wójt gminy Borówkowo "
    "zadeklarowała udostępnienie świetlicy na spotkania informacyjne.",
    (
        "Partnerstwo wdraża dwa pomysły z warsztatu: kawiarenkę społeczną prowadzoną przez "
        "uczestników CIS i giełdę usług sąsiedzkich.",
        "Rekrutacja do CIS trwa cały kwartał; MOPS, PCPR i PUP kierują kandydatów.",
    ),
)
SECOND = DemoMeeting(
    -14,
    (
        "Otwarcie spotkania",
        "Przegląd zadań z poprzedniego spotkania",
        "Relacja z wizyty studyjnej w Krakowie",
        "Kawiarenka społeczna: stan wdrożenia",
    ),
    ("pup", "mops", "cis", "razem"),
    ("koordynator.pup", "koordynator.mops", "koordynator.cis", "koordynator.razem"),
    "Ulotka o rekrutacji trafiła do wszystkich ośrodków. Zestawienie zapotrzebowania na staże "
    "jest opóźnione: odpowiedziało dwóch z pięciu pracodawców. Uczestnicy wizyty studyjnej "
    "zrelacjonowali model spółdzielni socjalnej. Kawiarenka działa dwa dni w tygodniu.",
    ("Partnerstwo przygotuje założenia spółdzielni socjalnej z udziałem gminy Zalesie.",),
)
THIRD = DemoMeeting(
    21,
    (
        "Otwarcie spotkania",
        "Przegląd otwartych zadań",
        "Ocena giełdy usług sąsiedzkich",
        "Plan spotkań partnerstwa na przyszły rok",
    ),
    held=False,
)


def seed_meetings(ctx: DemoContext) -> None:
    partnership = Partnership.objects.filter(name=NAME).first()
    if partnership is None or partnership.meetings.exists():
        return
    recorder = ctx.users[RECORDER]
    first = _meeting(ctx, partnership, FIRST, guest=GUEST)
    second = _meeting(ctx, partnership, SECOND)
    _meeting(ctx, partnership, THIRD)
    leaflet = _action(ctx, first, LEAFLET, "cis", "koordynator.cis", 21)
    _action(ctx, first, SURVEY, "pup", "koordynator.pup", 30)
    services.action_close(
        actor=recorder,
        action=leaflet,
        meeting=second,
        status=ActionStatus.DONE,
        note="Ulotkę rozesłano do MOPS, PCPR i PUP; 300 egzemplarzy.",
    )
    _action(ctx, second, PREMISES, "mops", "koordynator.mops", 35)
    _ideas(ctx, partnership, first)
    _visit(ctx, partnership, first)


def _day(days_from_today: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_today)


def _meeting(
    ctx: DemoContext, partnership: Partnership, spec: DemoMeeting, guest: str = ""
) -> PartnershipMeeting:
    recorder = ctx.users[RECORDER]
    starts_at = timezone.make_aware(datetime.combine(_day(spec.days_from_today), time(10)))
    meeting = services.meeting_create(
        actor=recorder,
        partnership=partnership,
        data=services.MeetingData(starts_at=starts_at, place=PLACE, agenda=list(spec.agenda)),
    )
    ctx.count_created("partnership meetings", True)
    if not spec.held:
        return meeting
    services.meeting_hold(actor=recorder, meeting=meeting)
    services.meeting_attendance_record(
        actor=recorder,
        meeting=meeting,
        organisations=[ctx.organisations[key] for key in spec.organisations],
        users=[ctx.users[username] for username in spec.people],
        guests=[guest] if guest else [],
    )
    services.meeting_minutes_save(actor=recorder, meeting=meeting, minutes=spec.minutes)
    for text in spec.decisions:
        services.decision_add(actor=recorder, meeting=meeting, text=text)
    return meeting


def _action(
    ctx: DemoContext, meeting: PartnershipMeeting, what: str, owner: str, person: str, days: int
) -> ActionItem:
    person_user: User = ctx.users[person]
    return services.action_raise(
        actor=ctx.users[RECORDER],
        meeting=meeting,
        data=services.ActionData(
            what=what,
            owner=ctx.organisations[owner],
            owner_person=person_user,
            deadline=timezone.localtime(meeting.starts_at).date() + timedelta(days=days),
        ),
    )


@dataclass(frozen=True)
class DemoIdea:
    title: str
    proposed_by: str
    steps: tuple[tuple[int, str], ...] = ()  # (days after the workshop, note): implemented, reviewed


IDEAS = (
    DemoIdea(
        "Kawiarenka społeczna prowadzona przez uczestników CIS",
        "cis",
        (
            (20, "Kawiarenka działa w świetlicy CIS we wtorki i czwartki; obsługują ją cztery osoby."),
            (
                56,
                "Czworo uczestników zdobyło doświadczenie w gastronomii, jedna osoba dostała ofertę "
                "pracy w Piekarni Kłos.",
            ),
        ),
    ),
    DemoIdea(
        "Giełda usług sąsiedzkich",
        "razem",
        ((30, "Pierwsza giełda odbyła się w świetlicy w Jarzębinie; 23 ogłoszenia mieszkańców."),),
    ),
    DemoIdea("Dzień otwarty u pracodawców dla rodzin uczestników", "ngo"),
)
STEPS = (IdeaStatus.IMPLEMENTED, IdeaStatus.REVIEWED)


def _ideas(ctx: DemoContext, partnership: Partnership, first: PartnershipMeeting) -> None:
    recorder = ctx.users[RECORDER]
    workshop_day = timezone.localtime(first.starts_at).date() - timedelta(days=7)
    for spec in IDEAS:
        idea = services.idea_create(
            actor=recorder,
            partnership=partnership,
            data=services.IdeaData(
                title=spec.title,
                description="Pomysł z warsztatu Design Thinking z udziałem uczestników CIS, "
                "pracowników socjalnych i lokalnych pracodawców.",
                workshop=WORKSHOP,
                meeting=first,
                proposed_by=ctx.organisations[spec.proposed_by],
                proposed_on=workshop_day,
            ),
        )
        for to_status, (days, note) in zip(STEPS, spec.steps, strict=False):
            on = min(workshop_day + timedelta(days=days), timezone.localdate())
            services.idea_move(actor=recorder, idea=idea, to_status=to_status, on=on, note=note)


def _visit(ctx: DemoContext, partnership: Partnership, first: PartnershipMeeting) -> None:
    services.visit_create(
        actor=ctx.users[RECORDER],
        partnership=partnership,
        data=services.VisitData(
            visited_on=timezone.localtime(first.starts_at).date() + timedelta(days=25),
            place="Kraków, ul. Krakowska 7",
            host="Spółdzielnia Socjalna „Dobre Miejsce”",
            purpose="Poznać, jak spółdzielnia socjalna zatrudnia absolwentów CIS i współpracuje z gminą.",
            organisations=[ctx.organisations[key] for key in ("cis", "razem", "mops")],
            people_count=6,
            conclusions="Spółdzielnia z udziałem gminy to droga dla absolwentów CIS; "
            "partnerstwo przygotuje jej założenia.",
        ),
    )
