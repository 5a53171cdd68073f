"""Worry lists: each head of service's list, for one quarter, of the issues where
performance is not acceptable and a collective solution is needed, and of the barriers
to success in the wider organisation."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from perfmgmt.models import BenchmarkIndicator, Measure, Quarter, Service


class WorryList(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned for revision"

    # Which status may follow which. Each transition has one service in services.py.
    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED},
        Status.RETURNED: {Status.SUBMITTED},
        Status.SUBMITTED: {Status.RETURNED},
    }
    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="worry_lists")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="worry_lists")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    submitted_late = models.BooleanField(default=False, editable=False)
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    return_reason = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-quarter__financial_year__start_year", "-quarter__number", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "quarter"], name="one_worry_list_per_service_per_quarter")
        ]

    def __str__(self):
        return f"{self.service} worry list {self.quarter}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def is_late(self, today: date | None = None) -> bool:
        """Submitted after the deadline, or not submitted and the deadline has passed."""
        if self.status == self.Status.SUBMITTED:
            return self.submitted_late
        deadline = self.quarter.worry_list_deadline
        return bool(deadline and (today or timezone.localdate()) > deadline)

    @property
    def late(self) -> bool:
        return self.is_late()


class Worry(models.Model):
    class Kind(models.TextChoices):
        PERFORMANCE = "performance", "Performance that is not acceptable and needs a collective solution"
        BARRIER = "barrier", "A barrier to success in the wider organisation"

    worry_list = models.ForeignKey(WorryList, on_delete=models.CASCADE, related_name="worries")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    evidence = models.TextField("what is happening and the evidence", blank=True)
    impact = models.TextField(blank=True)
    tried = models.TextField("what has been tried already", blank=True)
    ask = models.TextField("what the service asks of the Strategic Directors Board", blank=True)
    measures = models.ManyToManyField(Measure, blank=True, related_name="worries")
    indicators = models.ManyToManyField(BenchmarkIndicator, blank=True, related_name="worries")
    position = models.PositiveIntegerField(default=0, help_text="Priority order: 1 is the most pressing.")
    # The same worry on the previous quarter's list, so anyone can see how long it has been open.
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to", editable=False
    )
    quarters_open = models.PositiveSmallIntegerField(default=1, editable=False)
    resolved = models.BooleanField(default=False, help_text="Resolved worries are not offered for carrying forward.")
    # What the Board decided, written here by the Board's record (reviews) so the head of
    # service sees it on the worry; the full record stays with the session.
    board_outcome = models.CharField(max_length=100, blank=True, editable=False)
    board_discussion = models.TextField(blank=True, editable=False)
    # Optimistic locking: each save checks the version the editor started from.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[measures, indicators])

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "worries"

    def __str__(self):
        return self.title

    @property
    def is_complete(self) -> bool:
        """Ready for the Board: it says what is happening and what is asked of the Board."""
        return bool(self.evidence.strip() and self.ask.strip())
