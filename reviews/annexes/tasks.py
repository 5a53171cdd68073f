"""The annexes' background work, run by task workers (`manage.py db_worker`)."""

from django.tasks import task

from reviews.annexes import packs


@task
def make_pack_pdf(job_id: int) -> None:
    packs.make_pdf(job_id=job_id)
