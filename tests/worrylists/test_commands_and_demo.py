from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from perfmgmt.models import Quarter
from tests.factories import SubmittedWorryListFactory
from worrylists.models import Worry, WorryList
from worrylists.selectors import tracker

pytestmark = pytest.mark.django_db


@pytest.fixture
def deadline(org):
    quarter = Quarter.objects.get()
    quarter.worry_list_deadline = date(2012, 1, 13)
    quarter.save()
    return quarter


def run(*args):
    out = StringIO()
    call_command("send_worry_list_reminders", *args, stdout=out)
    return out.getvalue()


def test_the_scheduler_command_reminds_only_in_the_days_before_the_deadline(
    org, deadline, time_machine_date, django_capture_on_commit_callbacks
):
    SubmittedWorryListFactory(service=org.other_service, quarter=deadline)
    time_machine_date(date(2012, 1, 1))
    assert "no reminders today" in run()
    time_machine_date(date(2012, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        out = run()
    assert "Reminded: Education Standards" in out and "1 reminders sent" in out
    assert [message.to for message in mail.outbox] == [[org.head.email]]
    time_machine_date(date(2012, 1, 14))
    assert "no reminders today" in run()
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 reminders sent" in run("--now")


@pytest.mark.usefixtures("pdfs_once")
def test_demo_worry_lists_follow_the_report_and_load_idempotently():
    call_command("load_demo", password="demo-password-3", force=True, stdout=StringIO())
    counts = (WorryList.history.count(), Worry.history.count())
    call_command("load_demo", password="demo-password-3", force=True, stdout=StringIO())
    assert (WorryList.history.count(), Worry.history.count()) == counts

    titles = set(Worry.objects.filter(worry_list__quarter__number=3).values_list("title", flat=True))
    for expected in [
        "Tackling worklessness in younger people",
        "Active lifestyles",
        "Educational attainment at Key Stage 4",
        "Deployment of skills across the organisation",
        "Customer focus",
        "Evidence-basing",
        "Improving efficiency and effectiveness",
    ]:
        assert expected in titles
    carried = Worry.objects.get(title__startswith="Children's social care")
    assert carried.carried_from.worry_list.quarter.label == "Q2 2011/12" and carried.quarters_open == 2
    q3 = Quarter.objects.get(financial_year__start_year=2011, number=3)
    late = [row.service.name for row in tracker(q3, today=date(2026, 11, 28)) if row.late]
    assert late == ["Housing and Property"]
