"""A committee report as files: the HTML document, its PDF (the same HTML through
WeasyPrint), the Word file, and the committee pack with the appendices.

The report is one template, ``reviews/report_document.html``; the pack prints the same
body after a contents page. Stylesheets are linked by their plain /static/ names, which
stay valid after later releases, so a stored HTML file keeps its look.
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from reviews import pdf
from reviews.models import ReportAppendix, ReportFile
from reviews.reports import word
from reviews.reports.selectors import ReportDocument


def _context(document: ReportDocument, **extra) -> dict:
    return {
        "document": document,
        "report": document.report,
        "council_name": settings.COUNCIL_NAME,
        "static_url": "/" + settings.STATIC_URL.strip("/") + "/",
        **extra,
    }


def report_html(document: ReportDocument) -> str:
    return render_to_string("reviews/reports/report_document.html", _context(document))


def report_pdf(document: ReportDocument, fetcher: pdf.StaticFilesOnly | None = None) -> bytes:
    return pdf.render_pdf(report_html(document), fetcher)


def pack_html(document: ReportDocument, *, with_exempt: bool) -> str:
    return render_to_string("reviews/reports/report_pack.html", _context(document, with_exempt=with_exempt))


def report_docx(document: ReportDocument) -> bytes:
    return word.report_docx(document, council_name=settings.COUNCIL_NAME)


def pack_pdf(document: ReportDocument, html: str, *, with_exempt: bool, seconds: int | None = None) -> bytes:
    """The pack as a PDF, each uploaded appendix's pages put in the places its HTML keeps
    for them, so that the contents and the page numbers run on through them."""
    inserts = {
        appendix.anchor: bytes(appendix.appendix.document)
        for appendix in document.appendices
        if appendix.appendix.kind == ReportAppendix.Kind.UPLOADED and (with_exempt or not appendix.exempt)
    }
    return pdf.render_pdf(html, inserts=inserts, seconds=seconds)


def publication_files(document: ReportDocument, *, seconds: int | None = None, step=lambda: None) -> dict[str, bytes]:
    """Every file a published version keeps. The full pack exists only when an appendix
    is exempt; otherwise it would be the public pack again. step() is called before each
    render (a background job says it is still alive); seconds is each render's limit."""
    step()
    html = report_html(document)
    public_pack = pack_html(document, with_exempt=False)
    files = {ReportFile.Kind.HTML: html.encode(), ReportFile.Kind.PACK_HTML: public_pack.encode()}
    step()
    files[ReportFile.Kind.PDF] = pdf.render_pdf(html, seconds=seconds)
    step()
    files[ReportFile.Kind.DOCX] = report_docx(document)
    step()
    files[ReportFile.Kind.PACK] = pack_pdf(document, public_pack, with_exempt=False, seconds=seconds)
    if document.exempt_appendices:
        step()
        full_pack = pack_html(document, with_exempt=True)
        files[ReportFile.Kind.EXEMPT_PACK] = pack_pdf(document, full_pack, with_exempt=True, seconds=seconds)
    return files


CONTENT_TYPES = {
    ReportFile.Kind.HTML: "text/html; charset=utf-8",
    ReportFile.Kind.PDF: "application/pdf",
    ReportFile.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFile.Kind.PACK: "application/pdf",
    ReportFile.Kind.PACK_HTML: "text/html; charset=utf-8",
    ReportFile.Kind.EXEMPT_PACK: "application/pdf",
}


def filename(stem: str, kind: str, version: int | None = None) -> str:
    """'performance-management-update-q3-2011-12.pdf'; packs and later versions say so."""
    suffix = {
        ReportFile.Kind.HTML: ".html",
        ReportFile.Kind.PDF: ".pdf",
        ReportFile.Kind.DOCX: ".docx",
        ReportFile.Kind.PACK: "-committee-pack.pdf",
        ReportFile.Kind.PACK_HTML: "-committee-pack.html",
        ReportFile.Kind.EXEMPT_PACK: "-committee-pack-with-exempt-appendices.pdf",
    }[kind]
    return f"{stem}{f'-version-{version}' if version and version > 1 else ''}{suffix}"


_MAIN = re.compile(r'<main class="app-report">(.*)</main>', re.S)
_TITLE = re.compile(r"<h1[^>]*>.*?</h1>", re.S)
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_HEADING = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def readable_body(content: bytes) -> SafeString:
    """The body of a published HTML file as stored, to show inside the site's own page:
    without its title (the page has one), and each table in a region that scrolls on its
    own, named after the heading above it. The file was made by our templates, which
    escaped everything people wrote, so it is shown as it is."""
    found = _MAIN.search(content.decode())
    body = _TITLE.sub("", found.group(1), count=1) if found else ""

    def scrolling(table: re.Match) -> str:
        before = body[: table.start()]
        wrapper = before.rfind('class="app-table-scroll"')
        if wrapper != -1 and "</div>" not in before[wrapper:]:
            return table.group(0)  # the template gave it a region already
        headings = _HEADING.findall(before)
        if 'class="app-report-header"' in table.group(0)[:60] or not headings:
            label = "Report details"
        else:
            label = _TAG.sub("", headings[-1]).strip()
        return f'<div class="app-table-scroll" tabindex="0" role="region" aria-label="{label}">{table.group(0)}</div>'

    # The template's own escaped output; a label is its escaped heading text, so stays escaped.
    return mark_safe(_TABLE.sub(scrolling, body))  # noqa: S308  # nosec B308 B703
