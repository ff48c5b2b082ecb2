"""Every change to venues, bookings, visits, sessions, attendance and feed tokens is audited."""

from auditlog.registry import auditlog

from reintegra.activities.models import (
    Activity,
    Attendance,
    Booking,
    CalendarFeedToken,
    OpeningHours,
    Proposal,
    Resource,
    Session,
    Venue,
    Visit,
    Vote,
    VotingRound,
)

auditlog.register(Venue)
auditlog.register(OpeningHours)
auditlog.register(Resource)
auditlog.register(Booking, exclude_fields=["created_at"])
auditlog.register(Visit)
auditlog.register(Activity, exclude_fields=["created_at"])
auditlog.register(Session, exclude_fields=["created_at"])
auditlog.register(Attendance)
# The token itself is a secret: its entries say that a feed was made or revoked, not its address.
auditlog.register(CalendarFeedToken, exclude_fields=["token", "created_at"])
auditlog.register(VotingRound)
auditlog.register(Proposal, exclude_fields=["created_at"])
auditlog.register(Vote)
