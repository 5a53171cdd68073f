"""How long WeasyPrint takes over a committee report, and so where the render limits sit.

Run: DEBUG=true .venv/bin/python bench/report_pdf.py
Builds reports of growing length in memory (no database) and renders each through the
same template and fetcher as publication, then table-heavy packs, reporting time, pages
and the renderer's peak memory. Every render runs in a child process with a time limit
(PDF_TIME_LIMIT_SECONDS, 25 s) and a memory limit (PDF_MEMORY_LIMIT_MB, 1 GB); these
figures say how large a document fits within them. Rendering here is in this process
(pdf.render_here) so that its peak memory can be read.

Measured on the project's 2-core machine: report text 20,000 characters 0.35 s (7 pages),
100,000 characters 1.2 s (28 pages); table-heavy packs about 3.6 s per 100,000 characters
of HTML (30 pages). A report of 1.2 million characters (ten times a real council, before
the Board chose what goes to committee) takes longer than the time limit and is refused
with a message; it is made in the background, so no request waits on it.
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
for characters in (20_000, 50_000, 100_000, 150_000):
    doc = document(characters)
    html = report_files.report_html(doc)
    start = time.perf_counter()
    content, _served, _refused = pdf.render_here(html, None)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{doc.size():>12,} {len(html):>10,} {pages:>6} {elapsed:>8.2f} {peak:>8.0f}")

# Committee packs are table-heavy (annexes, the action plan): the time limit is reached first by these.
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
    content, _served, _refused = pdf.render_here(html, None)
    elapsed = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(html):>12,} {pages:>6} {elapsed:>8.2f} {peak:>8.0f}")
