"""A Board session's pack as a PDF, made in the background: at a council's full size a
grouping's pack runs to many pages, longer than a request may take. The person asks for
it (`request_pdf`), a task worker makes it as that person would see it (`make_pdf`), and
it waits for them on its progress page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify

from perfmgmt.models import User
from reviews import jobs, pdf
from reviews.annexes import permissions, selectors
from reviews.models import BoardSession, DocumentJob
from worrylists import selectors as worrylist_selectors


def annex_context(user: User, session: BoardSession) -> dict:
    """The annex with the notes this person may read: its own page, and part of the pack."""
    annex = selectors.annex_of(session)
    indicators, measures = selectors.annex_contents(annex)
    return {
        "session": session,
        "annex": annex,
        "indicators": indicators,
        "measures": measures,
        "notes": permissions.notes_visible_to(user, annex).select_related("service", "author"),
    }


def context(user: User, session: BoardSession) -> dict:
    """What the pack shows, on screen and in the PDF: the agenda, the worry lists and the
    annex."""
    return {
        **annex_context(user, session),
        "agenda": selectors.agenda_of(session),
        "lists": worrylist_selectors.grouping_pack(session.grouping, session.quarter),
        "council_name": settings.COUNCIL_NAME,
        "document_title": f"{session.title}: Board pack, {session.quarter.label}",
    }


@transaction.atomic
def request_pdf(*, session: BoardSession, by: User) -> DocumentJob:
    """Queue the pack's PDF for this person; one already on its way is theirs again."""
    from reviews.annexes import tasks  # the task module imports this one

    if not permissions.can_see_pack(by):
        raise ValidationError("Only the Strategy Unit and Strategic Directors can make the Board pack.")
    User.objects.select_for_update().filter(pk=by.pk).first()  # one request at a time per person
    live = list(DocumentJob.objects.filter(requested_by=by, state__in=DocumentJob.LIVE).defer("content"))
    jobs.forget_stopped(live)
    live = [job for job in live if job.live]
    same = next((job for job in live if job.session_id == session.pk), None)
    if same:
        return same
    if len(live) >= pdf.MAX_AT_ONCE:
        raise ValidationError(
            f"You already have {pdf.MAX_AT_ONCE} documents being made. Wait for them to finish, then try again."
        )
    job = DocumentJob.objects.create(kind=DocumentJob.Kind.SESSION_PACK, session=session, requested_by=by)
    return jobs.queue(job, tasks.make_pack_pdf)


def make_pdf(*, job_id: int) -> DocumentJob | None:
    """In a task worker: render the pack and keep it with the job."""
    return jobs.run(job_id, _make_pdf, failure="Something went wrong while the PDF was made. Try again.")


def _make_pdf(job: DocumentJob) -> DocumentJob | None:
    session = BoardSession.objects.select_related("grouping", "quarter__financial_year").get(pk=job.session_id)
    html = render_to_string("reviews/annexes/session_pack_pdf.html", context(job.requested_by, session))
    jobs.beat(job)
    content = pdf.render_pdf(html, seconds=settings.PDF_BACKGROUND_TIME_LIMIT_SECONDS)
    name = slugify(f"board-pack-{session.title}-{session.quarter.ref.slug}")[:120]
    with transaction.atomic():
        job = jobs.still_making(job)
        if job is None:
            return None
        return jobs.done(job, content=content, filename=f"{name}.pdf")
