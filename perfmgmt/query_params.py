"""Reading numbers from a page's query string, where anyone can type anything."""

from django.http import Http404


def whole_number(text: str | None) -> int | None:
    """The number in a query parameter, None when it is absent; a 404 when it is not a
    plain whole number (so '²' or '1e3' cannot reach int() and fail as a server error)."""
    if not text:
        return None
    if not (text.isascii() and text.isdecimal()):
        raise Http404("Not a valid number")
    return int(text)
