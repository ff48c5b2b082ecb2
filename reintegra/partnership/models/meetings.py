"""The partnership's meetings, the ideas of its workshops and its study visits.

A meeting has an ordered agenda, the organisations and people who were present, minutes,
numbered decisions and action items. An action item is raised at one meeting and closed (done
or dropped) at a later one; until then it stays on the agenda of every next meeting
(``partnership.meetings.selectors.carried_over``). Ideas from the workshops (001's design
thinking) move idea → implemented → reviewed (``partnership.meetings.workflow``), with the day
and a note at each step. A study visit records who went where, why, and what they concluded.

Every row belongs to the partnership's member organisations (``scope_organisation_ids``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import Organisation
from reintegra.fields import bounded_text
from reintegra.partnership.models.core import Partnership
from reintegra.text import LONG_TEXT, SHORT_TEXT


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    HELD = "held", pgettext_lazy("meeting status", "held")


class PartnershipMeeting(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("partnership")
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300)
    status = models.CharField(
        _("status"), max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = bounded_text(_("minutes"), limit=LONG_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership meeting")
        verbose_name_plural = _("partnership meetings")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "starts_at"],
                name="partnership_meeting_unique_time",
                violation_error_message=_("The partnership already has a meeting at this time."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Partnership meeting no. %(number)s") % {"number": self.pk})

    def scope_organisation_ids(self) -> list[int]:
        return self.partnership.scope_organisation_ids()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        PartnershipMeeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position on the agenda"))
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return self.meeting.scope_organisation_ids()


class MeetingOrganisation(models.Model):
    """A member organisation that was represented at the meeting."""

    meeting = models.ForeignKey(
        PartnershipMeeting,
        on_delete=models.CASCADE,
        related_name="organisations_present",
        verbose_name=_("meeting"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )

    class Meta:
        verbose_name = _("organisation present at a meeting")
        verbose_name_plural = _("organisations present at a meeting")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="meeting_organisation_unique"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def scope_organisation_ids(self) -> list[int]:
        return self.meeting.scope_organisation_ids()


class MeetingAttendee(models.Model):
    """A person present: a user of a member organisation, or a guest by name."""

    meeting = models.ForeignKey(
        PartnershipMeeting, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    guest_name = models.CharField(_("guest"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("person present at a meeting")
        verbose_name_plural = _("people present at a meeting")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(guest_name=""))
                | (models.Q(user__isnull=True) & ~models.Q(guest_name="")),
                name="meeting_attendee_user_or_guest",
                violation_error_message=_("A person present is either a user or a guest by name."),
            ),
            models.UniqueConstraint(fields=["meeting", "user"], name="meeting_attendee_unique_user"),
        ]

    def __str__(self) -> str:
        if self.user_id is None:
            return self.guest_name
        assert self.user is not None
        return self.user.get_full_name() or self.user.username

    def scope_organisation_ids(self) -> list[int]:
        return self.meeting.scope_organisation_ids()


class Decision(models.Model):
    meeting = models.ForeignKey(
        PartnershipMeeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("decision number"))
    text = bounded_text(_("decision"), limit=SHORT_TEXT)

    class Meta:
        verbose_name = _("decision of a meeting")
        verbose_name_plural = _("decisions of a meeting")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number"),
        ]

    def __str__(self) -> str:
        return str(_("Decision no. %(number)s") % {"number": self.number})

    def scope_organisation_ids(self) -> list[int]:
        return self.meeting.scope_organisation_ids()


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action item status", "open")
    DONE = "done", pgettext_lazy("action item status", "done")
    DROPPED = "dropped", pgettext_lazy("action item status", "dropped")


class ActionItem(models.Model):
    """Something a member promised at a meeting: open until closed at a later meeting."""

    raised_at = models.ForeignKey(
        PartnershipMeeting,
        on_delete=models.PROTECT,
        related_name="actions_raised",
        verbose_name=_("raised at the meeting"),
    )
    what = bounded_text(_("what is to be done"), limit=SHORT_TEXT)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible organisation")
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_at = models.ForeignKey(
        PartnershipMeeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_closed",
        verbose_name=_("closed at the meeting"),
    )
    closed_on = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    closing_note = models.CharField(_("note on closing"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["raised_at__starts_at", "pk"]

    def __str__(self) -> str:
        return str(_("Action item no. %(number)s") % {"number": self.pk})

    def scope_organisation_ids(self) -> list[int]:
        return self.raised_at.scope_organisation_ids()

    def is_overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN and self.deadline is not None and self.deadline < today


class IdeaStatus(models.TextChoices):
    IDEA = "idea", pgettext_lazy("workshop idea status", "idea")
    IMPLEMENTED = "implemented", pgettext_lazy("workshop idea status", "implemented")
    REVIEWED = "reviewed", pgettext_lazy("workshop idea status", "reviewed")


class WorkshopIdea(models.Model):
    """An idea from a workshop (001's design thinking), followed until its effect is reviewed."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    workshop = models.CharField(
        _("workshop"), max_length=200, blank=True, help_text=_("The workshop the idea came from.")
    )
    meeting = models.ForeignKey(
        PartnershipMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("meeting"),
    )
    proposed_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_on = models.DateField(_("proposed on"))
    status = models.CharField(_("status"), max_length=12, choices=IdeaStatus.choices, default=IdeaStatus.IDEA)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    implementation_note = bounded_text(_("what was done"), limit=SHORT_TEXT, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_note = bounded_text(_("what it gave"), limit=SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("workshop idea")
        verbose_name_plural = _("workshop ideas")
        ordering = ["-proposed_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return self.partnership.scope_organisation_ids()


class StudyVisit(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="study_visits", verbose_name=_("partnership")
    )
    visited_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    host = models.CharField(_("host"), max_length=300, help_text=_("Who received the visitors."))
    purpose = bounded_text(_("purpose"), limit=SHORT_TEXT)
    organisations = models.ManyToManyField(
        Organisation, related_name="+", verbose_name=_("organisations that took part")
    )
    people_count = models.PositiveSmallIntegerField(_("number of people who took part"))
    conclusions = bounded_text(_("conclusions"), limit=SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("study visit")
        verbose_name_plural = _("study visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return self.place

    def scope_organisation_ids(self) -> list[int]:
        return self.partnership.scope_organisation_ids()
