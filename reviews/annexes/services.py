"""Writes for annexes: what they contain, contributors' notes, and marking them ready."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from perfmgmt.history import save_with_history
from perfmgmt.models import User
from reviews.annexes import permissions
from reviews.board.services import require_strategy_unit
from reviews.models import Annex, AnnexNote, BoardSession


def annex_for(session: BoardSession) -> Annex:
    annex, _ = Annex.objects.get_or_create(session=session)
    return annex


def _locked(annex: Annex) -> Annex:
    """The annex, locked for this change; one read from a page may not be saved yet, and is
    created here, inside the change, so a refused change leaves nothing behind."""
    pk = annex.pk or annex_for(annex.session).pk
    return Annex.objects.select_for_update(of=("self",)).select_related("session__grouping").get(pk=pk)


@transaction.atomic
def set_annex_contents(*, annex: Annex, indicators: list, measures: list, by: User) -> Annex:
    require_strategy_unit(by)
    annex = _locked(annex)
    if annex.is_ready:
        raise ValidationError("The annex is marked ready for the Board, so it cannot change.")
    services_in_grouping = set(annex.session.grouping.services.values_list("pk", flat=True))
    if any(measure.plan.service_id not in services_in_grouping for measure in measures):
        raise ValidationError({"measures": "Choose measures of this grouping's services"})
    annex._history_user = by
    annex.indicators.set(indicators)
    annex.measures.set(measures)
    return annex


@transaction.atomic
def save_note(
    *, annex: Annex, by: User, service, concern: str, rating: str, source_reference: str, note: AnnexNote | None = None
) -> AnnexNote:
    """A contributor writes a note for their own area (Internal Audit, Corporate Projects
    or Risk Management) on a service of the grouping, until the annex is ready."""
    annex = _locked(annex)
    if not permissions.can_write_note(by, annex):
        raise PermissionDenied("Only contributors write annex notes, and only until the annex is ready.")
    if note is not None and (note.annex_id != annex.pk or note.area != by.contributor_area):
        raise PermissionDenied("You can change only your own area's notes.")
    if not annex.session.grouping.services.filter(pk=service.pk).exists():
        raise ValidationError({"service": "Choose one of this grouping's services"})
    if not concern.strip():
        raise ValidationError({"concern": "Describe the concern"})
    if rating not in AnnexNote.Rating.values:
        raise ValidationError({"rating": "Choose how serious the concern is"})
    note = note or AnnexNote(annex=annex, area=by.contributor_area)
    note.service, note.concern, note.rating = service, concern.strip(), rating
    note.source_reference, note.author = source_reference.strip(), by
    save_with_history(note, f"Note saved by {by}", by)
    return note


@transaction.atomic
def mark_annex_ready(*, annex: Annex, by: User) -> Annex:
    require_strategy_unit(by)
    annex = _locked(annex)
    if annex.is_ready:
        raise ValidationError("The annex is already marked ready.")
    annex.ready_at, annex.ready_by = timezone.now(), by
    save_with_history(annex, f"Marked ready for the Board by {by}", by)
    return annex
