"""The reviews app's models, one module a part of the process: the Board's work (sessions,
outcomes, actions, themes, annexes, user voice), committee reports and their templates."""

from reviews.models.board import (
    Action,
    ActionUpdate,
    AgendaItem,
    Annex,
    AnnexNote,
    BoardSession,
    Outcome,
    Theme,
    UserVoice,
)
from reviews.models.jobs import DocumentJob
from reviews.models.report_templates import DefaultTemplate, ReportTemplate, TemplateHeaderRow, TemplateSection
from reviews.models.reports import (
    BackgroundDocument,
    CommitteeReport,
    ExemptParagraph,
    PdfRender,
    ReportAppendix,
    ReportFile,
    ReportParagraph,
    ReportVersion,
    Section,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaItem",
    "Annex",
    "AnnexNote",
    "BackgroundDocument",
    "BoardSession",
    "CommitteeReport",
    "DefaultTemplate",
    "DocumentJob",
    "ExemptParagraph",
    "Outcome",
    "PdfRender",
    "ReportAppendix",
    "ReportFile",
    "ReportParagraph",
    "ReportTemplate",
    "ReportVersion",
    "Section",
    "TemplateHeaderRow",
    "TemplateSection",
    "Theme",
    "UserVoice",
]
