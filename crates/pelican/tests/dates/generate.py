"""Builds dates.json: date strings and what the real `pelican.utils.get_date` makes of them.

Run with the oracle's Python (Pelican 4.12.0, python-dateutil 4.0.0):

    $ORACLE_PYTHON crates/pelican/tests/dates/generate.py > crates/pelican/tests/dates/dates.json

"Now" is fixed so the table does not depend on the day it is generated: Pelican's
`SafeDatetime.now()` (the default that fills missing fields) and dateutil's current year
(which decides the century of 2-digit years) are patched, and the process runs with
TZ=UTC, so "UTC" is also the local zone name dateutil looks up.

Each row is `[text, result]`, where result is the `isoformat()` of the returned datetime,
or `"!ExceptionType: message"` when get_date raises, or `"!isoformat ExceptionType"`
when get_date returns a datetime whose `isoformat()` raises (a UTC offset of 24 hours or
more). The inputs are built combinatorially from the shapes real posts use, plus junk.
"""

import json
import os
import random
import sys
import time
import warnings

os.environ["TZ"] = "UTC"
time.tzset()
warnings.simplefilter("ignore")

import dateutil  # noqa: E402
import dateutil.parser._parser as dateutil_parser  # noqa: E402
import pelican  # noqa: E402
import pelican.utils  # noqa: E402

PINS = {"pelican": "4.12.0", "dateutil": "4.0.0"}
for name, module in [("pelican", pelican), ("dateutil", dateutil)]:
    if module.__version__ != PINS[name]:
        print(f"warning: {name} {module.__version__} is not the pinned {PINS[name]}",
              file=sys.stderr)

TODAYS = [(2025, 1, 31), (2026, 7, 15)]


def pin_today(year, month, day):
    def now(cls, tz=None):
        return cls(year, month, day, 13, 14, 15, 161718)

    pelican.utils.SafeDatetime.now = classmethod(now)
    info = dateutil_parser.DEFAULTPARSER.info
    info._year = year
    info._century = year // 100 * 100


def outcome(text):
    try:
        value = pelican.utils.get_date(text)
    except Exception as e:  # noqa: BLE001 - every kind is recorded
        return f"!{type(e).__name__}: {e}"
    try:
        return value.isoformat()
    except Exception as e:  # noqa: BLE001
        return f"!isoformat {type(e).__name__}"


MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def month_forms(m, rng):
    full = MONTHS[m - 1]
    forms = [full, full[:3], full.lower(), full.upper(), full[:3].lower(), full[:3] + "."]
    if m == 9:
        forms.append("Sept")
    return forms


def numeric_dates(rng):
    out = []
    for y, m, d in [(2011, 6, 11), (2012, 1, 21), (2012, 4, 30), (2014, 3, 5),
                    (2020, 2, 29), (2021, 2, 29), (2019, 12, 31), (2013, 13, 1),
                    (2013, 4, 31), (2000, 1, 1), (1999, 11, 7), (2024, 10, 10)]:
        for sep in ["-", "/", ".", " ", ", ", ","]:
            for yy in [f"{y:04d}", f"{y % 100:02d}"]:
                for order in ["ymd", "dmy", "mdy", "ydm"]:
                    parts = {"y": yy, "m": f"{m:02d}", "d": f"{d:02d}"}
                    out.append(sep.join(parts[k] for k in order))
                    parts = {"y": yy, "m": str(m), "d": str(d)}
                    out.append(sep.join(parts[k] for k in order))
    return out


def named_dates(rng):
    out = []
    for m in [1, 3, 5, 9, 12, 2]:
        for form in month_forms(m, rng):
            for d in [5, 31, 29]:
                for y in ["2014", "14", "2020"]:
                    out += [f"{form} {d}, {y}", f"{d} {form} {y}", f"{form} {d} {y}",
                            f"{y}-{form}-{d}", f"{d}-{form}-{y}", f"{form}-{d}-{y}",
                            f"{d}/{form}/{y}", f"{form} {y}", f"{d} {form}",
                            f"{form} {d}{rng.choice(['st', 'nd', 'rd', 'th'])}, {y}",
                            f"{d}{form}{y}", f"{form}.{d}.{y}", f"{form} of {y}",
                            f"{y} {form} {d}", f"{form}, {d} {y}"]
    return out


def times(rng):
    out = []
    for t in ["10:00", "10:00:00", "23:59:59", "7:05", "10:00:05.5", "10:00:05.123456",
              "10:00:05.1234567", "24:00", "10:60", "10:00:60", "10:5", "1000", "100000",
              "10h", "10h30", "10h30m", "10 h 30 m", "10:30:45,250", "9.5h", "12.25m",
              "10 am", "10am", "10 PM", "12 am", "12 pm", "12:30 am", "11:59:59 p.m.",
              "10:00 a.m.", "13 pm", "0 am", "10:00 PM", "5 p", "5 a", "10:30.5",
              "10:00 AM PM", "am", "10:00:00.000001"]:
        for date in ["2014-03-05", "March 5, 2014", "05/03/2014", "20140305", "", "Mon"]:
            for glue in [" ", "T", " at ", ", ", "_"]:
                if date:
                    out.append(f"{date}{glue}{t}")
                    if glue == " ":
                        out.append(f"{t} {date}")
                else:
                    out.append(t)
    return out


def zones(rng):
    out = []
    for z in ["+02:00", "+0200", "+02", "-05:00", "-0500", "-5", "Z", "z", "UTC", "GMT",
              "utc", "EST", "CET", "PST", "BRST", "GMT+3", "UTC-2", "EST+5", "+00:00",
              "-00:00", "+05:45", "+14:00", "+23:59", "+24:00", "+99:00", "+05:99",
              "+123", "+12345", "-03:00 (BRST)", "-0300 (UTC)", "+1:30", "UTC +0300",
              "GMT -0500", "ABCDEF", "X", "+", "-", "+ab", "+02:", "(PST)", "+0530 GMT"]:
        for base in ["2015-05-06T10:00", "2015-05-06 10:00:00", "Mon, 4 Jan 2021 10:00",
                     "5 Mar 2014 10:00:00", "2015-05-06", "10:00"]:
            out.append(f"{base}{z}")
            out.append(f"{base} {z}")
    return out


def weekdays(rng):
    out = []
    for w in WEEKDAYS:
        for form in [w, w[:3], w.lower(), w[:3].upper(), w[:3] + "."]:
            out += [f"{form}, 4 Jan 2021 10:00", f"{form} 2021-01-04", f"{form}",
                    f"{form} 10:00", f"{form}, 04 January 2021", f"{form} Feb",
                    f"{form} Jan 2021", f"{form}, 2021-02"]
    return out


def compact(rng):
    out = []
    for s in ["20140305", "201403051000", "20140305100000", "20140305T1000",
              "20140305T100000", "20140305T100000.5", "140305", "140305 1000",
              "20140305 10", "2014030510", "20141305", "20140230", "20140305T10",
              "1403", "2014", "14", "201403", "2014030", "140305T100000",
              "20140305T235960", "00000101", "99991231", "99991231T235959",
              "0", "1", "31", "32", "100", "101", "999", "10000", "123456789"]:
        out.append(s)
    return out


def partial(rng):
    out = []
    for s in ["2014", "March", "March 2014", "2014-03", "03-2014", "3/14", "14/3",
              "31/12", "12/31", "2014 March", "Mar-2014", "Mar-05", "Mar-05-14",
              "Mar/05/2014", "Feb", "Feb 2024", "Feb 2023", "Feb 29", "Feb 30",
              "Apr 2026", "2014-02", "02/2024", "June 31", "5", "05", "31", "32",
              "5.5", "10.5 2014", "2014.5", "10,5", "March 5.5 2014", "2014 5 March",
              "the 5th of March 2014", "5th March 2014", "March 5th, 2014 at 10am",
              "on March 5, 2014", "March 5 and 2014", "2014 AD", "Sep.20.2009",
              "20.Sep.2009", "4:30:21.447", "Sept 9 2009", "1/2/3", "01/02/03",
              "13/02/03", "32/02/03", "1/13/03", "99/1/1", "1 2 3", "1-2-3-4",
              "2014-03-05-10", "10 2014", "50-01-01", "49-01-01", "75-01-01", "74-01-01",
              "76-01-01", "0-1-1", "00-01-01", "2014-3-5", "2014/3/5", "2014.3.5"]:
        out.append(s)
    return out


def junk(rng):
    out = ["", " ", "  ", "today", "now", "yesterday", "sometime last spring", "TBD",
           "2014-03-05 draft", "2014-03-05 foo", "foo 2014-03-05", "march fifth",
           "2014--03--05", "2014-03-05T", "T10:00", "2014-03-05 10:00:", ":", "-", "/",
           ".", ",", "'", "at", "on", "of", "t", "m", "th", "2014-03-05 ;", "2014;03;05",
           "2014'03'05", "2014_03_05", "2014-03-05__10:00", "inf", "nan", "Infinity",
           "2014-03-05 nan", "1e5", "0x10", "+2014-03-05", "2014-03-05 +", "10:00 +",
           "2014-03-05\t10:00", "2014-03-05\n10:00", "2014-03-05\x0010:00",
           "2014\u00a003\u00a005", "\u0662\u0660\u0661\u0664-03-05", "2014-03-05 é",
           "\uff12\uff10\uff11\uff14-\uff10\uff13-\uff10\uff15", "2014-03-0\u00b2",
           "\u2460 March 2014", "\u0968\u0966\u0967\u096a-\u0966\u0969-\u0966\u096b "
           "\u0967\u0966:\u0969\u0966", "10:30:0\u0665.\u0665", "March \u0665, 2014",
           "\U0001d7d0\U0001d7ce\U0001d7cf\U0001d7d2", "2014-03-05 \u00b9\u00b2:00",
           "Mär 2014", "März 5, 2014", "Janvier 2014", "2014-03-05 (draft)",
           "2014-03-05 10:00:00 +0000 (UTC)", "10:00:00 10:30", "10:00 11:00",
           "5 Mar 2014 10:00:00 GMT", "Jan Feb", "Mon Tue", "2014 2015", "10am 11am",
           "it's 2014", 'say "2014"', "2014\\03\\05", "2014-03-05 ¡", "\u200b2014",
           "1" * 30, "9" * 25 + ":00", "10:" + "5" * 25, "2014-03-05 10:00 +" + "1" * 20]
    alphabet = "0123456789:-/.,+ TZapmJanMarSepMon()_;'x\t"
    for _ in range(600):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))))
    pieces = ["2014", "03", "5", "-", "/", ".", " ", ",", "Mar", "Mon", "10", ":", "30",
              "am", "pm", "T", "Z", "+", "02", "UTC", "of", "th", "h", "m", "s", "EST",
              "12", "31", "99", "2", "0530"]
    for _ in range(1400):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))))
    return out


RICH_PIECES = [
    "2014", "03", "5", "-", "/", ".", " ", "  ", ",", "Mar", "March", "Mon", "Monday", "10",
    ":", "30", "45.5", "am", "pm", "a", "p", "T", "Z", "z", "+", "02", "UTC", "GMT", "of",
    "th", "st", "h", "m", "s", "hours", "EST", "CEST", "12", "31", "99", "2", "0530", "(",
    ")", "BRST", "at", "on", "and", "ad", "'", ";", "1.5", "0.25", "12,5", "20140305",
    "140305", "201403051030", "100", "101", "00", "0", "7", "13", "24", "60", "Sept", "sep.",
    "x", "\t", "1999", "49", "50", "51"]


def mixtures(rng):
    """Random strings of date pieces, kept when Pelican reads them, plus some it refuses:
    they reach the rarer paths (hms labels, zone names after offsets, "of")."""
    pin_today(*TODAYS[0])
    read, refused = [], []
    while len(read) < 2500 or len(refused) < 800:
        text = "".join(rng.choice(RICH_PIECES) for _ in range(rng.randint(1, 9)))
        kind = refused if outcome(text).startswith("!") else read
        if len(kind) < (2500 if kind is read else 800):
            kind.append(text)
    return read + refused


def generate():
    rng = random.Random(20260101)
    texts = []
    for family in [numeric_dates, named_dates, times, zones, weekdays, compact, partial,
                   junk, mixtures]:
        texts += family(rng)
    seen = set()
    unique = [t for t in texts if not (t in seen or seen.add(t))]
    groups = []
    for index, (year, month, day) in enumerate(TODAYS):
        pin_today(year, month, day)
        # The second "today" only needs the rows whose result can depend on it.
        # The second "today" only needs rows whose result can depend on it: partial dates,
        # 2-digit years, weekdays without a day, and a spread of the other short texts.
        if index == 0:
            chosen = unique
        else:
            short = [t for t in unique if len(t) < 12]
            wanted = set(partial(rng) + compact(rng) + short[::10])
            chosen = [t for t in unique if t in wanted]
        groups.append({"today": f"{year:04d}-{month:02d}-{day:02d}",
                       "rows": [[t, outcome(t)] for t in chosen]})
    return {
        "generator": "crates/pelican/tests/dates/generate.py",
        "pelican": pelican.__version__,
        "dateutil": dateutil.__version__,
        "groups": groups,
    }


if __name__ == "__main__":
    table = generate()
    groups = table.pop("groups")
    head = json.dumps(table, ensure_ascii=False)[:-1]
    sys.stdout.write(head + ', "groups": [\n')
    for g, group in enumerate(groups):
        sys.stdout.write(f'{{"today": "{group["today"]}", "rows": [\n')
        rows = [json.dumps(row, ensure_ascii=False) for row in group["rows"]]
        sys.stdout.write(",\n".join(rows))
        sys.stdout.write("\n]}" + (",\n" if g + 1 < len(groups) else "\n"))
    sys.stdout.write("]}\n")
