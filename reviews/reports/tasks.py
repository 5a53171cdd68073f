"""The committee report's background work, run by task workers (`manage.py db_worker`)."""

from django.tasks import task

from reviews.reports import publication


@task
def make_version(job_id: int) -> None:
    publication.make_version(job_id=job_id)
