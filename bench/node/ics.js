// What a JavaScript user would write instead of `meso compile`: the npm
// package `ics` (what calendar-hack uses) building one VEVENT per session of
// `meso schedule --format json`, with the same properties meso writes.
// `ics` has no TZID: times are given as local time of the process's zone
// (bench/run.py sets TZ to the programs' zone) and written in UTC.
//
//   node ics.js SCHEDULE.json OUT.ics
//
// Prints the number of events written. Used by bench/run.py (make bench).
'use strict';
const fs = require('fs');
const ics = require('ics');

function number(value) {
  return String(Math.round(value * 1000) / 1000);
}

function exerciseText(exercise, unit) {
  const sets = exercise.sets;
  let out = exercise.name + ':';
  if (sets.length === 0) out += ' no sets';
  else {
    const first = sets[0];
    out += ` ${sets.length} ${sets.length === 1 ? 'set' : 'sets'} of ${first.reps} ${first.reps === 1 ? 'rep' : 'reps'}`;
    const mass = first['load_' + unit];
    if (first.rpe != null) out += ' @ RPE ' + number(first.rpe);
    else if (first.load_percent != null && mass != null) out += ` @ ${number(first.load_percent)}% = ${number(mass)} ${unit}`;
    else if (first.load_percent != null) out += ` @ ${number(first.load_percent)}%`;
  }
  if (exercise.rest_s != null) out += `; rest ${number(exercise.rest_s)} s`;
  return out;
}

function main() {
  const [schedulePath, outPath] = process.argv.slice(2);
  const schedule = JSON.parse(fs.readFileSync(schedulePath, 'utf8'));
  const events = [];
  for (const program of schedule.programs) {
    const methods = new Map(program.blocks.map((b) => [b.name, b.method]));
    program.sessions.forEach((session, n) => {
      const [y, mo, d] = session.date.split('-').map(Number);
      const [h, mi] = session.start.split(':').map(Number);
      const names = session.exercises.map((e) => e.name);
      const lines = [
        `${session.block}, week ${session.week}, ${session.weekday} ${session.date}, ${session.start}-${session.end}`,
        program.name + (program.athlete ? ' for ' + program.athlete : ''),
      ];
      if (session.deload) lines.push('Deload week: half the sets, 90% of the loads');
      if (session.exercises.length > 0) {
        lines.push('');
        for (const e of session.exercises) lines.push(exerciseText(e, program.unit));
      }
      const event = {
        uid: `${program.name}-${n}@bench`,
        timestamp: Date.UTC(2027, 0, 1),
        start: [y, mo, d, h, mi],
        startInputType: 'local',
        startOutputType: 'utc',
        duration: { minutes: session.minutes },
        title: session.block + (names.length ? ': ' + names.join(', ') : ''),
        description: lines.join('\n'),
        productId: '-//bench//ics//EN',
      };
      const method = methods.get(session.block);
      if (method) event.categories = [method];
      events.push(event);
    });
  }
  const { error, value } = ics.createEvents(events);
  if (error) {
    console.error(error);
    process.exit(1);
  }
  fs.writeFileSync(outPath, value);
  console.log(events.length);
}

main();
