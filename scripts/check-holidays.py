#!/usr/bin/env python3
"""Holds flowcut's built-in calendar of Vietnam against python-holidays.

python-holidays (the `holidays` package on PyPI) keeps Vietnam's public
holidays from the government's yearly notices: the lunar dates of Tết and
Giỗ Tổ, the days moved off a weekend, and the days swapped against a
Saturday worked ("Day off (substituted from MM/DD/YYYY)"). For every year
the calendar lists, the working days it takes off must be the ones
python-holidays has, and its weekend days worked the Saturdays named there.

    python3 scripts/check-holidays.py [path/to/flowcut]

Needs `pip install holidays==0.109` (CI installs it).
"""
import datetime as dt
import re
import subprocess
import sys

import holidays

flowcut = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/flowcut"
text = subprocess.run([flowcut, "calendar"], check=True, capture_output=True, text=True).stdout

off, worked, years = set(), set(), None
for line in text.splitlines():
    words = line.split("#", 1)[0].split()
    if not words:
        continue
    if words[0] == "years":
        a, b = words[1].split("..")
        years = range(int(a), int(b) + 1)
    elif words[0] in ("off", "work"):
        ends = words[1].split("..")
        first = dt.date.fromisoformat(ends[0])
        last = dt.date.fromisoformat(ends[-1])
        day = first
        while day <= last:
            (off if words[0] == "off" else worked).add(day)
            day += dt.timedelta(days=1)

theirs_off, theirs_worked = set(), set()
for year in years:
    for day, name in holidays.Vietnam(years=year).items():
        theirs_off.add(day)
        m = re.search(r"substituted from (\d\d)/(\d\d)/(\d{4})", name)
        if m:
            theirs_worked.add(dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2))))

# Weekends inside a Tết break are listed or not; only working days count.
ours_off = {d for d in off if d.weekday() < 5}
theirs_off = {d for d in theirs_off if d.weekday() < 5}
problems = []
for d in sorted(ours_off - theirs_off):
    problems.append(f"{d}: off in flowcut's calendar, a working day in python-holidays")
for d in sorted(theirs_off - ours_off):
    problems.append(f"{d}: a holiday in python-holidays, a working day in flowcut's calendar")
for d in sorted(worked ^ theirs_worked):
    problems.append(f"{d}: a weekend day worked in one and not the other")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"check-holidays: {len(years)} years ({years[0]}–{years[-1]}), {len(ours_off)} weekdays off and {len(worked)} weekend days worked agree with python-holidays {holidays.__version__}")
