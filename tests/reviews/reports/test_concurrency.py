"""Two clerks publish the same signed report at the same moment, on PostgreSQL as in
production: one version is published, and the other clerk is told why not."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from perfmgmt.roles import Role
from reviews.models import ReportVersion
from reviews.reports import publication
from tests.conftest import require_postgresql
from tests.factories import UserFactory
from tests.reviews.conftest import through_clearance


@pytest.mark.django_db(transaction=True)
def test_simultaneous_publication_makes_exactly_one_version(org, report):
    require_postgresql()
    through_clearance(org, report)
    clerks = [org.clerk, UserFactory(username="second-clerk", roles=[Role.COMMITTEE_CLERK])]
    start = threading.Barrier(2)
    outcomes = []

    def publish(clerk):
        try:
            start.wait(timeout=10)
            version = publication.publish_now(report=report, by=clerk)
            outcomes.append(("published", version.number))
        except ValidationError as error:
            outcomes.append(("refused", " ".join(error.messages)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(clerk,)) for clerk in clerks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(kind for kind, _ in outcomes) == ["published", "refused"]
    assert ("published", 1) in outcomes
    assert any("signed" in message for kind, message in outcomes if kind == "refused")
    assert ReportVersion.objects.filter(report=report).count() == 1
