"""perfmgmt/workflow.py: the one place that reads each model's TRANSITIONS."""

import pytest
from django.core.exceptions import ValidationError

from perfmgmt import workflow
from perfmgmt.models import Quarter
from tests.factories import OpenQuarterFactory


@pytest.mark.django_db
def test_a_step_the_table_allows_is_stamped_with_who_and_when_and_kept_in_the_history(org):
    quarter = OpenQuarterFactory()
    workflow.move(
        quarter, Quarter.Status.CLOSED, by=org.strategy_officer, reason="Closed for the test", stamp="status_changed"
    )
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.CLOSED
    assert quarter.status_changed_by == org.strategy_officer and quarter.status_changed_at is not None
    latest = quarter.history.first()
    assert (latest.history_change_reason, latest.history_user) == ("Closed for the test", org.strategy_officer)


@pytest.mark.django_db
def test_a_step_the_table_does_not_allow_is_refused_with_the_callers_words_and_nothing_changes(org):
    quarter = OpenQuarterFactory()
    with pytest.raises(ValidationError) as refused:
        workflow.move(
            quarter,
            Quarter.Status.PLANNED,
            by=org.strategy_officer,
            reason="x",
            refused="Q. is {status}; it cannot be made {to}.",
        )
    assert refused.value.messages == ["Q. is open; it cannot be made planned."]
    quarter.refresh_from_db()
    assert quarter.status == Quarter.Status.OPEN and quarter.history.count() == 1
