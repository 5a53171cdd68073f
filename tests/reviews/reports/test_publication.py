"""Publication in the background: the clerk's request queues it, a real task worker makes
the files, and the version appears with all of them at once, or not at all."""

import hashlib
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.tasks import TaskResultStatus
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from perfmgmt.roles import Role
from reviews import pdf
from reviews.models import CommitteeReport, DocumentJob, ReportFile, ReportParagraph, ReportVersion, Section
from reviews.models.jobs import GRACE
from tests.conftest import wait_for
from tests.factories import UserFactory
from tests.reviews.conftest import through_clearance
from tests.reviews.reports.test_services import pdf_text

Status = CommitteeReport.Status


def _publish(client, report):
    response = client.post(reverse("reports:report_publish", args=[report.pk]), {"reason": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    return DocumentJob.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1]), response.url


def _ended(job):
    job.refresh_from_db()
    return job if not job.live else None


@pytest.mark.django_db(transaction=True)
def test_a_worker_publishes_every_file_at_once_and_the_clerk_is_told_on_their_home(client, org, report, worker):
    through_clearance(org, report)
    client.force_login(org.clerk)
    job, progress = _publish(client, report)
    assert job.state == DocumentJob.State.WAITING and not ReportVersion.objects.exists()  # nothing in the request
    page = client.get(progress).content.decode()
    assert "The files will be made as soon as a worker is free" in page and 'data-app-progress="' in page

    worker()
    wait_for(lambda: _ended(job))
    assert job.state == DocumentJob.State.DONE and job.error == ""
    version = ReportVersion.objects.get(report=report)
    assert job.version == version and version.number == 1 and version.published_by == org.clerk
    kinds = set(version.files.values_list("kind", flat=True))
    assert kinds == {
        ReportFile.Kind.HTML,
        ReportFile.Kind.PDF,
        ReportFile.Kind.DOCX,
        ReportFile.Kind.PACK,
        ReportFile.Kind.PACK_HTML,
    }
    for stored in version.files.all():
        assert hashlib.sha256(bytes(stored.content)).hexdigest() == stored.sha256
    assert "Performance Management Update" in pdf_text(bytes(version.files.get(kind=ReportFile.Kind.PDF).content))
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.SUCCESSFUL

    page = client.get(progress).content.decode()
    assert "Version 1 published" in page and 'data-app-progress="' not in page  # nothing more to ask for
    part = client.get(progress + "?part=status").content.decode()
    assert "Version 1 published" in part and "<html" not in part
    home = client.get(reverse("home")).content.decode()
    assert "Documents being made for you" in home and f"Publishing {report.subject}" in home and "Ready" in home


@pytest.mark.django_db(transaction=True)
def test_a_render_that_fails_publishes_nothing_says_why_and_can_be_tried_again(client, org, report, worker):
    through_clearance(org, report)
    client.force_login(org.clerk)
    job, progress = _publish(client, report)
    first = worker(PDF_MEMORY_LIMIT_MB="1")  # no render fits in a megabyte
    wait_for(lambda: _ended(job))
    assert job.state == DocumentJob.State.FAILED
    assert "needed more than 1 MB of memory" in job.error
    assert not ReportVersion.objects.exists() and not ReportFile.objects.exists()
    report.refresh_from_db()
    assert report.status == Status.SIGNED
    page = client.get(progress).content.decode()
    assert "The report was not published" in page and "needed more than 1 MB of memory" in page
    assert "Try publishing again" in page
    detail = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Publishing failed" in detail and "See what happened and try again" in detail

    first.kill()
    worker()
    again, _ = _publish(client, report)
    assert again.pk != job.pk
    wait_for(lambda: _ended(again))
    assert again.state == DocumentJob.State.DONE
    assert ReportVersion.objects.filter(report=report).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_half_way_leaves_no_version_and_nothing_stuck(client, org, report, worker, settings):
    for index in range(400):  # long enough to be caught in the making
        ReportParagraph.objects.create(
            report=report, section=Section.CONTEXT, position=100 + index, text="A long paragraph. " * 40
        )
    through_clearance(org, report)
    client.force_login(org.clerk)
    job, progress = _publish(client, report)
    first = worker()
    wait_for(lambda: DocumentJob.objects.filter(pk=job.pk, state=DocumentJob.State.MAKING).exists())
    first.kill()
    assert not ReportVersion.objects.exists() and not ReportFile.objects.exists()

    # Later than any render may take: the job's worker has been silent too long.
    silent_since = (
        timezone.now() - timedelta(seconds=settings.PDF_BACKGROUND_TIME_LIMIT_SECONDS) - GRACE - timedelta(seconds=1)
    )
    DocumentJob.objects.filter(pk=job.pk).update(heartbeat_at=silent_since)
    page = client.get(progress).content.decode()
    assert "The worker making this stopped before it finished" in page and "Try publishing again" in page
    job.refresh_from_db()
    assert job.state == DocumentJob.State.FAILED
    assert DBTaskResult.objects.get(id=job.task_id).status == TaskResultStatus.FAILED  # not running for ever
    report.refresh_from_db()
    assert report.status == Status.SIGNED

    # The retry need not be long to show it publishes: the long paragraphs only kept the
    # first worker busy enough to be killed.
    ReportParagraph.objects.filter(report=report, position__gte=100).delete()
    worker()
    again, _ = _publish(client, report)
    wait_for(lambda: _ended(again))
    assert again.state == DocumentJob.State.DONE
    assert list(ReportVersion.objects.filter(report=report).values_list("number", flat=True)) == [1]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


@pytest.mark.django_db(transaction=True)
def test_two_clerks_publishing_at_once_make_one_version(org, report, worker):
    through_clearance(org, report)
    clerks = [org.clerk, UserFactory(username="second-clerk", roles=[Role.COMMITTEE_CLERK])]
    start = threading.Barrier(2)
    landed = []

    def publish(clerk):
        client = Client()
        client.force_login(clerk)
        try:
            start.wait(timeout=10)
            response = client.post(reverse("reports:report_publish", args=[report.pk]), {"reason": ""}, follow=True)
            landed.append(response.redirect_chain[-1][0] if response.redirect_chain else response.content.decode())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(clerk,)) for clerk in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    job = DocumentJob.objects.get(report=report)  # one job between them
    progress = reverse("reports:publication_progress", args=[report.pk, job.pk])
    assert len(landed) == 2
    assert landed.count(progress) >= 1 and all(
        place == progress or "Someone else has just started publishing" in place or "started publishing" in place
        for place in landed
    )
    worker()
    wait_for(lambda: _ended(job))
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_the_renderer_stops_a_render_past_its_time_limit():
    rows = "".join(f"<tr><td>{index}</td><td>Row {index}</td></tr>" for index in range(40_000))
    with pytest.raises(pdf.TooSlow, match="took longer than 1 seconds"):
        pdf.render_pdf(f"<html lang='en'><title>Long</title><table>{rows}</table></html>", seconds=1)


def test_the_renderer_stops_a_render_past_its_memory_limit_and_carries_on(settings):
    rows = "".join(f"<tr><td>{index}</td><td>Row {index}</td></tr>" for index in range(20_000))
    settings.PDF_MEMORY_LIMIT_MB = 20
    with pytest.raises(pdf.TooBig, match="needed more than 20 MB of memory"):
        pdf.render_pdf(f"<html lang='en'><title>Long</title><table>{rows}</table></html>", seconds=60)
    settings.PDF_MEMORY_LIMIT_MB = 1024
    assert pdf.render_pdf("<html lang='en'><title>Short</title><p>Fine</p></html>").startswith(b"%PDF")


@pytest.mark.django_db
def test_a_publication_whose_worker_stopped_does_not_keep_the_report_from_returning_to_draft(org, report, settings):
    from reviews.reports import services as reports

    through_clearance(org, report)
    silent_since = (
        timezone.now() - timedelta(seconds=settings.PDF_BACKGROUND_TIME_LIMIT_SECONDS) - GRACE - timedelta(seconds=1)
    )
    stuck = DocumentJob.objects.create(
        kind=DocumentJob.Kind.PUBLICATION,
        report=report,
        requested_by=org.clerk,
        state=DocumentJob.State.MAKING,
        started_at=silent_since,
        heartbeat_at=silent_since,
    )
    reports.return_to_draft(report=report, by=org.strategy_officer, reason="A figure is wrong")
    report.refresh_from_db()
    stuck.refresh_from_db()
    assert report.status == Status.DRAFT and stuck.state == DocumentJob.State.FAILED

    live = DocumentJob.objects.create(
        kind=DocumentJob.Kind.PUBLICATION, report=report, requested_by=org.clerk, state=DocumentJob.State.WAITING
    )
    through_clearance(org, report)
    with pytest.raises(ValidationError, match="being published"):
        reports.return_to_draft(report=report, by=org.strategy_officer, reason="Another")
    assert live.state == DocumentJob.State.WAITING
