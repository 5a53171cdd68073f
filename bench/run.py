"""`make bench`: every main page, the PDFs and throughput, at the demo's size and at ten
times a real council, against the budgets of issue 13. Prints a table, writes
var/bench/results.json and exits 1 when a budget is broken.

On a PostgreSQL database of its own (BENCH_DATABASE_URL, by default perfmgmt_bench on
127.0.0.1, dropped and made afresh), with production settings (DEBUG off):
1. pages, as the Strategy Unit (who sees everything): the median and 95th percentile of
   the server's time over RUNS requests through the whole middleware, the SQL queries
   and the HTML size, against the same Django rendering a bare template of the same
   size (bench/bare_urls.py);
2. the demo committee report's PDF through the product's renderer (a process of its
   own, with its limits) against WeasyPrint alone on the same HTML, and the peak memory
   of each in a fresh process;
3. `manage.py load_scale --times 10` into the demo's Board quarter (Q3 2011/12), then
   the pages again;
4. the committee pack of a report started at that size (30 annexes): built, then
   rendered by the renderer in a process of its own while the home page is asked for
   through gunicorn, to show the web workers stay responsive;
5. throughput of three main pages under gunicorn (2 workers, as the README deploys it)
   with CLIENTS concurrent clients on loopback.

Budgets: every page's query count is the same at both sizes; at scale each page's median
is within 3 times the bare template's and no page sends more than 500 KB; the demo
report PDF renders in under 1 s median; the pack at scale renders in under 60 s with a
peak under 1 GiB; the home page's median while it renders is at most twice its median
at rest.
"""

import argparse
import http.client
import io
import json
import os
import resource
import statistics
import subprocess  # the bench starts the product's own commands and servers  # nosec B404
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/perfmgmt_bench")
PASSWORD = "bench-password-not-for-use"  # for a database the bench makes and drops  # nosec B105
ENV = {
    "DATABASE_URL": DATABASE,
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
    "TASK_BACKEND": "database",
    "DJANGO_SETTINGS_MODULE": "perfmgmt.settings",
}
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
CLIENTS = 8
THROUGHPUT_SECONDS = 10
PORT = 8765
RESULTS = ROOT / "var" / "bench" / "results.json"

BUDGET_RATIO = 3
BUDGET_HTML_KB = 500
BUDGET_DEMO_PDF_SECONDS = 1
BUDGET_PACK_SECONDS = 60
BUDGET_PACK_PEAK_MB = 1024
BUDGET_UNDER_LOAD = 2


def manage(*args: str) -> None:
    command = [sys.executable, "manage.py", *args]  # the product's own commands, with the bench's arguments
    subprocess.run(command, cwd=ROOT, env={**os.environ, **ENV}, check=True)  # nosec B603


def fresh_database() -> None:
    import psycopg2

    name = DATABASE.rsplit("/", 1)[1]
    server = psycopg2.connect(DATABASE.rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    server.close()


def summary(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000, 1),
    }


# -- 1 and 3: pages ------------------------------------------------------------------


def board_quarter():
    """Q3 2011/12: the quarter the demo's Board met in and its report is for, and where
    the bench adds the ten-times council, so that both sizes have the same kinds of data."""
    from perfmgmt.models import Quarter

    return Quarter.objects.get(financial_year__start_year=2011, number=3)


def pages() -> dict[str, str]:
    """The main pages, as the Strategy Unit opens them for that quarter: each list at
    its first page."""
    from django.urls import reverse

    from reviews.models import BoardSession, CommitteeReport

    quarter = board_quarter()
    session = BoardSession.objects.filter(quarter=quarter, annex__isnull=False).order_by("-pk").first()
    report = CommitteeReport.objects.filter(status=CommitteeReport.Status.PUBLISHED).order_by("pk").first()
    of_quarter = f"?quarter={quarter.pk}"
    return {
        "home": reverse("home"),
        "scorecard": reverse("plans:scorecard") + of_quarter,
        "action plan": reverse("board:action_plan"),
        "worry list tracker": reverse("worrylists:worry_list_tracker") + of_quarter,
        "worry lists": reverse("worrylists:worry_list_index") + of_quarter,
        "services": reverse("plans:service_list"),
        "business plans": reverse("plans:plan_list"),
        "benchmark indicators": reverse("benchmarks:benchmark_list"),
        "board sessions": reverse("board:session_list") + of_quarter,
        "annex": reverse("annexes:annex_detail", args=[session.pk]),
        "session pack": reverse("annexes:session_pack", args=[session.pk]),
        "committee reports": reverse("reports:report_list"),
        "committee report": reverse("reports:report_detail", args=[report.pk]),
    }


def timed(client, url: str) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    count = len(queries)  # now: the next request empties the connection's log that it reads
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(url)
        seconds.append(time.perf_counter() - start)
    return seconds, count, len(response.content)


def measure_pages(client) -> dict[str, dict]:
    out = {}
    for name, url in pages().items():
        seconds, queries, size = timed(client, url)
        bare_seconds, _, _ = timed(client, f"/bench/bare/{size}/")
        page, bare = summary(seconds), summary(bare_seconds)
        out[name] = {
            **page,
            "queries": queries,
            "html_kb": round(size / 1024, 1),
            "bare_median_ms": bare["median_ms"],
            "ratio": round(page["median_ms"] / bare["median_ms"], 1),
        }
        print(f"  {name}: {out[name]}", flush=True)
    return out


# -- 2 and 4: PDFs -----------------------------------------------------------------------


def render_in_fresh_process(html: str, *, alone: bool) -> dict:
    """One render in a new Python, which then reports its own peak memory."""
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as file:
        file.write(html)
    mode = "--weasyprint-alone" if alone else "--renderer"
    done = subprocess.run(  # this script again, on a file it has just written  # nosec B603
        [sys.executable, __file__, mode, file.name],
        cwd=ROOT,
        env={**os.environ, **ENV},
        check=True,
        capture_output=True,
        text=True,
    )
    os.unlink(file.name)
    return json.loads(done.stdout.strip().splitlines()[-1])


def render_one(path: str, *, alone: bool) -> None:
    """In the fresh process: render, and print seconds, pages and peak memory as JSON."""
    import django

    django.setup()
    from pypdf import PdfReader
    from weasyprint import HTML

    from reviews import pdf

    html = Path(path).read_text()
    start = time.perf_counter()
    if alone:
        content = HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticFilesOnly()).write_pdf()
    else:
        content, _, _ = pdf.render_here(html, None)
    seconds = time.perf_counter() - start
    pages = len(PdfReader(io.BytesIO(content)).pages)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "pages": pages, "peak_mb": round(peak)}))


def demo_report_pdf() -> dict:
    from weasyprint import HTML

    from reviews import pdf
    from reviews.models import CommitteeReport
    from reviews.reports import files as report_files
    from reviews.reports.selectors import report_document

    report = CommitteeReport.objects.filter(status=CommitteeReport.Status.PUBLISHED).order_by("pk").first()
    html = report_files.report_html(report_document(report))
    product, alone = [], []
    for _ in range(5):
        start = time.perf_counter()
        pdf.render_pdf(html)
        product.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=pdf.StaticFilesOnly()).write_pdf()
        alone.append(time.perf_counter() - start)
    once = render_in_fresh_process(html, alone=False)
    bare = render_in_fresh_process(html, alone=True)
    median = statistics.median(product)
    return {
        "html_characters": len(html),
        "pages": once["pages"],
        "median_seconds": round(median, 2),
        "pages_per_second": round(once["pages"] / median, 1),
        "weasyprint_alone_median_seconds": round(statistics.median(alone), 2),
        "peak_mb": once["peak_mb"],
        "weasyprint_alone_peak_mb": bare["peak_mb"],
    }


def scale_pack_html() -> tuple[str, dict]:
    """The committee pack of a report started for the quarter at scale."""
    from perfmgmt.models import User
    from reviews.models import ReportAppendix
    from reviews.reports import drafting
    from reviews.reports import files as report_files
    from reviews.reports.selectors import report_document

    officer = User.objects.get(username="strategy.officer")
    report = drafting.start_report(
        by=officer,
        quarter=board_quarter(),
        committee="Scrutiny Management Panel",
        meeting_date=date(2012, 6, 8),
        subject="Performance Management Update (at ten times a council)",
        report_by="Head of Audit and Performance Improvement",
        author=User.objects.get(username="jon.bell"),
    )
    start = time.perf_counter()
    document = report_document(report, with_appendix_contents=True)
    html = report_files.pack_html(document, with_exempt=False)
    built = time.perf_counter() - start
    annexes = sum(1 for a in document.appendices if a.appendix.kind == ReportAppendix.Kind.ANNEX)
    return html, {"annexes": annexes, "html_characters": len(html), "build_seconds": round(built, 2)}


# -- 4 and 5: under gunicorn -------------------------------------------------------------


class Gunicorn:
    def __init__(self):
        self.process = subprocess.Popen(  # the product's own gunicorn, arguments fixed here  # nosec B603
            [str(Path(sys.executable).with_name("gunicorn")), "perfmgmt.wsgi", "-w", "2", "-b", f"127.0.0.1:{PORT}"]
            + ["--timeout", "30", "--log-level", "warning"],
            cwd=ROOT,
            env={**os.environ, **ENV},
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get("/health/", "")
                return
            except (OSError, RuntimeError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def get(path: str, cookie: str) -> float:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    connection.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return time.perf_counter() - start


def throughput(path: str, cookie: str) -> dict:
    seconds: list[float] = []
    stop = time.monotonic() + THROUGHPUT_SECONDS

    def client():
        while time.monotonic() < stop:
            seconds.append(get(path, cookie))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests_per_second": round(len(seconds) / (time.monotonic() - started), 1), **summary(seconds)}


def home_while_rendering(html: str, cookie: str) -> tuple[dict, dict, dict]:
    """The home page at rest, then while the pack renders in a process of its own."""
    at_rest = [get("/", cookie) for _ in range(RUNS)]
    result: dict = {}

    def render():
        result.update(render_in_fresh_process(html, alone=False))

    rendering = threading.Thread(target=render)
    rendering.start()
    time.sleep(2)  # past the renderer's start-up, into the render itself
    under_load = []
    while rendering.is_alive():
        under_load.append(get("/", cookie))
        time.sleep(0.2)
    rendering.join()
    return summary(at_rest), summary(under_load or at_rest), result


# -- the run -----------------------------------------------------------------------------


def broken(results: dict) -> list[str]:
    out = []
    demo, scale = results["pages"]["demo"], results["pages"]["scale"]
    for name, page in scale.items():
        if page["queries"] != demo[name]["queries"]:
            out.append(f"{name}: {demo[name]['queries']} queries at demo size, {page['queries']} at scale")
        if page["ratio"] > BUDGET_RATIO:
            out.append(f"{name}: {page['ratio']} times the bare template at scale (budget {BUDGET_RATIO})")
        if page["html_kb"] > BUDGET_HTML_KB:
            out.append(f"{name}: {page['html_kb']} KB of HTML at scale (budget {BUDGET_HTML_KB})")
    if results["demo_report_pdf"]["median_seconds"] >= BUDGET_DEMO_PDF_SECONDS:
        out.append(f"demo report PDF: {results['demo_report_pdf']['median_seconds']} s")
    pack = results["scale_pack_pdf"]
    if pack["seconds"] >= BUDGET_PACK_SECONDS:
        out.append(f"committee pack at scale: {pack['seconds']} s (budget {BUDGET_PACK_SECONDS})")
    if pack["peak_mb"] >= BUDGET_PACK_PEAK_MB:
        out.append(f"committee pack at scale: peak {pack['peak_mb']} MB (budget {BUDGET_PACK_PEAK_MB})")
    home = results["home_while_rendering"]
    if home["under_load"]["median_ms"] > BUDGET_UNDER_LOAD * home["at_rest"]["median_ms"]:
        out.append(f"home page while the pack renders: {home['under_load']['median_ms']} ms median")
    return out


def table(results: dict) -> str:
    demo, scale = results["pages"]["demo"], results["pages"]["scale"]
    lines = [
        "| page | queries (demo / 10x) | median ms (demo / 10x) | p95 ms at 10x | bare ms at 10x | ratio at 10x"
        " | HTML KB at 10x |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, page in scale.items():
        lines.append(
            f"| {name} | {demo[name]['queries']} / {page['queries']} | {demo[name]['median_ms']} / "
            f"{page['median_ms']} | {page['p95_ms']} | {page['bare_median_ms']} | {page['ratio']} | {page['html_kb']} |"
        )
    report, pack, home = results["demo_report_pdf"], results["scale_pack_pdf"], results["home_while_rendering"]
    lines += [
        "",
        "| PDF | HTML characters | pages | seconds | pages a second | WeasyPrint alone, s | peak MB"
        " | WeasyPrint alone, peak MB |",
        "|---|---|---|---|---|---|---|---|",
        f"| demo committee report (median of 5) | {report['html_characters']:,} | {report['pages']} |"
        f" {report['median_seconds']} | {report['pages_per_second']} | {report['weasyprint_alone_median_seconds']} |"
        f" {report['peak_mb']} | {report['weasyprint_alone_peak_mb']} |",
        f"| committee pack at 10x ({pack['annexes']} annexes) | {pack['html_characters']:,} | {pack['pages']} |"
        f" {pack['seconds']} | {round(pack['pages'] / pack['seconds'], 1)} | {pack['weasyprint_alone_seconds']} |"
        f" {pack['peak_mb']} | {pack['weasyprint_alone_peak_mb']} |",
        "",
        f"Home page median {home['at_rest']['median_ms']} ms at rest, {home['under_load']['median_ms']} ms while"
        " the pack renders.",
        "",
        f"| under gunicorn, {CLIENTS} clients, 10x | requests a second | median ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for name, row in results["throughput"].items():
        lines.append(f"| {name} | {row['requests_per_second']} | {row['median_ms']} | {row['p95_ms']} |")
    return "\n".join(lines)


def main() -> int:
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    print(f"== a fresh database: {DATABASE}", flush=True)
    fresh_database()
    manage("migrate", "--no-input", "-v", "0")
    manage("collectstatic", "--no-input", "-v", "0")
    manage("load_demo", "--password", PASSWORD, "--force")  # a database the bench has just made

    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bare_urls"
    from django.db import connection
    from django.test import Client

    from perfmgmt.models import User

    client = Client()
    officer = User.objects.get(username="strategy.officer")
    client.force_login(officer)
    results: dict = {"machine": machine(), "runs": RUNS, "pages": {}}

    print("== pages at the demo's size", flush=True)
    results["pages"]["demo"] = measure_pages(client)
    print("== the demo committee report's PDF", flush=True)
    results["demo_report_pdf"] = demo_report_pdf()
    print(f"  {results['demo_report_pdf']}", flush=True)

    print("== load_scale --times 10", flush=True)
    start = time.perf_counter()
    connection.close()
    manage("load_scale", "--times", "10", "--seed", "1", "--quarter", str(board_quarter().pk))
    results["load_scale_seconds"] = round(time.perf_counter() - start, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would, soon after a load this size
    print("== pages at ten times a council", flush=True)
    results["pages"]["scale"] = measure_pages(client)

    print("== the committee pack at ten times a council", flush=True)
    html, pack = scale_pack_html()
    print(f"  built: {pack}", flush=True)
    alone = render_in_fresh_process(html, alone=True)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    connection.close()
    server = Gunicorn()
    try:
        at_rest, under_load, rendered = home_while_rendering(html, cookie)
        results["scale_pack_pdf"] = {
            **pack,
            **rendered,
            "weasyprint_alone_seconds": alone["seconds"],
            "weasyprint_alone_peak_mb": alone["peak_mb"],
        }
        results["home_while_rendering"] = {"at_rest": at_rest, "under_load": under_load}
        print(f"  {results['scale_pack_pdf']}\n  home: {results['home_while_rendering']}", flush=True)
        print(f"== throughput under gunicorn, {CLIENTS} clients", flush=True)
        results["throughput"] = {
            name: throughput(path, cookie)
            for name, path in [("home", "/"), ("scorecard", pages()["scorecard"]), ("action plan", "/actions/")]
        }
    finally:
        server.stop()

    problems = broken(results)
    results["budgets_broken"] = problems
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print("\n" + table(results) + "\n")
    print(f"Written to {RESULTS.relative_to(ROOT)}.")
    if problems:
        print("Budgets broken:\n- " + "\n- ".join(problems))
        return 1
    print("Every budget is met.")
    return 0


def machine() -> str:
    cpus = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpus} cores, {memory:.1f} GiB, Python {sys.version.split()[0]}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--renderer", metavar="HTML", help=argparse.SUPPRESS)
    parser.add_argument("--weasyprint-alone", metavar="HTML", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.renderer or arguments.weasyprint_alone:
        os.environ.update(ENV)
        sys.path.insert(0, str(ROOT))
        render_one(arguments.renderer or arguments.weasyprint_alone, alone=bool(arguments.weasyprint_alone))
    else:
        sys.exit(main())
