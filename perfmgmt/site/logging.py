"""Logging for the site: a refused request is an everyday event, not an error."""

import logging


class OneLineRefusals(logging.Filter):
    """A 403 or 404 (someone following an old link, or trying a page their role does not
    have) is logged as its one line, without the traceback of the PermissionDenied or
    Http404 behind it. Server errors keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
