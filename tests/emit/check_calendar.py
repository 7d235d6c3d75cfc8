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
                                         each event's start as libical computes it
                                         from the file's VTIMEZONE equals zoneinfo's
"""
import datetime
import json
import pathlib
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
            if start.tzinfo is None or tzid != wanted["zone"]:
                fail(path, f"{wanted['uid']}: DTSTART {start!r} is not in {wanted['zone']}")
                continue
            # icalendar 4 attaches pytz zones, which stop at 2037 as zoneinfo
            # files list changes; zoneinfo also reads the rule for later years.
            start = start.replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tzid))
            if start.replace(tzinfo=None) != local:
                fail(path, f"{wanted['uid']}: starts at {start}, expected {local} local")
            expected = local.replace(tzinfo=zoneinfo.ZoneInfo(wanted["zone"])).astimezone(UTC)
            via_vtimezone = utc_with_vtimezone(calendar, wanted["zone"], local)
            if via_vtimezone != expected:
                fail(path, f"{wanted['uid']}: the file's VTIMEZONE puts {local} at {via_vtimezone}, expected {expected}")
            starts[(wanted["local"], wanted["zone"])] = start.astimezone(UTC)
            if event["DTEND"].dt.replace(tzinfo=None) <= local:
                fail(path, f"{wanted['uid']}: ends before it starts")
        for instant in expect.get("instants", []):
            zone = instant.get("zone", expect["events"][0]["zone"])
            got = starts.get((instant["local"], zone))
            if got is None or got.isoformat() != instant["utc"]:
                fail(path, f"the session at {instant['local']} {zone} starts at {got}, expected {instant['utc']}")
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


def against_schedule(path, schedule_path, default_zone):
    schedule = json.loads(pathlib.Path(schedule_path).read_text(encoding="utf-8"))
    calendar = parse(path)
    events = calendar.walk("VEVENT")
    by_start = {}
    for event in events:
        start = event["DTSTART"]
        tzid = start.params.get("TZID")
        local = start.dt.replace(tzinfo=None)
        by_start.setdefault((local.isoformat(timespec="minutes"), tzid), []).append(event)
        if tzid is not None:
            expected = local.replace(tzinfo=zoneinfo.ZoneInfo(tzid)).astimezone(UTC)
            via_vtimezone = utc_with_vtimezone(calendar, tzid, local)
            if via_vtimezone != expected:
                fail(path, f"{event['UID']}: the file's VTIMEZONE puts {local} at {via_vtimezone}, zoneinfo at {expected}")
    sessions = 0
    for program in schedule["programs"]:
        zone = program.get("timezone") or default_zone
        zone = None if zone == "floating" else zone
        for session in program["sessions"]:
            sessions += 1
            key = (f"{session['date']}T{session['start']}", zone)
            candidates = by_start.get(key, [])
            if not candidates:
                fail(path, f"no event for the session at {key}")
                continue
            event = candidates.pop(0)
            length = event["DTEND"].dt - event["DTSTART"].dt
            if event["DTSTART"].params.get("TZID") is not None:
                length = event["DTEND"].dt.replace(tzinfo=None) - event["DTSTART"].dt.replace(tzinfo=None)
            if length != datetime.timedelta(minutes=session["minutes"]):
                fail(path, f"{key}: lasts {length}, expected {session['minutes']} min")
            description = str(event.get("DESCRIPTION", ""))
            for exercise in session["exercises"]:
                if exercise["name"] + ":" not in description or exercise["name"] not in str(event["SUMMARY"]):
                    fail(path, f"{key}: {exercise['name']} missing from the event")
    if len(events) != sessions:
        fail(path, f"{len(events)} events, {sessions} sessions")
    print(f"icalendar against the schedule: {path} ({len(events)} events, {sessions} sessions)")


def libical_instants(path, tool):
    import subprocess
    out = subprocess.run([tool, "--instants", path], capture_output=True, text=True, check=True).stdout
    by_uid = {}
    for line in out.splitlines():
        uid, seconds, _ = line.split("\t")
        by_uid[uid] = datetime.datetime.fromtimestamp(int(seconds), UTC)
    events = parse(path).walk("VEVENT")
    zoned = 0
    for event in events:
        start = event["DTSTART"]
        tzid = start.params.get("TZID")
        if tzid is None:
            continue
        zoned += 1
        expected = start.dt.replace(tzinfo=None).replace(tzinfo=zoneinfo.ZoneInfo(tzid)).astimezone(UTC)
        got = by_uid.get(str(event["UID"]))
        if got != expected:
            fail(path, f"{event['UID']}: libical starts it at {got}, zoneinfo at {expected}")
    if len(by_uid) != len(events):
        fail(path, f"libical saw {len(by_uid)} events, icalendar {len(events)}")
    print(f"libical instants agree with zoneinfo: {path} ({zoned} zoned events)")


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
        libical_instants(args[0], args[1])
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
