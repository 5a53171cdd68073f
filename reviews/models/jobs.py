"""Documents made in the background by a task worker: a report's publication (its report,
Word file and committee packs) and a Board session's pack as a PDF. The request that asks
for one only records it here; a worker makes it (reviews/jobs.py), and the person follows
its progress on a page of its own."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from reviews.models.board import BoardSession
from reviews.models.reports import CommitteeReport, ReportVersion

# How long past the render time limit a worker may go without a word before the job is
# taken to have stopped (its worker killed or restarted): building a document's HTML from
# the database comes between the renders too.
GRACE = timedelta(minutes=2)


class DocumentJob(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", "Publication"
        SESSION_PACK = "session_pack", "Board pack as a PDF"

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for a worker"
        MAKING = "making", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    LIVE = (State.WAITING, State.MAKING)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    report = models.ForeignKey(CommitteeReport, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    session = models.ForeignKey(BoardSession, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # A correction's reason, carried to the version the job publishes.
    reason = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Stamped by the worker before each step, so that a stopped worker shows.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What went wrong, in words for the person who asked.
    error = models.TextField(blank=True)
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    content = models.BinaryField(null=True, blank=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(kind="publication", state__in=["waiting", "making"]),
                name="one_publication_of_a_report_at_a_time",
            ),
            models.CheckConstraint(
                condition=Q(kind="publication", report__isnull=False) | Q(kind="session_pack", session__isnull=False),
                name="document_job_has_its_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.report or self.session}, {self.get_state_display().lower()}"

    @property
    def live(self) -> bool:
        return self.state in self.LIVE

    def has_stopped(self, now=None) -> bool:
        """Being made, but its worker has said nothing for longer than any render may take."""
        limit = timedelta(seconds=settings.PDF_BACKGROUND_TIME_LIMIT_SECONDS) + GRACE
        return self.state == self.State.MAKING and self.heartbeat_at < (now or timezone.now()) - limit
