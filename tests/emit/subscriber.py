#!/usr/bin/python3
"""A real subscriber of `meso publish`'s feeds: vdirsyncer (an `http` storage
synced into a `filesystem` one) against the published folder, served by
Python's http.server on a free loopback port.

    subscriber.py MESO WORKDIR

Publishes a squad's feeds, syncs, edits the program (a session moved by a
pause, one removed by a skip, a load changed), publishes again and syncs
again; then checks, in what the subscriber holds: the moved and changed
events updated in place (same UID, higher SEQUENCE), the removed one
cancelled, the others untouched, no duplicate, nothing lost. Leaves the two
publishes' feeds in WORKDIR/first and WORKDIR/feeds for the calendar checks.
Exit 0 when all holds, 1 when not, 77 (skipped) without vdirsyncer.
"""
import datetime
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading

import icalendar

MESO, WORK = sys.argv[1], sys.argv[2]
FEEDS = os.path.join(WORK, "feeds")
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def program(edited):
    # Three weeks: squats on Monday, bench on Wednesday. The edit skips the
    # first Wednesday, pauses the third week (its sessions move a week on)
    # and makes the squats heavier.
    edits = '  skip 2027-01-06 "pool closed"\n  pause 2027-01-18..2027-01-24 "trip"\n' if edited else ""
    squat = "80%" if edited else "75%"
    return f'''athlete "Ann" {{
  max squat 100 kg
  max bench-press 60 kg
  condition hypertension
}}
athlete "Ben" {{
  max squat 140 kg
  max bench-press 100 kg
}}
group "U18" {{ "Ann", "Ben" }}
program "Winter" for "U18" {{
  start 2027-01-04
  timezone Europe/Berlin
  coach "Sam Lee" <sam@example.org>
{edits}  3 weeks "Base" {{
    sessions 17:00 for 75 min
    mon {{ squat 5x5 @ {squat} }}
    wed {{ bench-press 5x5 @ 70% }}
  }}
}}
'''


def publish(edited, epoch):
    path = os.path.join(WORK, "squad.meso")
    with open(path, "w", encoding="utf-8") as f:
        f.write(program(edited))
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    run = subprocess.run([MESO, "publish", path, "-o", FEEDS, "--base-url", "https://club.example.org/feeds"],
                         env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        fail(f"meso publish exited {run.returncode}: {run.stderr}")
        sys.exit(1)


def feed_files():
    with open(os.path.join(FEEDS, "feeds.json"), encoding="utf-8") as f:
        return {feed["athlete"]: feed["file"] for feed in json.load(f)["feeds"]}


def write_config(port, files):
    lines = ["[general]", f'status_path = "{WORK}/status/"', ""]
    for athlete, file in files.items():
        name = athlete.lower()
        os.makedirs(os.path.join(WORK, "local", name), exist_ok=True)
        lines += [f"[pair {name}]", f'a = "{name}_remote"', f'b = "{name}_local"', "collections = null",
                  'conflict_resolution = "a wins"', "",
                  f"[storage {name}_remote]", 'type = "http"', f'url = "http://127.0.0.1:{port}/{file}"', "",
                  f"[storage {name}_local]", 'type = "filesystem"', f'path = "{WORK}/local/{name}/"', 'fileext = ".ics"', ""]
    config = os.path.join(WORK, "vdirsyncer.conf")
    with open(config, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return config


# vdirsyncer's http storage replaces each event's UID by a hash of its text
# (HttpStorage._ignore_uids, for feeds whose UIDs change on every fetch), so
# that any edit reaches its local copy as one event deleted and another
# made. What is checked here is what a subscriber that keeps UIDs (Apple,
# Google, Outlook, Thunderbird) sees: vdirsyncer as it is, with the switch
# its own tests use turned off.
KEEP_UIDS = ("import sys; import vdirsyncer.storage.http as http; http.HttpStorage._ignore_uids = False; "
             "from vdirsyncer.cli import main; sys.argv[0] = 'vdirsyncer'; sys.exit(main())")


def vdirsyncer(config, *args):
    run = subprocess.run(["/usr/bin/python3", "-c", KEEP_UIDS, "-c", config, *args], input="y\n" * 10, capture_output=True,
                         text=True, check=False)
    if run.returncode != 0:
        fail(f"vdirsyncer {' '.join(args)} exited {run.returncode}: {run.stdout}{run.stderr}")
        sys.exit(1)


def held(athlete):
    """What the subscriber holds: UID -> (SEQUENCE, STATUS, DTSTART, DESCRIPTION, file), and the number of items."""
    folder = os.path.join(WORK, "local", athlete.lower())
    events, items = {}, 0
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            calendar = icalendar.Calendar.from_ical(f.read())
        for event in calendar.walk("VEVENT"):
            items += 1
            uid = str(event["UID"])
            if uid in events:
                fail(f"{athlete}: UID {uid} held twice")
            events[uid] = (int(event.get("SEQUENCE", 0)), str(event.get("STATUS", "")), event.decoded("DTSTART"),
                           str(event.get("DESCRIPTION", "")), name)
    return events, items


def check(before, after, athlete):
    if set(before) != set(after):
        fail(f"{athlete}: the events are not the same ones: lost {set(before) - set(after)}, new {set(after) - set(before)}")
        return
    cancelled = [uid for uid, e in after.items() if e[1] == "CANCELLED"]
    if len(cancelled) != 1 or before[cancelled[0]][2].date() != datetime.date(2027, 1, 6):
        fail(f"{athlete}: expected the session of 2027-01-06 cancelled, got {[after[u][2] for u in cancelled]}")
    moved = changed = 0
    for uid, (sequence, status, start, description, file) in after.items():
        old_sequence, _, old_start, old_description, old_file = before[uid]
        if file != old_file:
            fail(f"{athlete}: {uid} is held in another item ({old_file} -> {file}): not updated in place")
        if start != old_start:
            moved += 1
            if start - old_start != datetime.timedelta(days=7):
                fail(f"{athlete}: {uid} moved from {old_start} to {start}, not a week on")
        if start != old_start or description != old_description or status == "CANCELLED":
            changed += 1
            if sequence <= old_sequence:
                fail(f"{athlete}: {uid} changed without a higher SEQUENCE ({old_sequence} -> {sequence})")
        elif sequence != old_sequence:
            fail(f"{athlete}: {uid} did not change but its SEQUENCE went {old_sequence} -> {sequence}")
    # Week 3 (2 sessions) moved by the pause; the 2 other Monday squats got heavier; one cancelled.
    if moved != 2 or changed != 5:
        fail(f"{athlete}: expected 2 moved and 5 changed events, got {moved} and {changed}")


def main():
    if shutil.which("vdirsyncer") is None:
        print("skipped: vdirsyncer is not installed (scripts/setup installs it)")
        return 77
    os.makedirs(WORK, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=FEEDS)

    class Quiet(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass

    # The handler serves FEEDS by its path, so a swapped-in folder is served as soon as it is there.
    server = Quiet(("127.0.0.1", 0), handler)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        publish(False, 1798761600)  # 2027-01-01
        shutil.copytree(FEEDS, os.path.join(WORK, "first"))
        files = feed_files()
        config = write_config(server.server_address[1], files)
        vdirsyncer(config, "discover")
        vdirsyncer(config, "sync")
        before = {athlete: held(athlete) for athlete in files}
        for athlete, (events, items) in before.items():
            if items != 6:
                fail(f"{athlete}: the subscriber holds {items} events after the first sync, not 6")
        publish(True, 1798761600 + 86400)
        if feed_files() != files:
            fail("publishing again changed the feeds' addresses")
        vdirsyncer(config, "sync")
        for athlete in files:
            after, items = held(athlete)
            if items != 6:
                fail(f"{athlete}: the subscriber holds {items} events after the edit, not 6 (a duplicate or a loss)")
            check(before[athlete][0], after, athlete)
            if any("hypertension" in e[3] for e in after.values()):
                fail(f"{athlete}: a health condition reached the subscriber")
    finally:
        server.shutdown()
    if not failures:
        print("the subscriber's calendars followed the edit: moved and changed in place, one cancelled, none lost or doubled")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
