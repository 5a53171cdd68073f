"""Where PDFs are made: each document in a process of its own, forked from a server
process that has loaded Django and WeasyPrint once, so that a render can be held to a
time and a memory limit without touching the web or task worker that asked for it.

A render that runs past its time is killed; one that asks for more memory than its
limit gets a MemoryError (or is killed by the kernel) in its own process. Either way the
caller gets a clear error and carries on.
"""

import multiprocessing
import os
import resource

import django

django.setup()

import weasyprint  # noqa: E402, F401  (loaded once in the fork server, not per document)

_context = None


def context():
    """The fork server, started on first use in each process that makes PDFs."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([__name__])
    return _context


def _current_address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def run(connection, memory_limit: int, html: str, inserts: dict[str, bytes] | None) -> None:
    """In the child: render, and send back ("ok", pdf, served, refused), ("memory",) or
    ("error", message)."""
    from reviews import pdf

    # The limit is on memory beyond what the process already maps (Python, Django,
    # WeasyPrint and their libraries), so it means the same on every machine.
    ceiling = _current_address_space() + memory_limit
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    try:
        try:
            answer = ("ok", *pdf.render_here(html, inserts))
        except MemoryError:
            answer = ("memory",)
        except Exception as error:  # noqa: BLE001  (whatever failed is reported to the caller, who says so)
            answer = ("error", f"{type(error).__name__}: {error}")
        connection.send(answer)
    except MemoryError:
        os._exit(3)  # no memory left even to answer: the caller reads the silence as that
