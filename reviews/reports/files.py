"""A committee report as files: the HTML document, its PDF (the same HTML through
WeasyPrint), the Word file, and the committee pack with the appendices.

The report is one template, ``reviews/report_document.html``; the pack prints the same
body after a contents page. Stylesheets are linked by their plain /static/ names, which
stay valid after later releases, so a stored HTML file keeps its look.
"""

from django.conf import settings
from django.template.loader import render_to_string

from reviews import pdf
from reviews.models import ReportFile
from reviews.reports import word
from reviews.reports.selectors import ReportDocument

# Report text (headings and paragraphs) that a report may hold: about 35 printed pages,
# several times any quarterly report, and inside pdf.MAX_HTML_CHARACTERS once marked up,
# with room left in the committee pack for the appendices.
MAX_REPORT_CHARACTERS = 120_000


def check_size(document: ReportDocument) -> None:
    size = document.size()
    if size > MAX_REPORT_CHARACTERS:
        raise pdf.DocumentTooLarge(
            f"The report has {size:,} characters of text; the most a report can have is "
            f"{MAX_REPORT_CHARACTERS:,}. Shorten or leave out some paragraphs."
        )


def _context(document: ReportDocument, **extra) -> dict:
    return {
        "document": document,
        "report": document.report,
        "council_name": settings.COUNCIL_NAME,
        "static_url": "/" + settings.STATIC_URL.strip("/") + "/",
        **extra,
    }


def report_html(document: ReportDocument) -> str:
    check_size(document)
    return render_to_string("reviews/reports/report_document.html", _context(document))


def report_pdf(document: ReportDocument, fetcher: pdf.StaticFilesOnly | None = None) -> bytes:
    return pdf.render_pdf(report_html(document), fetcher)


def pack_html(document: ReportDocument, *, with_exempt: bool) -> str:
    check_size(document)
    return render_to_string("reviews/reports/report_pack.html", _context(document, with_exempt=with_exempt))


def report_docx(document: ReportDocument) -> bytes:
    check_size(document)
    return word.report_docx(document, council_name=settings.COUNCIL_NAME)


def publication_files(document: ReportDocument) -> dict[str, bytes]:
    """Every file a published version keeps. The full pack exists only when an appendix
    is exempt; otherwise it would be the public pack again."""
    html = report_html(document)
    files = {
        ReportFile.Kind.HTML: html.encode(),
        ReportFile.Kind.PDF: pdf.render_pdf(html),
        ReportFile.Kind.DOCX: report_docx(document),
        ReportFile.Kind.PACK: pdf.render_pdf(pack_html(document, with_exempt=False)),
    }
    if document.exempt_appendices:
        files[ReportFile.Kind.EXEMPT_PACK] = pdf.render_pdf(pack_html(document, with_exempt=True))
    return files


CONTENT_TYPES = {
    ReportFile.Kind.HTML: "text/html; charset=utf-8",
    ReportFile.Kind.PDF: "application/pdf",
    ReportFile.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFile.Kind.PACK: "application/pdf",
    ReportFile.Kind.EXEMPT_PACK: "application/pdf",
}


def filename(stem: str, kind: str, version: int | None = None) -> str:
    """'performance-management-update-q3-2011-12.pdf'; packs and later versions say so."""
    suffix = {
        ReportFile.Kind.HTML: ".html",
        ReportFile.Kind.PDF: ".pdf",
        ReportFile.Kind.DOCX: ".docx",
        ReportFile.Kind.PACK: "-committee-pack.pdf",
        ReportFile.Kind.EXEMPT_PACK: "-committee-pack-with-exempt-appendices.pdf",
    }[kind]
    return f"{stem}{f'-version-{version}' if version and version > 1 else ''}{suffix}"
