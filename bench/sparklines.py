"""Why scorecard sparklines are drawn by hand: leather against perfmgmt.charts.sparkline.

Run: DEBUG=true .venv/bin/python bench/sparklines.py
Measured on the project's 2-core machine: leather 6 to 12 ms a chart (1.3 to 2.5 s for a
200-row scorecard, and it always draws axes); the hand-drawn line about 30 µs.
"""

import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfmgmt.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

import leather  # noqa: E402

from perfmgmt.charts import sparkline  # noqa: E402

VALUES = [Decimal(v) for v in ("4", "5", "5", "6", "5", "6", "7", "8")]
ROWS = 200


def with_leather():
    chart = leather.Chart()
    chart.add_line([(i, float(v)) for i, v in enumerate(VALUES, 1)])
    return chart.to_svg(width=96, height=24)


for name, draw in [("leather", with_leather), ("hand-drawn", lambda: sparkline(VALUES, "trend"))]:
    start = time.perf_counter()
    for _ in range(ROWS):
        draw()
    elapsed = time.perf_counter() - start
    print(f"{name:>11}: {elapsed * 1000:8.1f} ms for {ROWS} rows ({elapsed / ROWS * 1e6:8.1f} µs a row)")
