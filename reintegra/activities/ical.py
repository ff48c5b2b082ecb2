"""A calendar's sessions as an RFC 5545 feed (``icalendar``): what, when, where; no people."""

from __future__ import annotations

from django.conf import settings
from icalendar import Calendar, Event

from reintegra.activities.models import Session

PRODUCT = "-//Reintegra//Calendar//PL"


def feed_bytes(name: str, sessions: list[Session]) -> bytes:
    feed = Calendar()
    feed.add("prodid", PRODUCT)
    feed.add("version", "2.0")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@reintegra")
        event.add("dtstamp", session.created_at)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", f"{session} – {session.programme.name}")
        if session.venue is not None:
            event.add("location", session.venue.name)
        feed.add_component(event)
    return bytes(feed.to_ical())
