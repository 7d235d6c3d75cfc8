#!/usr/bin/python3
"""What a Python user would write instead of `meso compile`: Python's
icalendar (the library wger uses) building one VEVENT per session of
`meso schedule --format json`, with the same properties meso writes
(UID, DTSTAMP, DTSTART/DTEND in the program's zone, SUMMARY, DESCRIPTION,
CATEGORIES).

    ical_python.py SCHEDULE.json OUT.ics

Prints the number of events written. Used by bench/run.py (make bench).
"""
import datetime
import json
import sys

import icalendar
import pytz


def number(value):
    return f"{value:g}"


def exercise_text(exercise, unit):
    sets = exercise["sets"]
    out = exercise["name"] + ":"
    if not sets:
        out += " no sets"
    else:
        first = sets[0]
        reps = first["reps"]
        out += f" {len(sets)} {'set' if len(sets) == 1 else 'sets'} of {reps} {'rep' if reps == 1 else 'reps'}"
        if first.get("rpe") is not None:
            out += " @ RPE " + number(first["rpe"])
        elif first["load_percent"] is not None and first.get("load_" + unit) is not None:
            out += f" @ {number(first['load_percent'])}% = {number(first['load_' + unit])} {unit}"
        elif first["load_percent"] is not None:
            out += f" @ {number(first['load_percent'])}%"
    if exercise["rest_s"] is not None:
        out += f"; rest {number(exercise['rest_s'])} s"
    return out


def main():
    schedule_path, out_path = sys.argv[1], sys.argv[2]
    with open(schedule_path, encoding="utf-8") as f:
        schedule = json.load(f)
    stamp = datetime.datetime(2027, 1, 1, tzinfo=pytz.utc)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//bench//icalendar//EN")
    calendar.add("version", "2.0")
    events = 0
    for program in schedule["programs"]:
        zone = pytz.timezone(program["timezone"] or "UTC")
        unit = program["unit"]
        methods = {block["name"]: block["method"] for block in program["blocks"]}
        for n, session in enumerate(program["sessions"]):
            day = datetime.date.fromisoformat(session["date"])
            hour, minute = map(int, session["start"].split(":"))
            start = zone.localize(datetime.datetime(day.year, day.month, day.day, hour, minute))
            end = zone.normalize(start + datetime.timedelta(minutes=session["minutes"]))
            names = [e["name"] for e in session["exercises"]]
            summary = session["block"] + (": " + ", ".join(names) if names else "")
            lines = [f"{session['block']}, week {session['week']}, {session['weekday']} {session['date']}, "
                     f"{session['start']}-{session['end']}",
                     program["name"] + (" for " + program["athlete"] if program["athlete"] else "")]
            if session["deload"]:
                lines.append("Deload week: half the sets, 90% of the loads")
            if session["exercises"]:
                lines.append("")
                lines.extend(exercise_text(e, unit) for e in session["exercises"])
            event = icalendar.Event()
            event.add("uid", f"{program['name']}-{n}@bench")
            event.add("dtstamp", stamp)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("summary", summary)
            event.add("description", "\n".join(lines))
            if methods.get(session["block"]):
                event.add("categories", [methods[session["block"]]])
            calendar.add_component(event)
            events += 1
    with open(out_path, "wb") as f:
        f.write(calendar.to_ical())
    print(events)


if __name__ == "__main__":
    main()
