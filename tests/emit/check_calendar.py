#!/usr/bin/python3
"""Checks calendars with Python's icalendar package (not our code).

  check_calendar.py structure FILE...    parse; every component: no .errors,
                                         every `required` property present,
                                         no `singletons` property repeated,
                                         at most one of each `exclusive` group
  check_calendar.py meaning DIR          every DIR/NAME.ics against DIR/NAME.expect.json
                                         (written by ical_fixtures)
  check_calendar.py schedule FILE JSON ZONE
                                         FILE holds one event per session of JSON
                                         (`meso schedule --format json`): same local
                                         start and length, in the program's zone
                                         (else ZONE), at the instant zoneinfo gives,
                                         naming every exercise
  check_calendar.py libical FILE LIBICAL_CHECK
                                         each event's start and end as libical computes
                                         them from the file's VTIMEZONE equal zoneinfo's
  check_calendar.py icaljs FILE NODE_SCRIPT
                                         the same with ical.js (tests/emit/node/instants.mjs),
                                         and NAME and X-WR-CALNAME read as icalendar reads them
  check_calendar.py offsets FILE COUNT   the events' starts fall in COUNT different offsets
                                         from UTC (sessions on both sides of a change)

Times with a TZID are read as RFC 5545 3.3.5 says: zoneinfo's fold=0 (the
offset before a change) is that reading. Every local time meso writes with
a TZID must exist, and happen once: a reader may not have to choose.
"""
import datetime
import json
import pathlib
import re
import sys
import zoneinfo

import icalendar

UTC = datetime.timezone.utc
failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


def parse(path):
    data = pathlib.Path(path).read_bytes()
    return icalendar.Calendar.from_ical(data)


def structure(path):
    calendar = parse(path)
    for component in calendar.walk():
        where = f"{path}: {component.name}"
        if component.errors:
            fail(where, f"parse errors {component.errors}")
        names = [name for name, _ in component.property_items(recursive=False)
                 if name not in ("BEGIN", "END")]
        for name in getattr(component, "required", ()):
            if name not in names:
                fail(where, f"required property {name} missing")
        for name in getattr(component, "singletons", ()):
            if names.count(name) > 1:
                fail(where, f"{name} appears {names.count(name)} times")
        exclusive = getattr(component, "exclusive", ())
        # One group of names (icalendar's form), or several.
        groups = [exclusive] if all(isinstance(n, str) for n in exclusive) else exclusive
        for group in groups:
            present = [name for name in group if name in names]
            if len(present) > 1:
                fail(where, f"{' and '.join(present)} together")
    print(f"icalendar structure ok: {path}" if not failures else f"icalendar structure: {path}")


def utc_with_vtimezone(calendar, tzid, local):
    """`local` in the zone the file's own VTIMEZONE describes, as UTC."""
    for component in calendar.walk("VTIMEZONE"):
        if str(component["TZID"]) == tzid:
            try:
                tz = component.to_tz()
            except Exception as e:  # icalendar cannot make sense of it
                fail(tzid, f"VTIMEZONE unusable by icalendar: {e!r}")
                return None
            aware = tz.localize(local) if hasattr(tz, "localize") else local.replace(tzinfo=tz)
            return aware.astimezone(UTC)
    return None


def meaning(directory):
    for expect_path in sorted(pathlib.Path(directory).glob("*.expect.json")):
        name = expect_path.name[: -len(".expect.json")]
        path = expect_path.with_name(name + ".ics")
        expect = json.loads(expect_path.read_text(encoding="utf-8"))
        calendar = parse(path)
        events = calendar.walk("VEVENT")
        if len(events) != len(expect["events"]):
            fail(path, f"{len(events)} events, expected {len(expect['events'])}")
        by_uid = {str(e["UID"]): e for e in events}
        if len(by_uid) != len(events):
            fail(path, "UIDs repeat")
        for key in ("NAME", "X-WR-CALNAME"):
            if str(calendar.get(key)) != expect["calendar_name"]:
                fail(path, f"{key} is {calendar.get(key)!r}, expected {expect['calendar_name']!r}")
        starts = {}
        for wanted in expect["events"]:
            event = by_uid.get(wanted["uid"])
            if event is None:
                fail(path, f"no event {wanted['uid']}")
                continue
            local = datetime.datetime.fromisoformat(wanted["local"])
            start = event["DTSTART"].dt
            if str(event["SUMMARY"]) != wanted["summary"]:
                fail(path, f"SUMMARY {str(event['SUMMARY'])!r}, expected {wanted['summary']!r}")
            if wanted["zone"] is None:
                if start.tzinfo is not None or start != local:
                    fail(path, f"{wanted['uid']}: DTSTART {start!r}, expected floating {local}")
                continue
            tzid = event["DTSTART"].params.get("TZID")
            # RFC 5545 3.3.5's reading of the local start: zoneinfo's fold=0.
            expected = local.replace(tzinfo=zoneinfo.ZoneInfo(wanted["zone"])).astimezone(UTC)
            check_local_times(path, event)
            if tzid is None and start.tzinfo is not None:
                # A start that does not exist, or happens twice, is written as its instant.
                if exists_once(local, wanted["zone"]):
                    fail(path, f"{wanted['uid']}: {local} happens once in {wanted['zone']}, but DTSTART is in UTC")
                if start.astimezone(UTC) != expected:
                    fail(path, f"{wanted['uid']}: starts at {start.astimezone(UTC)}, expected {expected}")
                start = start.astimezone(UTC)
            else:
                if start.tzinfo is None or tzid != wanted["zone"]:
                    fail(path, f"{wanted['uid']}: DTSTART {start!r} is not in {wanted['zone']}")
                    continue
                # icalendar 4 attaches pytz zones, which stop at 2037 as zoneinfo
                # files list changes; zoneinfo also reads the rule for later years.
                start = start.replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tzid))
                if start.replace(tzinfo=None) != local:
                    fail(path, f"{wanted['uid']}: starts at {start}, expected {local} local")
                via_vtimezone = utc_with_vtimezone(calendar, wanted["zone"], local)
                if via_vtimezone != expected:
                    fail(path, f"{wanted['uid']}: the file's VTIMEZONE puts {local} at {via_vtimezone}, expected {expected}")
            starts[(wanted["local"], wanted["zone"])] = start.astimezone(UTC)
            end = instant(event["DTEND"])
            if end is None or end - start.astimezone(UTC) != datetime.timedelta(minutes=wanted["minutes"]):
                fail(path, f"{wanted['uid']}: lasts {end - start.astimezone(UTC) if end else '?'} of elapsed time, "
                           f"expected {wanted['minutes']} min")
        for known in expect.get("instants", []):
            zone = known.get("zone", expect["events"][0]["zone"])
            got = starts.get((known["local"], zone))
            if got is None or got.isoformat() != known["utc"]:
                fail(path, f"the session at {known['local']} {zone} starts at {got}, expected {known['utc']}")
        descriptions = [str(e.get("DESCRIPTION", "")) for e in events]
        for text in expect.get("texts", []):
            if not all(text in d for d in descriptions):
                fail(path, f"a description lacks {text!r}")
        if "organizer" in expect:
            if str(calendar.get("METHOD")) != "PUBLISH":
                fail(path, "no METHOD:PUBLISH")
            if not all(str(e.get("ORGANIZER")) == expect["organizer"] for e in events):
                fail(path, "an event lacks the ORGANIZER")
        if "alarm" in expect:
            for e in events:
                alarms = e.walk("VALARM")
                if len(alarms) != 1 or str(alarms[0]["ACTION"]) != "DISPLAY" or \
                        alarms[0]["TRIGGER"].dt != -datetime.timedelta(minutes=30) or "DESCRIPTION" not in alarms[0]:
                    fail(path, f"{e['UID']}: no DISPLAY alarm 30 minutes before")
        print(f"icalendar meaning checked: {path} ({len(events)} events)")


def instant(prop):
    """The UTC instant of a DTSTART or DTEND as RFC 5545 reads it, or None when floating."""
    tzid = prop.params.get("TZID")
    value = prop.dt
    if not isinstance(value, datetime.datetime):
        return None  # an all-day event (a competition) is a date, not an instant
    if tzid is not None:
        return value.replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tzid)).astimezone(UTC)
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return None


def exists_once(local, zone):
    """Whether the local time happens exactly once in the zone."""
    first = local.replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=0)
    second = local.replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=1)
    if first.utcoffset() != second.utcoffset():
        return False  # it happens twice, or (for a gap) not at all
    return first.astimezone(UTC).astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None) == local


def check_local_times(path, event):
    for key in ("DTSTART", "DTEND"):
        prop = event[key]
        tzid = prop.params.get("TZID")
        if tzid is not None and not exists_once(prop.dt.replace(tzinfo=None), tzid):
            fail(path, f"{event['UID']}: {key} {prop.dt.replace(tzinfo=None)} does not happen exactly once in {tzid}")


def against_schedule(path, schedule_path, default_zone):
    """Events and sessions in the same order: each event starts at its session's
    local time in its zone (or, where the clocks change, at the instant RFC 5545
    reads it as), lasts its length in elapsed time, and names its exercises."""
    schedule = json.loads(pathlib.Path(schedule_path).read_text(encoding="utf-8"))
    calendar = parse(path)
    events = calendar.walk("VEVENT")
    for event in events:
        start = event["DTSTART"]
        tzid = start.params.get("TZID")
        check_local_times(path, event)
        if tzid is not None:
            local = start.dt.replace(tzinfo=None)
            expected = instant(start)
            via_vtimezone = utc_with_vtimezone(calendar, tzid, local)
            if via_vtimezone != expected:
                fail(path, f"{event['UID']}: the file's VTIMEZONE puts {local} at {via_vtimezone}, zoneinfo at {expected}")
    # A competition is an all-day event: a DATE from its day to the next.
    all_day = [e for e in events if not isinstance(e["DTSTART"].dt, datetime.datetime)]
    events = [e for e in events if isinstance(e["DTSTART"].dt, datetime.datetime)]
    competitions = [c for program in schedule["programs"] for c in program.get("competitions", [])]
    for competition in competitions:
        day = datetime.date.fromisoformat(competition["date"])
        if not any(e["DTSTART"].dt == day and e["DTEND"].dt == day + datetime.timedelta(days=1)
                   and competition["name"] in str(e["SUMMARY"]) for e in all_day):
            fail(path, f"no all-day event for the competition {competition['name']} on {day}")
    if len(all_day) != len(competitions):
        fail(path, f"{len(all_day)} all-day events, {len(competitions)} competitions")
    sessions = [(program, session) for program in schedule["programs"] for session in program["sessions"]]
    for (program, session), event in zip(sessions, events):
        zone = program.get("timezone") or default_zone
        zone = None if zone == "floating" else zone
        local = datetime.datetime.fromisoformat(f"{session['date']}T{session['start']}")
        key = f"{session['date']}T{session['start']} {zone}"
        start, end = event["DTSTART"], event["DTEND"]
        length = datetime.timedelta(minutes=session["minutes"])
        if zone is None:
            if start.dt.tzinfo is not None or start.dt != local:
                fail(path, f"{key}: DTSTART {start.dt!r}, expected the floating {local}")
            elif end.dt - start.dt != length:
                fail(path, f"{key}: lasts {end.dt - start.dt}, expected {session['minutes']} min")
        else:
            expected = local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(UTC)  # fold=0: RFC 5545's reading
            tzid = start.params.get("TZID")
            if tzid is not None and (tzid != zone or start.dt.replace(tzinfo=None) != local):
                fail(path, f"{key}: DTSTART is {start.dt.replace(tzinfo=None)} in {tzid}")
            if instant(start) != expected:
                fail(path, f"{key}: starts at {instant(start)}, expected {expected}")
            if instant(end) is None or instant(end) - instant(start) != length:
                fail(path, f"{key}: lasts {instant(end) - instant(start) if instant(end) else '?'} of elapsed time, "
                           f"expected {session['minutes']} min")
            # As icalendar itself attaches zones (pytz): the same instants.
            own_start, own_end = start.dt.astimezone(UTC), end.dt.astimezone(UTC)
            if own_start != expected or own_end - own_start != length:
                fail(path, f"{key}: icalendar reads {own_start} to {own_end}, expected {expected} for {session['minutes']} min")
        description = str(event.get("DESCRIPTION", ""))
        for exercise in session["exercises"]:
            if exercise["name"] + ":" not in description or exercise["name"] not in str(event["SUMMARY"]):
                fail(path, f"{key}: {exercise['name']} missing from the event")
    if len(events) != len(sessions):
        fail(path, f"{len(events)} events, {len(sessions)} sessions")
    print(f"icalendar against the schedule: {path} ({len(events)} events, {len(sessions)} sessions)")


def parser_instants(path, parser, command):
    """Each event's start and end as another parser computes them (lines of
    UID, start, end, TZID) equal the instants RFC 5545 gives with zoneinfo."""
    import subprocess
    failures_before = len(failures)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    by_uid = {}
    organizers = {}
    calendar = parse(path)
    for line in out.splitlines():
        if line.startswith("calendar\t"):
            # ical.js shows NAME and X-WR-CALNAME as icalendar reads them: no backslash of an escape left.
            _, key, value = line.split("\t")
            if json.loads(value) != str(calendar.get(key)):
                fail(path, f"{parser} reads {key} as {json.loads(value)!r}, icalendar as {str(calendar.get(key))!r}")
            continue
        if line.startswith("organizer\t"):
            _, uid, name = line.split("\t")
            organizers[uid] = name
            continue
        uid, start, end, _ = line.split("\t")
        by_uid[uid] = (datetime.datetime.fromtimestamp(int(start), UTC), datetime.datetime.fromtimestamp(int(end), UTC))
    events = calendar.walk("VEVENT")
    zoned = 0
    for event in events:
        check_local_times(path, event)
        start, end = instant(event["DTSTART"]), instant(event["DTEND"])
        if start is None:
            continue
        zoned += 1
        got = by_uid.get(str(event["UID"]))
        if got != (start, end):
            fail(path, f"{event['UID']}: {parser} has it from {got[0] if got else None} to {got[1] if got else None}, "
                       f"zoneinfo from {start} to {end}")
    for event in events:
        if "ORGANIZER" in event:
            # RFC 6868, which icalendar 4 does not read: ^' is ", ^n a newline, ^^ a caret.
            raw = str(event["ORGANIZER"].params.get("CN", ""))
            name = re.sub(r"\^(['n^])", lambda m: {"'": '"', "n": "\n", "^": "^"}[m.group(1)], raw)
            if organizers.get(str(event["UID"])) != name:
                fail(path, f"{event['UID']}: {parser} reads the ORGANIZER's CN as {organizers.get(str(event['UID']))!r}, "
                           f"expected {name!r}")
    if len(by_uid) != len(events):
        fail(path, f"{parser} saw {len(by_uid)} events, icalendar {len(events)}")
    if len(failures) == failures_before:
        print(f"{parser} instants agree with zoneinfo: {path} ({zoned} zoned events)")


def offsets(path, count):
    """The events' starts, as zoneinfo places them, fall in `count` offsets from UTC."""
    seen = set()
    for event in parse(path).walk("VEVENT"):
        prop = event["DTSTART"]
        tzid = prop.params.get("TZID")
        if tzid is not None:
            seen.add(prop.dt.replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tzid)).utcoffset())
    if len(seen) != int(count):
        fail(path, f"the sessions fall in {len(seen)} offsets from UTC ({sorted(seen)}), expected {count}")
    else:
        print(f"sessions in {count} offsets from UTC: {path}")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "structure":
        for path in args:
            structure(path)
    elif mode == "meaning":
        meaning(args[0])
    elif mode == "libical":
        parser_instants(args[0], "libical", [args[1], "--instants", args[0]])
    elif mode == "icaljs":
        parser_instants(args[0], "ical.js", ["node", args[1], args[0]])
    elif mode == "offsets":
        offsets(*args[:2])
    elif mode == "schedule":
        against_schedule(*args[:3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
