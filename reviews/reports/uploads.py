"""Checking a PDF uploaded as a report's appendix before it joins the committee pack: it
must be a real PDF that opens without a password, within the size limit, and carry no
scripts or launch actions (a pack goes to members' own devices). One without tags is
accepted, and flagged to the author as an accessibility risk."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Names that make a PDF do something when it is opened or clicked.
ACTIVE = frozenset({"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"})
MAX_OBJECTS = 200_000  # a bound on the walk through a hostile file's objects


@dataclass(frozen=True)
class CheckedPdf:
    pages: int
    tagged: bool


def _refuse(message: str):
    raise ValidationError({"document": message})


def _has_active_content(reader: PdfReader) -> bool:
    """Walk every object reachable from the document's catalogue, looking for scripts,
    launch actions, embedded files and forms with scripts."""
    seen, todo, count = set(), [reader.trailer["/Root"]], 0
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        count += 1
        if count > MAX_OBJECTS:
            return True  # too tangled to be sure of: refuse rather than guess
        if isinstance(item, DictionaryObject):
            if ACTIVE & set(item.keys()) or item.get("/S") in ("/JavaScript", "/Launch"):
                return True
            todo.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return False


def check_pdf(data: bytes) -> CheckedPdf:
    limit = settings.APPENDIX_MAX_MEGABYTES
    if len(data) > limit * 1024 * 1024:
        _refuse(f"The file is {len(data) / 1024 / 1024:.1f} MB. An appendix can be at most {limit} MB.")
    if b"%PDF-" not in data[:1024]:  # where the PDF standard lets the header be
        _refuse("The file is not a PDF. Save the document as a PDF and upload that.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _refuse("The PDF is protected by a password or encryption. Upload a copy saved without protection.")
        pages = len(reader.pages)
        active = _has_active_content(reader)
        root = reader.trailer["/Root"].get_object()
        mark = root.get("/MarkInfo")
        tagged = "/StructTreeRoot" in root and bool(mark and mark.get_object().get("/Marked"))
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        _refuse("The PDF could not be read: it may be damaged. Save it again as a PDF and upload that.")
    if pages == 0:
        _refuse("The PDF has no pages.")
    if active:
        _refuse(
            "The PDF contains scripts, actions or embedded files, which are not allowed in committee papers. "
            "Print it to a new PDF and upload that."
        )
    return CheckedPdf(pages=pages, tagged=tagged)
