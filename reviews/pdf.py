"""The only place that calls WeasyPrint: HTML from the app's own templates to a tagged,
accessible A4 PDF.

User text reaches these templates. It is escaped as HTML, but a renderer that followed
any URL in the document could still be steered (an <img src="file://..."> in a pasted
note, were it ever unescaped, or a url() in a stylesheet). So the fetcher serves the
app's own static files from disk and refuses everything else: no file:, no network.
"""

import io
import mimetypes
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader, PdfWriter, Transformation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from perfmgmt.models import User
from reviews.models import PdfRender

# Documents are rendered as if served from here, so that /static/ links resolve to URLs
# this fetcher recognises. The .invalid domain can never resolve.
BASE_URL = "https://perfmgmt.invalid/"


class CannotRender(ValidationError):
    """The document is not made now, for a reason the person is told."""


class TooSlow(CannotRender):
    pass


class TooBig(CannotRender):
    pass


class RenderFailed(CannotRender):
    pass


class TooManyAtOnce(CannotRender):
    pass


# How many PDFs one person may have in the making at once, and when a render that never
# said it finished (its worker was killed) stops counting.
MAX_AT_ONCE = 2
FORGOTTEN_AFTER = timedelta(minutes=5)


@contextmanager
def one_of_a_few(user):
    """Make a PDF for this person only while they have fewer than MAX_AT_ONCE in the
    making, counted in the database so that every worker process sees the same count."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one count at a time per person
        PdfRender.objects.filter(started_at__lt=timezone.now() - FORGOTTEN_AFTER).delete()
        if PdfRender.objects.filter(user=user).count() >= MAX_AT_ONCE:
            raise TooManyAtOnce(
                f"You already have {MAX_AT_ONCE} documents being made. Wait for them to finish, then try again."
            )
        slot = PdfRender.objects.create(user=user)
    try:
        yield
    finally:
        PdfRender.objects.filter(pk=slot.pk).delete()


def _static_file(relative: str) -> str | None:
    """The file behind a static path: from the source tree (development, tests) or from
    STATIC_ROOT, where collectstatic keeps the hashed names production pages link to."""
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts:
        return None
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / path).resolve()
        found = str(candidate) if candidate.is_relative_to(root) and candidate.is_file() else None
    return found


class StaticFilesOnly(URLFetcher):
    """Serves /static/ files from the app's static directories; refuses every other URL
    and remembers what it refused."""

    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith(prefix):
            relative = unquote(parts.path[len(prefix) :])
            found = _static_file(relative)
            if found:
                self.served.append(url)
                mime, _ = mimetypes.guess_type(found)
                return URLFetcherResponse(
                    url, body=Path(found).read_bytes(), headers={"Content-Type": mime or "application/octet-stream"}
                )
        self.refused.append(url)
        raise ValueError(f"Refused to fetch {url!r}: only the app's static files are available.")


def render_pdf(
    html: str,
    fetcher: StaticFilesOnly | None = None,
    *,
    inserts: dict[str, bytes] | None = None,
    seconds: int | None = None,
) -> bytes:
    """A4, tagged PDF/UA-1; title, author, subject and language come from the HTML's
    <title>, <meta name="author">, <meta name="description"> and lang attribute.

    inserts: PDFs (checked by reviews/reports/uploads.py) whose pages take the places the
    HTML keeps for them, elements with the ids "<key>-page-1", "<key>-page-2"..., one a
    page; each keeps the pack's running header and footer over it.

    Made in a process of its own (reviews/pdf_process.py), held to `seconds`
    (PDF_TIME_LIMIT_SECONDS unless given: a request's limit; background work gives its own)
    and to PDF_MEMORY_LIMIT_MB. Past either, the render stops and the caller gets a
    CannotRender that says which. fetcher, when given, learns what the render fetched."""
    from reviews import pdf_process  # sets Django up in the fork server, so not at import time

    seconds = seconds or settings.PDF_TIME_LIMIT_SECONDS
    context = pdf_process.context()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=pdf_process.run,
        args=(sending, settings.PDF_MEMORY_LIMIT_MB * 2**20, html, inserts),
        daemon=True,
    )
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise TooSlow(
                f"This document took longer than {seconds} seconds to make, so it was stopped. "
                "Try again later; if it happens again, tell the Strategy Unit how long the document is."
            )
        try:
            answer = receiving.recv()
        except EOFError:
            answer = ("memory",)  # the kernel stopped it: the only way a child ends without a word
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if answer[0] == "memory":
        raise TooBig(
            f"This document needed more than {settings.PDF_MEMORY_LIMIT_MB:,} MB of memory to make, so it was "
            "stopped. Leave out some appendices or split it, or ask for the limit to be raised."
        )
    if answer[0] == "error":
        raise RenderFailed(f"The PDF could not be made ({answer[1]}).")
    _, content, served, refused = answer
    if fetcher is not None:
        fetcher.served.extend(served)
        fetcher.refused.extend(refused)
    return content


def render_here(html: str, inserts: dict[str, bytes] | None) -> tuple[bytes, list[str], list[str]]:
    """The render itself, in the process reviews/pdf_process.py made for it."""
    fetcher = StaticFilesOnly()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(pdf_variant="pdf/ua-1")
    content = document.write_pdf(pdf_variant="pdf/ua-1")
    if inserts:
        places = {}
        for index, page in enumerate(document.pages):
            for anchor in page.anchors:
                key, _, number = anchor.rpartition("-page-")
                if key in inserts and number.isdigit():
                    places[index] = (key, int(number))
        content = _insert_pages(content, places, inserts)
    return content, fetcher.served, fetcher.refused


# Where an inserted page goes: inside the margins of print.css's @page (22 mm at the top,
# 20 mm at the bottom, 18 mm at the sides), so the pack's header and footer stay clear.
INSERT_BOX = (18 * 72 / 25.4, 20 * 72 / 25.4, 18 * 72 / 25.4, 22 * 72 / 25.4)  # left, bottom, right, top


def _editable(data: bytes) -> PdfWriter:
    """An uploaded PDF whose pages can be changed (turned upright, links taken off)."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")  # restrictions only: uploads.py refused any other
    return PdfWriter(clone_from=reader)


def _insert_pages(content: bytes, places: dict[int, tuple[str, int]], inserts: dict[str, bytes]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    readers = {key: _editable(data) for key, data in inserts.items()}
    left, bottom, right, top = INSERT_BOX
    for index, (key, number) in places.items():
        page, source = writer.pages[index], readers[key].pages[number - 1]
        source.transfer_rotation_to_content()  # a page turned by /Rotate is drawn as it is read
        if "/Annots" in source:
            del source["/Annots"]  # links and form fields stay in the uploaded file, not the pack
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        box_width, box_height = width - left - right, height - bottom - top
        scale = min(box_width / float(source.mediabox.width), box_height / float(source.mediabox.height))
        x = left + (box_width - float(source.mediabox.width) * scale) / 2 - float(source.mediabox.left) * scale
        y = bottom + (box_height - float(source.mediabox.height) * scale) / 2 - float(source.mediabox.bottom) * scale
        page.merge_transformed_page(source, Transformation().scale(scale).translate(x, y), over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
