"""Documents made in the background: the steps every job goes through, whatever it makes.

The request records a DocumentJob and queues a task in the same transaction, so a worker
sees the job only once the request has committed. The worker then takes the job (`start`),
says it is alive before each long step (`beat`), and ends it either done or failed; the
finished files are stored in one transaction with the job's end, so nobody sees half.

A worker killed half way never ends its job. Every render is held to
PDF_BACKGROUND_TIME_LIMIT_SECONDS, so a job whose worker has been silent for longer than
that (and a margin) has stopped: `forget_stopped` marks it failed, and its task with it,
so that it can be tried again and nothing stays "running" for ever.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import Task, TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reviews.models import DocumentJob

State = DocumentJob.State
logger = logging.getLogger(__name__)

STOPPED = (
    "The worker making this stopped before it finished (it may have been restarted), so nothing was kept. Try again."
)


def queue(job: DocumentJob, task: Task) -> DocumentJob:
    """Queue the job's task; call inside the transaction that created the job."""
    result = task.enqueue(job.pk)
    DocumentJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


@transaction.atomic
def start(job_id: int) -> DocumentJob | None:
    """Take the job for this worker; None if it is not waiting (taken, stopped, or gone)."""
    job = DocumentJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.state != State.WAITING:
        return None
    now = timezone.now()
    job.state, job.started_at, job.heartbeat_at = State.MAKING, now, now
    job.save(update_fields=["state", "started_at", "heartbeat_at"])
    return job


def beat(job: DocumentJob) -> None:
    DocumentJob.objects.filter(pk=job.pk, state=State.MAKING).update(heartbeat_at=timezone.now())


def still_making(job: DocumentJob) -> DocumentJob | None:
    """The job, locked, if it is still this worker's to finish; call inside the transaction
    that stores what it made."""
    job = DocumentJob.objects.select_for_update(of=("self",)).get(pk=job.pk)
    return job if job.state == State.MAKING else None


def done(job: DocumentJob, **results) -> DocumentJob:
    for name, value in results.items():
        setattr(job, name, value)
    job.state, job.finished_at, job.error = State.DONE, timezone.now(), ""
    job.save()
    return job


def run(job_id: int, make: Callable[[DocumentJob], DocumentJob | None], *, failure: str) -> DocumentJob | None:
    """A worker's part of a job: take it and make(job) what it makes. A refusal
    (ValidationError) fails the job in its own words; anything else fails it with
    `failure`, is logged, and is raised again so that the task is recorded as failed."""
    job = start(job_id)
    if job is None:
        return None
    try:
        return make(job)
    except ValidationError as error:
        fail(job, " ".join(error.messages))
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.get_kind_display())
        fail(job, failure)
        raise
    job.refresh_from_db()
    return job


@transaction.atomic
def fail(job: DocumentJob, message: str) -> None:
    DocumentJob.objects.filter(pk=job.pk, state__in=DocumentJob.LIVE).update(
        state=State.FAILED, finished_at=timezone.now(), error=message
    )


def publication_under_way(report) -> DocumentJob | None:
    """The report's publication being made now, if any (a stopped one is marked failed)."""
    live = list(report.jobs.filter(kind=DocumentJob.Kind.PUBLICATION, state__in=DocumentJob.LIVE))
    forget_stopped(live)
    return next((job for job in live if job.live), None)


def forget_stopped(jobs=None) -> int:
    """Mark failed every job (of those given, or all) whose worker has stopped, and its
    task too. Returns how many."""
    now = timezone.now()
    candidates = jobs if jobs is not None else DocumentJob.objects.filter(state=State.MAKING)
    stopped = [job for job in candidates if job.has_stopped(now)]
    for job in stopped:
        fail(job, STOPPED)
        job.state, job.error, job.finished_at = State.FAILED, STOPPED, now
        if job.task_id:
            DBTaskResult.objects.filter(id=job.task_id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=now
            )
    return len(stopped)
