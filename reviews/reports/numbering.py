"""Numbering of a committee report as its template says: sections "5.", paragraphs "5.2"
(or neither), recommendations "1)", "(i)", "(a)" or "a.", appendices A, B or 1, 2. One
function numbers the report for the HTML page, the PDF and the Word file, so the three
can never disagree."""

from dataclasses import dataclass, field

from reviews.models import ReportParagraph, ReportTemplate, TemplateSection

Numbering = ReportTemplate.Numbering
ListStyle = ReportTemplate.ListStyle


@dataclass(frozen=True)
class NumberedParagraph:
    paragraph: ReportParagraph
    number: str  # "" when the paragraph is left out, or the template numbers no paragraphs
    label: str = ""  # what the editor's buttons call it: "paragraph 5.2", "recommendation 1"
    check: str = ""  # what to look at again before clearance (selectors.with_checks)

    @property
    def heading(self) -> str:
        return self.paragraph.heading

    @property
    def text(self) -> str:
        return self.paragraph.text

    @property
    def printed(self) -> bool:
        return self.paragraph.included


@dataclass(frozen=True)
class NumberedSection:
    number: str  # "5", or "" when the template numbers no sections
    section: TemplateSection
    paragraphs: list[NumberedParagraph] = field(default_factory=list)
    # What a block of the quarter's data prints besides paragraphs (a table, a chart).
    block: object = None

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading(self) -> str:
        """'5. Issues emerging', or 'Issues emerging' when sections are not numbered."""
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def is_list(self) -> bool:
        return self.section.is_list

    @property
    def by_adviser(self) -> bool:
        return self.section.by_adviser

    @property
    def printed(self) -> list[NumberedParagraph]:
        return [p for p in self.paragraphs if p.printed]


def roman(number: int) -> str:
    """1 → 'i', 4 → 'iv', 14 → 'xiv'"""
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while number >= value:
            out, number = out + letters, number - value
    return out


def letters(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA': for appendices and lettered lists."""
    out = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        out = chr(ord("A") + remainder) + out
    return out


def list_number(style: str, index: int) -> str:
    """The index-th (from 1) recommendation's number in the template's style."""
    if style == ListStyle.ROMAN_BRACKETS:
        return f"({roman(index)})"
    if style == ListStyle.LETTER_BRACKETS:
        return f"({letters(index - 1).lower()})"
    if style == ListStyle.LETTER_STOP:
        return f"{letters(index - 1).lower()}."
    return f"{index})"


def appendix_label(template: ReportTemplate, index: int) -> str:
    """'A', 'B', ... or '1', '2', ...: the index-th (from 0) appendix in print order."""
    if template.appendix_style == ReportTemplate.AppendixStyle.NUMBERS:
        return str(index + 1)
    return letters(index)


def _numbered_section(template, section, section_number, paragraphs) -> NumberedSection:
    numbered, index = [], 0
    for place, paragraph in enumerate(paragraphs, start=1):
        if not paragraph.included:
            label = f"left-out paragraph {place} of {section.title}"
            numbered.append(NumberedParagraph(paragraph, "", label))
            continue
        index += 1
        if section.is_list:
            number = list_number(template.recommendation_style, index)
            label = f"recommendation {number}"
        elif template.numbering == Numbering.PARAGRAPHS:
            number = f"{section_number}.{index}"
            label = f"paragraph {number}"
        else:
            number, label = "", f"paragraph {index} of {section.title}"
        numbered.append(NumberedParagraph(paragraph, number, label))
    return NumberedSection(section_number if template.numbering != Numbering.NONE else "", section, numbered)


def number_report(
    template: ReportTemplate, sections: list[TemplateSection], paragraphs: list[ReportParagraph]
) -> tuple[list[NumberedSection], list[ReportParagraph]]:
    """Every section of the template in print order, each with its paragraphs in order;
    paragraphs left out keep their place (for the editor) but take no number. Paragraphs
    filed under a section the template does not have come back apart, as not placed."""
    by_key: dict[str, list[ReportParagraph]] = {section.key: [] for section in sections}
    not_placed = []
    for paragraph in sorted(paragraphs, key=lambda p: (p.position, p.pk or 0)):
        by_key.get(paragraph.section, not_placed).append(paragraph)
    numbered = [
        _numbered_section(template, section, str(number), by_key[section.key])
        for number, section in enumerate(sections, start=1)
    ]
    return numbered, not_placed
