"""The committee report as a Word file, for clerks who paste reports into their committee
system's template. Same sections, same paragraph numbers as the HTML and the PDF, because
all three print ``report_selectors.ReportDocument``."""

import io

from docx import Document
from docx.shared import Pt

from reviews import report_text
from reviews.report_selectors import ReportDocument


def report_docx(document: ReportDocument, *, council_name: str) -> bytes:
    report = document.report
    docx = Document()
    properties = docx.core_properties
    properties.title = report.subject
    properties.author = f"{report.report_by}, {council_name}"
    properties.subject = report_text.description(report)
    properties.language = "en-GB"
    docx.styles["Normal"].font.name = "Arial"
    docx.styles["Normal"].font.size = Pt(11)

    docx.add_paragraph(council_name)
    docx.add_heading(report.subject, level=0)
    header = docx.add_table(rows=0, cols=2)
    header.style = "Table Grid"
    for label, value in report_text.header_rows(report):
        cells = header.add_row().cells
        cells[0].text, cells[1].text = label, value

    for section in document.sections:
        docx.add_heading(f"{section.number}. {section.title}", level=1)
        if section.is_list and report.recommendations_intro:
            docx.add_paragraph(report.recommendations_intro)
        for numbered in section.printed:
            paragraph = docx.add_paragraph(f"{numbered.number} ")
            if numbered.heading:
                paragraph.add_run(numbered.heading).bold = True
                paragraph.add_run(" – ")
            paragraph.add_run(numbered.text)

    docx.add_paragraph(report_text.signature(report))

    docx.add_heading("Appendices", level=1)
    if not document.appendices:
        docx.add_paragraph("None")
    for appendix in document.appendices:
        docx.add_paragraph(report_text.appendix_line(appendix))

    docx.add_heading(report_text.BACKGROUND_HEADING, level=1)
    docx.add_paragraph(report_text.BACKGROUND_INTRO)
    table = docx.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Title of document", "Location"
    for index, background in enumerate(document.background_documents, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = f"{index}. {background.title}", background.location

    docx.add_heading("Decision", level=1)
    docx.add_paragraph(report_text.decision_sentence(report))
    docx.add_paragraph("Signed by:")

    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
