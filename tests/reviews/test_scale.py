"""`manage.py load_scale`: a generated council at a chosen size, the same for the same seed,
with figures entered by the heads of service as the product records them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from perfmgmt.models import Measure, MeasureFigure, Quarter, Service
from reviews.demo.scale import Size, figures
from reviews.models import Action, BoardSession, Outcome
from worrylists.models import Worry

pytestmark = pytest.mark.django_db


def test_the_same_seed_makes_the_same_figures_and_another_seed_others():
    size = Size.times(0.1)
    assert figures(5, size, 3) == figures(5, size, 3)
    assert figures(5, size, 3) != figures(6, size, 3)
    assert Size.times(10) == Size(directorates=30, groupings=30, services=300, measures=200, worries=22)


def test_load_scale_adds_a_council_of_the_size_asked_for(org):
    quarter = Quarter.objects.get()
    out = StringIO()
    call_command("load_scale", times=0.1, seed=9, quarter=quarter.pk, stdout=out)
    services = Service.objects.filter(name__startswith="S9 service")
    assert services.count() == 3
    measures = Measure.objects.filter(plan__service__in=services)
    assert measures.count() == 600
    entered = MeasureFigure.objects.filter(measure__in=measures)
    assert entered.count() == 600 and not entered.filter(entered_by__isnull=True).exists()
    assert all(not figure.entered_by.has_usable_password() for figure in entered.select_related("entered_by")[:5])
    assert Worry.objects.filter(worry_list__service__in=services, worry_list__status="submitted").count() == 66
    session = BoardSession.objects.get(grouping__services__in=services[:1])
    assert session.status == BoardSession.Status.HELD and session.agenda.count() == 66
    assert Outcome.objects.filter(item__session=session, report_to_committee=True).count() == 2
    actions = Action.objects.filter(outcome__item__session=session)
    assert actions.count() == 50 and {action.owner.username for action in actions} == {
        "s9-head-1",
        "s9-head-2",
        "s9-head-3",
    }
    annex = session.annex
    assert (
        annex.is_ready and annex.measures.count() == 15 and annex.indicators.count() == 3 and annex.notes.count() == 3
    )
    assert "600 measures" in out.getvalue() and "50 actions" in out.getvalue()
    with pytest.raises(CommandError, match="seed 9 is already loaded"):
        call_command("load_scale", times=0.1, seed=9, quarter=quarter.pk, stdout=StringIO())


def test_every_main_page_takes_the_same_queries_with_a_generated_council_four_times_larger(client, org):
    """load_scale writes figures as the product records them (who entered each, and when),
    so a page that fetched them one by one would show it here."""
    quarter = Quarter.objects.get()
    client.force_login(org.strategy_officer)

    def counts():
        session = BoardSession.objects.filter(annex__isnull=False).order_by("-pk").first()
        of_quarter = f"?quarter={quarter.pk}"
        pages = {
            "home": reverse("home"),
            "scorecard": reverse("plans:scorecard") + of_quarter,
            "action plan": reverse("board:action_plan"),
            "tracker": reverse("worrylists:worry_list_tracker") + of_quarter,
            "worry lists": reverse("worrylists:worry_list_index") + of_quarter,
            "sessions": reverse("board:session_list") + of_quarter,
            "annex": reverse("annexes:annex_detail", args=[session.pk]),
            "session pack": reverse("annexes:session_pack", args=[session.pk]),
        }
        result = {}
        for name, url in pages.items():
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result[name] = len(queries)
        return result

    call_command("load_scale", times=0.05, seed=1, quarter=quarter.pk, stdout=StringIO())
    small = counts()
    # Four times the size: six services to a grouping, so the newest annex and pack are larger too.
    call_command("load_scale", times=0.2, seed=2, quarter=quarter.pk, stdout=StringIO())
    assert counts() == small
