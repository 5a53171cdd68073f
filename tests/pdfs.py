"""Rendering each distinct document once per test process, for tests that make the same
PDFs again and again (loading the demo, walking every view in every status)."""

from contextlib import contextmanager
from itertools import count

import pytest

from perfmgmt import charts
from reviews import pdf

_RENDERED: dict[str, bytes] = {}


@contextmanager
def pdfs_rendered_once():
    """Inside this block each distinct HTML is rendered once per test process (seconds a
    file): the bytes are WeasyPrint's own, from the first render. Chart ids count from 1,
    as they do in a fresh process, so the same data makes the same HTML. A render with a
    fetcher of the caller's own, or with uploaded pages, always runs, so tests can watch what it fetches."""
    render = pdf.render_pdf

    def render_once(html, fetcher=None, *, inserts=None, seconds=None):
        if fetcher is not None or inserts:
            return render(html, fetcher, inserts=inserts, seconds=seconds)
        if html not in _RENDERED:
            _RENDERED[html] = render(html, seconds=seconds)
        return _RENDERED[html]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "render_pdf", render_once)
        patch.setattr(charts, "_ids", count(1))
        yield
