"""How long WeasyPrint takes over a committee report, and so where the size limits sit.

Run: DEBUG=true .venv/bin/python bench/report_pdf.py
Builds reports of growing length in memory (no database) and renders each through the
same template and fetcher as publication, then table-heavy packs, reporting time, pages
and peak memory. The limits it informs: report_files.MAX_REPORT_CHARACTERS (text in a
report) and pdf.MAX_HTML_CHARACTERS (any HTML document, packs included).

Measured on the project's 2-core machine: report text 20,000 characters 0.35 s (7 pages),
100,000 characters 1.2 s (28 pages); table-heavy packs about 3.6 s per 100,000 characters
of HTML (30 pages). Publication renders the report and one or two packs, so with a
150,000-character limit per document it stays around 15 s at worst.
"""

import io
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfmgmt.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from perfmgmt.models import FinancialYear, Quarter, User  # noqa: E402
from reviews import pdf  # noqa: E402
from reviews.models import CommitteeReport, ReportParagraph, Section  # noqa: E402
from reviews.reports import files as report_files  # noqa: E402
from reviews.reports.numbering import number_report  # noqa: E402
from reviews.reports.selectors import ReportDocument  # noqa: E402

SENTENCE = "The Board discussed the issue and agreed a package of actions to improve performance in this area. "


def document(characters: int) -> ReportDocument:
    quarter = Quarter(financial_year=FinancialYear(start_year=2011), number=3)
    report = CommitteeReport(
        quarter=quarter,
        committee="Governance and Audit Committee",
        meeting_date=date(2012, 3, 9),
        subject="Performance Management Update",
        report_by="Head of Audit and Performance Improvement",
        author=User(first_name="Jon", last_name="Bell"),
    )
    text = SENTENCE * 8  # about 800 characters: a long paragraph
    sections = list(Section)
    paragraphs = [
        ReportParagraph(pk=i + 1, report=report, section=sections[i % 10], position=i, heading="Issue", text=text)
        for i in range(max(1, int(characters * 0.99) // len(text)))
    ]
    return ReportDocument(report=report, sections=number_report(paragraphs), background_documents=[], appendices=[])


print(f"{'report text':>12} {'html':>10} {'pages':>6} {'seconds':>8} {'peak MB':>8}")
for characters in (20_000, 50_000, 100_000, report_files.MAX_REPORT_CHARACTERS):
    doc = document(characters)
    html = report_files.report_html(doc)
    start = time.perf_counter()
    content = pdf.render_pdf(html)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{doc.size():>12,} {len(html):>10,} {pages:>6} {elapsed:>8.2f} {peak:>8.0f}")

# Committee packs are table-heavy (annexes, the action plan): the HTML limit is set by these.
ROW = (
    "<tr><th scope='row'>Agree a package of actions to increase apprenticeships</th><td>Kerry Walsh</td>"
    "<td>31 March 2012</td><td>On track</td><td>Placements agreed with two directorates.</td></tr>"
)
print(f"\n{'pack html':>12} {'pages':>6} {'seconds':>8} {'peak MB':>8}")
for rows in (200, 400):
    tables = "".join(
        f"<section class='app-section'><h2>Appendix {i}</h2><table><tbody>{ROW * 100}</tbody></table></section>"
        for i in range(rows // 100)
    )
    head = "<title>Pack</title><link rel='stylesheet' href='/static/css/print.css'>"
    html = f"<!DOCTYPE html><html lang='en-GB'><head>{head}</head><body><main>{tables}</main></body></html>"
    start = time.perf_counter()
    content = pdf.render_pdf(html)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(html):>12,} {pages:>6} {elapsed:>8.2f} {peak:>8.0f}")
