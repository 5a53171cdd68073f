"""The product's URLs and one more for the benchmark: a bare template of a chosen size,
rendered by the same Django through the same middleware, against which each page's
server time is compared (bench/run.py)."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

BARE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="en-GB"><head><title>Bare</title></head><body><table>'
    "{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td><td>{{ row.2 }}</td></tr>{% endfor %}"
    "</table></body></html>"
)
ROW = ("A measure of how the council is doing this quarter", "47.5%", "Amber: below target")


def _row_bytes() -> float:
    empty = len(BARE.render({"rows": []}))
    return (len(BARE.render({"rows": [ROW] * 100})) - empty) / 100


ROW_BYTES = _row_bytes()


def bare(request, size: int):
    """A page of about `size` bytes: a loop of table rows, three variables each."""
    return HttpResponse(BARE.render({"rows": [ROW] * max(1, round(size / ROW_BYTES))}, request))


urlpatterns = [path("bench/bare/<int:size>/", bare), path("", include("perfmgmt.urls"))]
