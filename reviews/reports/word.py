"""The committee report as a Word file, for clerks who paste reports into their committee
system's template. Same sections, same paragraph numbers as the HTML and the PDF, because
all three print ``report_selectors.ReportDocument``.

To the council's standard, as the PDF is: A4 with the PDF's margins (print.css), Arial
throughout with black headings, the council's name and "Page n of N" in the footer. The
numbers are printed as text, not as Word list numbering, so that they are always the
PDF's: Word renumbers a list as soon as a paragraph is moved."""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reviews.reports import wording as report_text
from reviews.reports.blocks import KpiTable, SummaryCounts
from reviews.reports.selectors import ReportDocument

# Characters XML 1.0 cannot hold (control characters pasted from other programs, say),
# which python-docx refuses; they carry no meaning in a report, so they are dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return NOT_XML.sub("", value)


def _table(docx, headings: list[str], rows: list[list[str]]) -> None:
    table = docx.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = _text(heading)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = _text(value)


def _block(docx, block) -> None:
    """A section's table of measures, or its summary counts as a table (the chart's text)."""
    if isinstance(block, KpiTable):
        docx.add_paragraph(_text(block.caption))
        _table(
            docx,
            ["Measure", "Service", *block.headings],
            [[r.measure.title, r.service.name, *c] for r, c in block.rows],
        )
    elif isinstance(block, SummaryCounts):
        docx.add_paragraph(_text(block.chart.title))
        _table(docx, ["Status", "Measures"], [[label, str(number)] for _, label, number in block.counts])


BLACK = RGBColor(0x0B, 0x0C, 0x0C)
HEADING_SIZES = {"Title": 18, "Heading 1": 14, "Heading 2": 12}


def _council_standard(docx, council_name: str) -> None:
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.left_margin = section.right_margin = Mm(18)
    for name in ("Normal", *HEADING_SIZES):
        style = docx.styles[name]
        style.font.name = "Arial"
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over Arial
        if name != "Normal":
            style.font.color.rgb = BLACK
            style.font.size = Pt(HEADING_SIZES[name])
            style.font.bold = True
    docx.styles["Normal"].font.size = Pt(11)
    footer = section.footer.paragraphs[0]
    footer.text = f"{_text(council_name)}\t"
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    # The Footer style's own stops are for US Letter: one stop at the right margin instead.
    docx.styles["Footer"].paragraph_format.tab_stops.clear_all()
    width = section.page_width - section.left_margin - section.right_margin
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def report_docx(document: ReportDocument, *, council_name: str) -> bytes:
    report = document.report
    docx = Document()
    _council_standard(docx, council_name)
    properties = docx.core_properties
    properties.title = _text(report.subject)
    properties.author = _text(f"{report.report_by}, {council_name}")
    properties.subject = _text(report_text.description(report))
    properties.language = "en-GB"

    if document.draft:
        docx.add_paragraph().add_run("DRAFT: not for publication").bold = True
    docx.add_paragraph(_text(council_name))
    docx.add_heading(_text(report.subject), level=0)
    header = docx.add_table(rows=0, cols=2)
    header.style = "Table Grid"
    for label, value in document.header_rows:
        cells = header.add_row().cells
        cells[0].text, cells[1].text = _text(f"{label}:"), _text(value)

    if document.exempt:
        docx.add_paragraph().add_run(_text(f"Not for publication: this report is {document.exempt}.")).bold = True
    for section in document.sections:
        docx.add_heading(_text(section.heading), level=1)
        if section.is_list and report.recommendations_intro:
            docx.add_paragraph(_text(report.recommendations_intro))
        for numbered in section.printed:
            paragraph = docx.add_paragraph(f"{numbered.number} " if numbered.number else "")
            if numbered.heading:
                paragraph.add_run(_text(numbered.heading)).bold = True
                paragraph.add_run(" – ")
            paragraph.add_run(_text(numbered.text))
        _block(docx, section.block)

    docx.add_paragraph(_text(report_text.signature(report)))

    docx.add_heading("Appendices", level=1)
    if not document.appendices:
        docx.add_paragraph("None")
    for appendix in document.appendices:
        docx.add_paragraph(_text(report_text.appendix_line(appendix)))

    docx.add_heading(_text(document.background_heading), level=1)
    if document.background_intro:
        docx.add_paragraph(_text(document.background_intro))
    table = docx.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Title of document", "Location"
    for index, background in enumerate(document.background_documents, start=1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _text(f"{index}. {background.title}"), _text(background.location)

    if document.decision_sentence:
        docx.add_heading(_text(document.template.decision_heading or "Decision"), level=1)
        docx.add_paragraph(_text(document.decision_sentence))
        docx.add_paragraph(_text(f"{document.template.signature_label}:"))

    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
