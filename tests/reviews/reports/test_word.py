"""The Word file to the council's standard: A4 with the PDF's margins, Arial and black
headings, the council's name and "Page n of N" in the footer; and LibreOffice, as a
council's own office suite would, opens it and prints as many pages as the PDF, give or
take one."""

import io
import shutil
import subprocess

import pytest
from django.conf import settings
from docx import Document
from pypdf import PdfReader

from reviews.reports import files as report_files
from reviews.reports import selectors as report_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(report):
    document = report_selectors.report_document(report)
    return report_files.report_docx(document), report_files.report_pdf(document)


def test_the_word_file_is_a4_with_the_pdfs_margins_and_page_numbers(files):
    word = Document(io.BytesIO(files[0]))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins] == [22, 20, 18, 18]  # print.css
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith(settings.COUNCIL_NAME) and "Page " in footer.text and " of " in footer.text
    codes = [
        field.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instr")
        for field in footer._p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fldSimple")
    ]
    assert codes == ["PAGE", "NUMPAGES"]
    for name in ("Title", "Heading 1"):
        style = word.styles[name]
        assert style.font.name == "Arial" and str(style.font.color.rgb) == "0B0C0C"
    assert "5.2 Educational attainment" in "\n".join(p.text for p in word.paragraphs)


def test_libreoffice_converts_the_word_file_with_about_as_many_pages_as_the_pdf(files, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (Debian's libreoffice-writer-nogui) is installed by the test command"
    (tmp_path / "report.docx").write_bytes(files[0])
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "report.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    converted = PdfReader(tmp_path / "report.pdf")
    ours = PdfReader(io.BytesIO(files[1]))
    assert abs(len(converted.pages) - len(ours.pages)) <= 1, (len(converted.pages), len(ours.pages))
    first = converted.pages[0]
    assert (round(float(first.mediabox.width) * 25.4 / 72), round(float(first.mediabox.height) * 25.4 / 72)) == (
        210,
        297,
    )
    last = converted.pages[-1].extract_text()
    assert f"Page {len(converted.pages)} of {len(converted.pages)}" in last
