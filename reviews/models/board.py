"""Strategic Directors Board sessions, their agendas and outcomes, and the actions and
themes that come out of them."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from perfmgmt.models import DmtGrouping, Quarter
from perfmgmt.roles import ContributorArea
from worrylists.models import Worry


class BoardSession(models.Model):
    """A session of the Strategic Directors Board with one DMT grouping, or the reflection
    session on the quarter's themes once every grouping has met."""

    class Kind(models.TextChoices):
        GROUPING = "grouping", "DMT grouping session"
        REFLECTION = "reflection", "Reflection session on the quarter's themes"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"

    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="board_sessions")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GROUPING)
    grouping = models.ForeignKey(
        DmtGrouping, on_delete=models.PROTECT, null=True, blank=True, related_name="board_sessions"
    )
    date = models.DateField()
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="board_sessions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "grouping"],
                condition=models.Q(kind="grouping"),
                name="one_grouping_session_per_quarter",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="reflection", grouping__isnull=True)
                | models.Q(kind="grouping", grouping__isnull=False),
                name="grouping_sessions_have_a_grouping",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.quarter.label})"

    @property
    def title(self) -> str:
        return self.grouping.name if self.grouping_id else "Reflection session"


class AgendaItem(models.Model):
    """A worry on a session's agenda, in the order the Board takes them."""

    session = models.ForeignKey(BoardSession, on_delete=models.CASCADE, related_name="agenda")
    worry = models.ForeignKey(Worry, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "worry"], name="a_worry_once_per_session")]

    def __str__(self):
        return f"{self.position}. {self.worry}"


class Theme(models.Model):
    """A cross-cutting issue raised by worries, with the Board's response."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESPONDED = "responded", "Response agreed"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    response = models.TextField("agreed response", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Outcome(models.Model):
    """What the Board decided about one worry on the agenda."""

    class Result(models.TextChoices):
        COMMITMENT = "commitment", "Commitment reiterated"
        ACTIONS = "actions", "Actions agreed"
        THEME = "theme", "Referred to a theme"
        RESOLVED = "resolved", "Resolved"
        CARRIED = "carried", "Carried to next quarter"

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="outcome")
    discussion = models.TextField("summary of the discussion")
    result = models.CharField("outcome", max_length=12, choices=Result.choices)
    learning = models.TextField("learning to spread", blank=True)
    # The committee reads the issues the Board chose to raise; the rest are counted and
    # listed in an appendix, so that a report stays one a committee reads at any size.
    report_to_committee = models.BooleanField(default=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="outcomes")
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(m2m_fields=[themes])

    def __str__(self):
        return f"{self.item.worry}: {self.get_result_display()}"


class Action(models.Model):
    """An action agreed by the Board, tracked every quarter until it is complete."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        COMPLETE = "complete", "Complete"

    title = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions")
    due_date = models.DateField()
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="actions")
    programme = models.CharField(
        "existing programme or workstream",
        max_length=200,
        blank=True,
        help_text="For example: Transformation Programme – Customer Management workstream.",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        # The action plan's order: a page of it is read from the index, not sorted from all.
        indexes = [models.Index(fields=["due_date", "id"], name="action_plan_order")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=False) | models.Q(theme__isnull=False),
                name="an_action_comes_from_a_worry_or_a_theme",
            )
        ]

    def __str__(self):
        return self.title


class ActionUpdate(models.Model):
    """The owner's progress report on an action for a quarter."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Action.Status.choices)
    commentary = models.TextField()
    given_at = models.DateTimeField(auto_now_add=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.get_status_display()}"


class Annex(models.Model):
    """The Strategy Unit's brief annex for a grouping's session: the indicators and
    measures relevant to its services, and notes from Internal Audit, Corporate Projects
    and Risk Management on areas of concern."""

    session = models.OneToOneField(BoardSession, on_delete=models.CASCADE, related_name="annex")
    indicators = models.ManyToManyField("perfmgmt.BenchmarkIndicator", blank=True, related_name="annexes")
    measures = models.ManyToManyField("perfmgmt.Measure", blank=True, related_name="annexes")
    ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[indicators, measures])

    def __str__(self):
        return f"Annex for {self.session}"

    @property
    def is_ready(self) -> bool:
        return self.ready_at is not None


class AnnexNote(models.Model):
    class Rating(models.TextChoices):
        HIGH = "high", "High concern"
        MEDIUM = "medium", "Medium concern"
        LOW = "low", "Low concern"

    annex = models.ForeignKey(Annex, on_delete=models.CASCADE, related_name="notes")
    area = models.CharField(max_length=30, choices=ContributorArea.choices)
    service = models.ForeignKey("perfmgmt.Service", on_delete=models.PROTECT, related_name="annex_notes")
    concern = models.TextField()
    rating = models.CharField(max_length=6, choices=Rating.choices)
    source_reference = models.CharField(max_length=200, blank=True, help_text="For example, an audit report number.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "service__name", "pk"]

    def __str__(self):
        return f"{self.get_area_display()} note on {self.service}"


class UserVoice(models.Model):
    """Evidence of what service users think: surveys, consultations, complaints, and
    learning from the city helpdesk's calls."""

    class Source(models.TextChoices):
        SURVEY = "survey", "Satisfaction survey"
        CONSULTATION = "consultation", "Consultation"
        COMPLAINTS = "complaints", "Complaints and compliments"
        HELPDESK = "helpdesk", "City helpdesk calls"

    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="user_voice")
    source = models.CharField(max_length=12, choices=Source.choices)
    title = models.CharField(max_length=200)
    services = models.ManyToManyField("perfmgmt.Service", blank=True, related_name="user_voice")
    summary = models.TextField()
    key_figures = models.TextField(blank=True, help_text="For example: 72% satisfied; 1,250 calls about bins.")
    changes = models.TextField("what changes as a result", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["-quarter__financial_year__start_year", "-quarter__number", "title"]

    def __str__(self):
        return self.title
