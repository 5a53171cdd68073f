"""The only place that calls WeasyPrint: HTML from the app's own templates to a tagged,
accessible A4 PDF.

User text reaches these templates. It is escaped as HTML, but a renderer that followed
any URL in the document could still be steered (an <img src="file://..."> in a pasted
note, were it ever unescaped, or a url() in a stylesheet). So the fetcher serves the
app's own static files from disk and refuses everything else: no file:, no network.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered as if served from here, so that /static/ links resolve to URLs
# this fetcher recognises. The .invalid domain can never resolve.
BASE_URL = "https://perfmgmt.invalid/"


class StaticFilesOnly(URLFetcher):
    """Serves /static/ files from the app's static directories; refuses every other URL
    and remembers what it refused."""

    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{parts.scheme}://{parts.netloc}/" == BASE_URL and parts.path.startswith(prefix):
            relative = unquote(parts.path[len(prefix) :])
            found = finders.find(relative) if ".." not in Path(relative).parts else None
            if found:
                self.served.append(url)
                mime, _ = mimetypes.guess_type(found)
                return URLFetcherResponse(
                    url, body=Path(found).read_bytes(), headers={"Content-Type": mime or "application/octet-stream"}
                )
        self.refused.append(url)
        raise ValueError(f"Refused to fetch {url!r}: only the app's static files are available.")


def render_pdf(html: str, fetcher: StaticFilesOnly | None = None) -> bytes:
    """A4, tagged PDF/UA-1; title, author and language come from the HTML's <title>,
    <meta name="author"> and lang attribute."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or StaticFilesOnly()).write_pdf(
        pdf_variant="pdf/ua-1"
    )
