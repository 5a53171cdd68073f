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

# Names that make a PDF do something when it is opened or clicked, or carry another file.
# (Links are allowed here: the pack leaves out every annotation of an uploaded page.)
ACTIVE = frozenset({"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA", "/AA"})
ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData", "/Rendition", "/Sound", "/Movie"}
)
MAX_OBJECTS = 500_000  # indirect objects: a bound on the walk through a hostile file
MAX_PAGES = 500


@dataclass(frozen=True)
class CheckedPdf:
    pages: int
    tagged: bool


def _refuse(message: str):
    raise ValidationError({"document": message})


def _has_active_content(reader: PdfReader) -> bool:
    """Walk every object reachable from the document's catalogue, looking for scripts,
    launch actions, embedded files and forms with scripts."""
    seen, todo = set(), [reader.trailer["/Root"]]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_OBJECTS:
                return True  # too tangled to be sure of: refuse rather than guess
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            action = item.get("/S")
            if ACTIVE & set(item.keys()) or (action is not None and action.get_object() in ACTIONS):
                return True
            todo.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return False


def check_size(size: int) -> None:
    """Before the file is read: a large one is refused without reading it."""
    limit = settings.APPENDIX_MAX_MEGABYTES
    if size > limit * 1024 * 1024:
        _refuse(f"The file is {size / 1024 / 1024:.1f} MB. An appendix can be at most {limit} MB.")


def check_pdf(data: bytes) -> CheckedPdf:
    check_size(len(data))
    if b"%PDF-" not in data[:1024]:  # where the PDF standard lets the header be
        _refuse("The file is not a PDF. Save the document as a PDF and upload that.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):  # restrictions only open with an empty password
            _refuse("The PDF is protected by a password or encryption. Upload a copy saved without protection.")
        pages = len(reader.pages)
        flat = any(float(page.mediabox.width) <= 0 or float(page.mediabox.height) <= 0 for page in reader.pages)
        active = _has_active_content(reader)
        root = reader.trailer["/Root"].get_object()
        mark = root.get("/MarkInfo")
        tagged = "/StructTreeRoot" in root and bool(mark and mark.get_object().get("/Marked"))
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        _refuse("The PDF could not be read: it may be damaged. Save it again as a PDF and upload that.")
    if pages == 0 or flat:
        _refuse("The PDF has no pages, or a page with no size. Save it again as a PDF and upload that.")
    if pages > MAX_PAGES:
        _refuse(f"The PDF has {pages} pages. An appendix can have at most {MAX_PAGES}: split it, or link to it.")
    if active:
        _refuse(
            "The PDF contains scripts, actions or embedded files, which are not allowed in committee papers. "
            "Print it to a new PDF and upload that."
        )
    return CheckedPdf(pages=pages, tagged=tagged)
