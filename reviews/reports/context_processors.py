"""The committee reports waiting for the signed-in person, for the home page.

A context processor because the home page belongs to perfmgmt, which cannot read
reviews. The list is lazy: it is worked out only on a page that shows it.
"""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from reviews.reports.selectors import tasks_for


def report_tasks(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"report_tasks": SimpleLazyObject(lambda: tasks_for(user, timezone.localdate()))}
