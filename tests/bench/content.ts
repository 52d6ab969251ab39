/** Names, answer texts and calendar look-ups for the generator, all driven by the seeded Rng. */
import { createHash } from 'node:crypto';
import { dayStartsAt, localDay } from '../../src/domain/time';
import type { Rng } from './rng';

/** Whole-hour offsets only (DST included), so a local day can be memoised per UTC hour. */
export const timeZones = [
  'UTC',
  'Europe/London',
  'Europe/Paris',
  'America/New_York',
  'America/Vancouver',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

const firstNames = ['Ada', 'Bo', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lea', 'Mo', 'Nia', 'Oli', 'Pia'];
const lastNames = ['Ames', 'Berg', 'Cruz', 'Diaz', 'Eng', 'Ford', 'Gray', 'Hale', 'Ito', 'Jain', 'Kim', 'Lund', 'Mora', 'Noor'];
const words = (
  'sketch line light shadow colour cup window tree street hand face quick slow study form edge ' +
  'tried learned again because today first small idea mistake better notice practice draw write'
).split(' ');

export function personName(rng: Rng): string {
  return `${rng.pick(firstNames)} ${rng.pick(lastNames)}`;
}

/** An answer of 4 to 30 words: the short, two-minute kind the product asks for. */
export function answerText(rng: Rng): string {
  const n = 4 + rng.int(27);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(words));
  return out.join(' ');
}

/** The bench members' personal API tokens; only their SHA-256 is stored, as createApiToken does. */
export const tokenFor = (userId: number) => `kdl_bench_${userId}`;
export const tokenHash = (userId: number) => createHash('sha256').update(tokenFor(userId)).digest('hex');

const HOUR = 3_600_000;
const dayMemo = new Map<string, string>();
const startMemo = new Map<string, number>();

/** localDay, memoised per UTC hour (exact for the whole-hour zones above): a million answers need it. */
export function dayOf(ms: number, timeZone: string, dayStartHour: number): string {
  const key = `${timeZone}|${dayStartHour}|${Math.floor(ms / HOUR)}`;
  let day = dayMemo.get(key);
  if (day === undefined) {
    day = localDay(new Date(ms), timeZone, dayStartHour);
    dayMemo.set(key, day);
  }
  return day;
}

/** dayStartsAt (a bisection over Intl), memoised: communities share zones and days. */
export function startOf(day: string, timeZone: string, dayStartHour: number): number {
  const key = `${timeZone}|${dayStartHour}|${day}`;
  let t = startMemo.get(key);
  if (t === undefined) {
    t = dayStartsAt(day, timeZone, dayStartHour).getTime();
    startMemo.set(key, t);
  }
  return t;
}
