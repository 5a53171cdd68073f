"""Numbering of a committee report: sections 1 to 10, paragraphs 5.1, 5.2 and so on, and
the recommendations as 1), 2), 3). One function numbers the report for the HTML page,
the PDF and the Word file, so the three can never disagree."""

from dataclasses import dataclass, field

from reviews.models import ReportParagraph, Section

# Sections whose paragraphs are a numbered list of what the committee is asked to do.
LIST_SECTIONS = frozenset({Section.RECOMMENDATIONS})


@dataclass(frozen=True)
class NumberedParagraph:
    paragraph: ReportParagraph
    number: str  # "" when the paragraph is left out
    label: str = ""  # what the editor's buttons call it: "paragraph 5.2", "recommendation 1"

    @property
    def heading(self) -> str:
        return self.paragraph.heading

    @property
    def text(self) -> str:
        return self.paragraph.text


@dataclass(frozen=True)
class NumberedSection:
    number: int
    section: Section
    paragraphs: list[NumberedParagraph] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.section.label

    @property
    def is_list(self) -> bool:
        return self.section in LIST_SECTIONS

    @property
    def printed(self) -> list[NumberedParagraph]:
        return [p for p in self.paragraphs if p.number]


def paragraph_number(section_number: int, section: Section, index: int) -> str:
    return f"{index})" if section in LIST_SECTIONS else f"{section_number}.{index}"


def number_report(paragraphs: list[ReportParagraph]) -> list[NumberedSection]:
    """Every section in print order, each with its paragraphs in order; paragraphs left
    out keep their place (for the editor) but take no number."""
    by_section: dict[str, list[ReportParagraph]] = {section.value: [] for section in Section}
    for paragraph in sorted(paragraphs, key=lambda p: (p.position, p.pk or 0)):
        by_section[paragraph.section].append(paragraph)
    sections = []
    for section_number, section in enumerate(Section, start=1):
        numbered, index = [], 0
        for place, paragraph in enumerate(by_section[section.value], start=1):
            if paragraph.included:
                index += 1
                number = paragraph_number(section_number, section, index)
                label = f"recommendation {index}" if section in LIST_SECTIONS else f"paragraph {number}"
                numbered.append(NumberedParagraph(paragraph, number, label))
            else:
                label = f"left-out paragraph {place} of section {section_number}"
                numbered.append(NumberedParagraph(paragraph, "", label))
        sections.append(NumberedSection(section_number, section, numbered))
    return sections


def section_number(section: Section) -> int:
    return list(Section).index(section) + 1


def appendix_letter(index: int) -> str:
    """A, B, ... Z, then AA, AB: appendices are lettered in print order."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
