#!/usr/bin/python3
"""unicode_roundtrip.py MESO DIR: unicode names and a 300-character note, with
the characters TEXT escapes (\\ ; , newline), go through `meso compile` and
come out of Python's icalendar exactly as written."""
import pathlib
import subprocess
import sys

import icalendar

meso, tmp = sys.argv[1], pathlib.Path(sys.argv[2])
name = 'Frühjahr – Kraft & Ausdauer; Block "A", 加圧'
note = ""
while len(note) < 300:
    note += "Knie über Zehen; Rücken gerade, 💪 \\ ok\n"


def quoted(text):
    """A string literal of the meso language."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


(tmp / "unicode.meso").write_text(f"""athlete "Zoë Ō'Brien" {{
  max squat 100 kg
}}
program {quoted(name)} for "Zoë Ō'Brien" {{
  start 2027-01-04
  timezone Europe/Berlin
  1 week "Kaatsu — 加圧" {{
    days mon
    squat 5x5 @ 75%
    note {quoted(note)}
  }}
}}
""", encoding="utf-8")
run = subprocess.run([meso, "compile", str(tmp / "unicode.meso")], capture_output=True)
if run.returncode != 0:
    sys.exit(f"meso compile failed: {run.stderr.decode()}")
ics = run.stdout
calendar = icalendar.Calendar.from_ical(ics)
events = calendar.walk("VEVENT")
problems = []
if len(events) != 1:
    problems.append(f"{len(events)} events, expected 1")
if str(calendar.get("X-WR-CALNAME")) != name:
    problems.append(f"X-WR-CALNAME {calendar.get('X-WR-CALNAME')!r}")
if str(calendar.get("NAME")) != name:
    problems.append(f"NAME {calendar.get('NAME')!r}")
if events and str(events[0]["SUMMARY"]) != "Kaatsu — 加圧: squat":
    problems.append(f"SUMMARY {events[0]['SUMMARY']!r}")
if events and note.rstrip("\n") not in str(events[0]["DESCRIPTION"]):
    problems.append(f"the note did not come through: {str(events[0]['DESCRIPTION'])!r}")
if events and "Zoë Ō'Brien" not in str(events[0]["DESCRIPTION"]):
    problems.append("the athlete's name did not come through")
if max(len(line) for line in ics.split(b"\r\n")) > 75:
    problems.append("a line over 75 octets")
for p in problems:
    print(p, file=sys.stderr)
if not problems:
    print(f"unicode round trip ok: a {len(note)}-character note")
sys.exit(1 if problems else 0)
