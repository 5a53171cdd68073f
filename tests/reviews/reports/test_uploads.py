"""A PDF of the author's own as an appendix: each kind of file that is refused gets its
own message and leaves the report as it was; an accepted one joins the committee pack
at the page its contents entry gives, with the pack's page numbers running on through
it; one without tags is flagged as an accessibility risk."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from reviews import pdf
from reviews.models import ReportAppendix
from reviews.reports import files as report_files
from reviews.reports import publication
from reviews.reports import selectors as report_selectors
from tests.reviews.conftest import through_clearance

pytestmark = pytest.mark.django_db


def made_pdf(pages: list[str]) -> bytes:
    """A tagged PDF, one page per text, made as the product makes its own."""
    body = "".join(f'<p style="break-after: page">{text}</p>' for text in pages)
    return pdf.render_pdf(
        f'<!DOCTYPE html><html lang="en-GB"><head><title>Upload</title></head><body>{body}</body></html>'
    )


def untagged(data: bytes) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_script(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(client, report, data: bytes, name="paper.pdf", title="Audit report"):
    client.force_login(report.created_by)
    url = reverse("reports:appendix_upload", args=[report.pk])
    return client.post(url, {"title": title, "document": io_file(data, name)})


def io_file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"Just some text, not a PDF at all.", "The file is not a PDF."),
        (lambda: encrypted(made_pdf(["Secret"])), "The PDF is protected by a password or encryption."),
        (lambda: with_script(made_pdf(["Scripted"])), "The PDF contains scripts, actions or embedded files"),
        (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 40, "The PDF could not be read: it may be damaged."),
        (lambda: made_pdf(["Large"]) + b" " * 1_200_000, "An appendix can be at most 1 MB."),
    ],
)
def test_each_refused_file_gets_its_message_and_changes_nothing(client, settings, org, report, make, message):
    settings.APPENDIX_MAX_MEGABYTES = 1
    before = list(report.appendices.values_list("pk", "title"))
    response = upload(client, report, make())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(report.appendices.values_list("pk", "title")) == before


def test_an_empty_title_or_no_file_is_told_next_to_the_field(client, org, report):
    client.force_login(org.strategy_officer)
    page = client.post(reverse("reports:appendix_upload", args=[report.pk]), {"title": ""}).content.decode()
    assert "Enter the appendix&#x27;s title" in page and "Choose the PDF to upload" in page


@pytest.mark.parametrize("persona", ["head", "director", "legal", "finance", "clerk", "member"])
def test_only_the_strategy_unit_uploads(client, org, report, persona):
    client.force_login(org.persona(persona))
    url = reverse("reports:appendix_upload", args=[report.pk])
    response = client.post(url, {"title": "Mine", "document": io_file(made_pdf(["Mine"]), "mine.pdf")})
    assert response.status_code in (403, 404)
    assert not report.appendices.filter(kind=ReportAppendix.Kind.UPLOADED).exists()


def page_of(pack: PdfReader, text: str) -> int:
    return next(number for number, page in enumerate(pack.pages, start=1) if text in page.extract_text())


def test_an_accepted_pdf_joins_the_pack_at_the_page_the_contents_gives(client, org, report):
    response = upload(client, report, untagged(made_pdf(["UPLOADED PAGE ONE", "UPLOADED PAGE TWO"])))
    assert response.status_code == 302
    appendix = report.appendices.get(kind=ReportAppendix.Kind.UPLOADED)
    assert (appendix.document_pages, appendix.document_tagged, appendix.document_name) == (2, False, "paper.pdf")
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "Uploaded PDF, 2 pages" in page and "Accessibility risk" in page

    report = through_clearance(org, report)
    version = publication.publish_now(report=report, by=org.clerk)
    pack = PdfReader(io.BytesIO(bytes(version.files.get(kind="pack").content)))
    letter = report_selectors.report_document(report).appendices[-1].letter
    contents = pack.pages[0].extract_text()
    listed = re.search(rf"Appendix {letter}: Audit report\W*(\d+)", contents)
    assert listed, contents
    heading_page = int(listed.group(1))
    assert "Appendix " + letter + ": Audit report" in pack.pages[heading_page - 1].extract_text()
    assert page_of(pack, "UPLOADED PAGE ONE") == heading_page + 1
    assert page_of(pack, "UPLOADED PAGE TWO") == heading_page + 2
    total = len(pack.pages)
    assert f"Page {heading_page + 1} of {total}" in pack.pages[heading_page].extract_text()  # numbered with the pack


def test_a_tagged_pdf_is_not_flagged(client, org, report):
    upload(client, report, made_pdf(["Tagged"]))
    assert report.appendices.get(kind=ReportAppendix.Kind.UPLOADED).document_tagged
    document = report_selectors.report_document(report, with_appendix_contents=True)
    assert "no tags for screen readers" not in report_files.pack_html(document, with_exempt=False)


def with_link(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_uri(0, "file://server/share/leak", [10, 10, 200, 40])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_indirect_launch(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    kind = writer._add_object(NameObject("/Launch"))
    action = DictionaryObject({NameObject("/S"): kind, NameObject("/F"): TextStringObject("cmd.exe")})
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def owner_password_only(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_launch_action_named_indirectly_is_refused(client, org, report):
    response = upload(client, report, with_indirect_launch(made_pdf(["Launch"])))
    assert "The PDF contains scripts, actions or embedded files" in response.content.decode()


def test_links_in_an_upload_stay_out_of_the_pack_and_a_restricted_pdf_is_accepted(client, org, report):
    assert upload(client, report, with_link(made_pdf(["LINKED PAGE"])), title="Linked").status_code == 302
    assert (
        upload(client, report, owner_password_only(made_pdf(["RESTRICTED PAGE"])), title="Restricted").status_code
        == 302
    )
    report = through_clearance(org, report)
    version = publication.publish_now(report=report, by=org.clerk)
    content = bytes(version.files.get(kind="pack").content)
    assert b"file://server/share/leak" not in content
    pack = PdfReader(io.BytesIO(content))
    assert page_of(pack, "LINKED PAGE") and page_of(pack, "RESTRICTED PAGE")
