/**
 * Slot math cost (issue 6; results in docs/benchmarks.md, "Booking"): what one availability request and one
 * inbound SMS pay for openings, in a busy organization. Pure functions, one core.
 *
 * - `GET /api/v1/availability` for 14 days: `openings()` over the default windows with `BENCH_BOOKINGS` live
 *   bookings (default 2,000, spread over the 14 days and three capacity pools) and 200 holds.
 * - An inbound SMS: `nextOpenings(count 40)` over the same data (the booking context every customer message gets).
 *
 *   npx tsx bench/booking.bench.ts
 *   BENCH_BOOKINGS=10000 BENCH_SECONDS=3 npx tsx bench/booking.bench.ts
 */
import { cpus } from 'node:os';
import { DEFAULT_AVAILABILITY, type AvailabilityPolicy } from '../src/core/booking/availability-policy.ts';
import { nextOpenings, openings, type BookedSlot, type SlotHold } from '../src/core/booking/openings.ts';
import { percentile } from './stats.ts';

const ZONE = 'America/Chicago';
const NOW = '2026-11-16T14:00:00.000Z'; // Monday 08:00 in Chicago
const bookingsCount = Number(process.env.BENCH_BOOKINGS ?? 2000);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);

const policy: AvailabilityPolicy = {
  ...DEFAULT_AVAILABILITY,
  capacity: 1_000_000, // never full: every window is computed and returned
  capacityPools: [
    { name: 'Plumbing', jobTypes: ['Drain', 'Water heater'], capacity: 1_000_000 },
    { name: 'Electrical', jobTypes: ['Panel'], capacity: 1_000_000 },
  ],
};
const jobTypes = [null, 'Drain', 'Water heater', 'Panel'];
const day = 24 * 60 * 60 * 1000;
const start0 = Date.parse('2026-11-16T14:00:00.000Z');
const booked: BookedSlot[] = Array.from({ length: bookingsCount }, (_, i) => {
  const start = start0 + (i % 14) * day + (i % 2) * 4 * 60 * 60 * 1000;
  return { start: new Date(start).toISOString(), end: new Date(start + 4 * 60 * 60 * 1000).toISOString(), jobType: jobTypes[i % jobTypes.length] };
});
const holds: SlotHold[] = booked.slice(0, 200).map((b) => ({ ...b, expiresAt: '2026-11-16T14:10:00.000Z' }));

function time(label: string, fn: () => number): { label: string; p50: number; p99: number; runs: number } {
  for (let i = 0; i < 20; i++) fn();
  const samples: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let sink = 0;
  while (performance.now() < deadline || samples.length < 20) {
    const t = performance.now();
    sink += fn();
    samples.push(performance.now() - t);
  }
  if (sink < 0) console.log(sink);
  return { label, p50: percentile(samples, 50), p99: percentile(samples, 99), runs: samples.length };
}

const results = [
  time('availability, 14 days', () => openings(policy, ZONE, { from: NOW, to: new Date(Date.parse(NOW) + 14 * day).toISOString(), now: NOW, booked, holds }).length),
  time('booking context (next 40)', () => nextOpenings(policy, ZONE, { now: NOW, booked, holds, count: 40 }).length),
];
console.log(`Slot math, ${bookingsCount.toLocaleString('en-US')} live bookings + ${holds.length} holds, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log('| what | p50 ms | p99 ms | runs |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.label} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.runs} |`);
