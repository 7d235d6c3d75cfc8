// node instants.mjs FILE: each event of the calendar FILE as ical.js (the
// parser of Thunderbird and of many web calendars) reads it, one line per
// event: UID, start and end as seconds since 1970 UTC, and the start's
// TZID ("floating" for none) — the lines libical_check --instants prints,
// for check_calendar.py to compare with zoneinfo, each followed by its
// ORGANIZER's CN — after the calendar's NAME and X-WR-CALNAME as ical.js reads them. Zones come from the
// file's own VTIMEZONEs, as a calendar application that imports it sees them.
import fs from 'node:fs';
import ICAL from 'ical.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node instants.mjs FILE');
  process.exit(2);
}
const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, 'utf8')));
for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
const lines = [];
// The calendar's name as ical.js shows it (escapes read or not), JSON-quoted: "calendar<TAB>name<TAB>value".
for (const name of ['name', 'x-wr-calname']) {
  const property = calendar.getFirstProperty(name);
  if (property) lines.push(['calendar', name.toUpperCase(), JSON.stringify(property.getFirstValue())].join('\t'));
}
for (const vevent of calendar.getAllSubcomponents('vevent')) {
  const event = new ICAL.Event(vevent);
  const tzid = vevent.getFirstProperty('dtstart').getParameter('tzid');
  const zone = event.startDate.isDate ? 'date' : (tzid ?? (event.startDate.zone === ICAL.Timezone.utcTimezone ? 'UTC' : 'floating'));
  lines.push([event.uid, event.startDate.toUnixTime(), event.endDate.toUnixTime(), zone].join('\t'));
  const organizer = vevent.getFirstProperty('organizer');
  if (organizer && organizer.getParameter('cn') !== undefined) lines.push(['organizer', event.uid, organizer.getParameter('cn')].join('\t'));
}
process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
