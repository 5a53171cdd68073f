"""Publishing a report, in two halves. The clerk's request checks the report can be
published and queues the work (`publish`); a task worker makes every file outside any
lock a request holds and stores the version with all its files at once (`make_version`).

Until the worker is done the report stays signed and the job says how far it has got; if
a render fails or the worker stops, the job says so, nothing is published, and the clerk
can try again. Two clerks publishing at once still make one version: the second is told
that the first is under way.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from perfmgmt.models import User
from reviews import jobs
from reviews.models import CommitteeReport, DocumentJob, ReportFile, ReportVersion
from reviews.reports import files as report_files
from reviews.reports import permissions
from reviews.reports.selectors import report_document
from reviews.reports.services import locked, move_to, refuse_unless, stamps
from reviews.reports.wording import listed

Status = CommitteeReport.Status


def _check(report: CommitteeReport, by: User, reason: str) -> int:
    """Refuse unless this person may publish the report as it stands; the version number."""
    refuse_unless(
        permissions.can_publish(by, report),
        report,
        {Status.SIGNED},
        who="Only the committee clerk publishes reports.",
        when="Only a report its author has signed can be published.",
    )
    missing = permissions.clearance_missing(report)
    if missing:
        raise ValidationError(f"The report still needs {listed(missing)}: return it to draft to clear it again.")
    number = (report.versions.aggregate(Max("number"))["number__max"] or 0) + 1
    if number > 1 and not reason.strip():
        raise ValidationError({"reason": "Say what this correction changes"})
    return number


@transaction.atomic
def publish(*, report: CommitteeReport, by: User, reason: str = "") -> DocumentJob:
    """Queue the report's publication: the files are made by a task worker."""
    from reviews.reports import tasks  # the task module imports this one

    report = locked(report)
    _check(report, by, reason)
    current = jobs.publication_under_way(report)
    if current:
        raise ValidationError(
            f"{current.requested_by} started publishing this report at "
            f"{timezone.localtime(current.requested_at):%H:%M}. "
            "It will be published when its files are made."
        )
    try:
        with transaction.atomic():
            job = DocumentJob.objects.create(
                kind=DocumentJob.Kind.PUBLICATION, report=report, requested_by=by, reason=reason.strip()
            )
    except IntegrityError:  # another clerk's request got there between our check and now
        raise ValidationError("Someone else has just started publishing this report.") from None
    return jobs.queue(job, tasks.make_version)


def publish_now(*, report: CommitteeReport, by: User, reason: str = "") -> ReportVersion:
    """Publish and make the files in this process, without waiting for a worker: for the
    demo's loader and for commands. A worker that later takes the queued task finds the
    job done and leaves it."""
    job = publish(report=report, by=by, reason=reason)
    make_version(job_id=job.pk)
    job.refresh_from_db()
    if job.state != DocumentJob.State.DONE:
        raise ValidationError(job.error)
    return job.version


def make_version(*, job_id: int) -> DocumentJob | None:
    """In a task worker: render every file, then store them with the version in one
    transaction, if the report is still as it was signed."""
    failure = "Something went wrong while the files were made, so nothing was published. Try again."
    return jobs.run(job_id, _make_version, failure=failure)


def _make_version(job: DocumentJob) -> DocumentJob | None:
    report = CommitteeReport.objects.select_related("quarter").get(pk=job.report_id)
    _check(report, job.requested_by, job.reason)
    document = report_document(report, with_appendix_contents=True)
    files = report_files.publication_files(
        document, seconds=settings.PDF_BACKGROUND_TIME_LIMIT_SECONDS, step=lambda: jobs.beat(job)
    )
    with transaction.atomic():
        report, job = locked(report), jobs.still_making(job)
        if job is None:
            return None  # taken to have stopped meanwhile: its clerk has been told to try again
        number = _check(report, job.requested_by, job.reason)
        return jobs.done(job, version=_store(report, job, number, files))


def _store(report: CommitteeReport, job: DocumentJob, number: int, files: dict[str, bytes]) -> ReportVersion:
    by = job.requested_by
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        published_at=timezone.now(),
        published_by=by,
        reason=job.reason,
        exempt_paragraph=report.exempt_paragraph,
        **stamps(report),
        signed_at=report.signed_at,
        signed_by=report.author,
    )
    for kind, content in files.items():
        ReportFile.objects.create(
            version=version, kind=kind, content=content, sha256=hashlib.sha256(content).hexdigest(), size=len(content)
        )
    report.correction_reason = ""
    move_to(report, Status.PUBLISHED, by, f"Version {number} published by {by}")
    return version
