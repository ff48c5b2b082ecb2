"""The demo's answers: a few enrolled people have filled in their model's questionnaire.

The ``seed_questionnaires`` step of ``manage.py seed_demo``, after the programmes step.
Idempotent: a person who already answered the questionnaire is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from reintegra.demo.context import DemoContext
from reintegra.programmes.models import Enrolment, EnrolmentStatus
from reintegra.questionnaires import services
from reintegra.questionnaires.models import QuestionnaireVersion, Response, VersionStatus

PEOPLE_PER_PROGRAMME = 3


@dataclass(frozen=True)
class DemoAnswers:
    programme: str
    questionnaire: str
    worker: str
    answer_sets: tuple[dict[str, Any], ...]


DEMO: tuple[DemoAnswers, ...] = (
    DemoAnswers(
        "mcaz-2026",
        "diagnostic_interview",
        "doradca.pup",
        (
            {
                "osoby_w_gospodarstwie": 4,
                "dzieci_pod_opieka": True,
                "opieka_zastepcza": "czasami_po_wczesniejszym_umowieniu",
                "gospodarstwo_rolne": True,
                "prawo_jazdy": False,
                "dojazd_do_miasta": "autobus_kursuje_rzadko_1_2_razy_dziennie",
                "czas_dojazdu": 45,
                "zawod_wyuczony": "krawcowa",
                "ostatnia_praca": "ponad_5_lat_temu",
                "umiejetnosci": "Szycie i przeróbki krawieckie, przetwory, prowadzenie domowego budżetu.",
                "formy_wsparcia": [
                    "doradztwo_zawodowe",
                    "szkolenie_zawodowe",
                    "warsztaty_grupowe_w_swietlicy",
                ],
                "forma_pracy": ["czesc_etatu", "wlasna_dzialalnosc"],
                "gotowosc": 3,
                "obawy": "pogodzenie_pracy_z_opieka_nad_rodzina",
                "kolo_gospodyn": True,
                "znajome_kobiety": 5,
            },
            {
                "osoby_w_gospodarstwie": 2,
                "dzieci_pod_opieka": False,
                "prawo_jazdy": True,
                "dostep_do_samochodu": True,
                "dojazd_do_miasta": "brak_komunikacji_publicznej",
                "ostatnia_praca": "1_5_lat_temu",
                "umiejetnosci": "Sprzedaż w sklepie spożywczym, obsługa kasy fiskalnej.",
                "formy_wsparcia": ["posrednictwo_pracy", "staz_u_pracodawcy"],
                "gotowosc": 5,
                "obawy": "nic_szczegolnego",
                "znajome_kobiety": 3,
            },
        ),
    ),
    DemoAnswers(
        "karnet-zalesie-2026",
        "passport",
        "pracownik.mops",
        (
            {
                "pasje": "Fotografia telefonem i montaż krótkich filmów.",
                "aktywnosci": ["fotoprojekt", "komputer_i_nowe_media"],
                "mocne_strony": "Cierpliwość, dobre oko do szczegółów, umiem tłumaczyć młodszym.",
                "sukces": "Moje zdjęcia były na wystawie Klubu.",
                "kompetencje": [
                    "wspolpraca_w_grupie",
                    "obsluga_komputera",
                    "punktualnosc_i_odpowiedzialnosc",
                ],
                "kompetencje_potwierdzone": True,
                "potwierdzone_przez": ["lider_procesow_grupowych", "pracodawca_praktyka_staz_wolontariat"],
                "potwierdzenie_opis": "Praktyka w studiu fotograficznym – zaświadczenie od właściciela.",
                "wymarzona_praca": "Asystent fotografa",
                "wsparcie": ["spotkanie_z_pracodawca", "pomoc_w_napisaniu_cv"],
                "nastepny_krok": "Przygotować portfolio i CV.",
                "pewnosc": 4,
            },
            {
                "pasje": "Gotowanie i pieczenie ciast.",
                "aktywnosci": ["kuchenne_przygody"],
                "mocne_strony": "Jestem pracowita i lubię ludzi.",
                "kompetencje": ["gotowanie", "obsluga_klienta"],
                "kompetencje_potwierdzone": False,
                "zawody_do_poznania": "Cukiernik, kucharz",
                "wsparcie": ["praktyka_lub_staz"],
                "nastepny_krok": "Spotkanie z właścicielką piekarni na dniu otwartym.",
                "pewnosc": 3,
            },
        ),
    ),
    DemoAnswers(
        "pab-zalesie-2026",
        "professional_profile",
        "pracownik.ngo",
        (
            {
                "poziom_wyksztalcenia": "zasadnicze_zawodowe",
                "zawod_wyuczony": "murarz",
                "prawo_jazdy": True,
                "kategorie_prawa_jazdy": "B, C",
                "lata_pracy": 14,
                "ostatnie_zatrudnienie": "Murarz, firma budowlana w Zalesiu, 2015–2021",
                "umiejetnosci_praktyczne": ["prace_budowlane_i_remontowe", "prace_magazynowe"],
                "obsluga_komputera": 2,
                "miejsce_pobytu": "schronisko_lub_noclegownia",
                "dowod_osobisty": True,
                "zarejestrowany_w_pup": True,
                "stanowiska": "Pomocnik murarza, magazynier",
                "forma_zatrudnienia": ["umowa_o_prace", "zatrudnienie_socjalne_cis_kis"],
                "gotowosc": 4,
                "czestotliwosc_spotkan": "raz_w_tygodniu",
            },
        ),
    ),
)


def seed_questionnaires(ctx: DemoContext) -> None:
    services.shipped_load()
    today = timezone.localdate()
    for spec in DEMO:
        version = (
            QuestionnaireVersion.objects.filter(
                questionnaire__code=spec.questionnaire,
                questionnaire__organisation__isnull=True,
                status=VersionStatus.PUBLISHED,
            )
            .select_related("questionnaire")
            .first()
        )
        if version is None:
            continue
        enrolments = (
            Enrolment.objects.filter(
                programme__code=spec.programme,
                status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT],
            )
            .select_related("participant")
            .order_by("pk")[:PEOPLE_PER_PROGRAMME]
        )
        for index, enrolment in enumerate(enrolments):
            person = enrolment.participant
            answered = Response.objects.filter(
                participant=person, version__questionnaire=version.questionnaire
            ).exists()
            if not answered:
                services.response_create(
                    actor=ctx.users[spec.worker],
                    participant=person,
                    version=version,
                    answers=spec.answer_sets[index % len(spec.answer_sets)],
                    filled_on=today - timedelta(days=7 * (index + 1)),
                )
            ctx.count_created("questionnaire responses", not answered)
