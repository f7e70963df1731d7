// WeChat cloud timer crons: 7 fields (second minute hour day month weekday year), UTC+8. Used to state how
// many invocations a trigger costs per month (README, dry-run plan).

const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
] as const;

export interface ParsedCron {
  second: Set<number>;
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  /** Whether day / weekday were restricted (both restricted = either matches, per the WeChat docs). */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
}

function value(token: string, field: (typeof FIELDS)[number]): number {
  const names = 'names' in field ? (field.names as readonly string[]) : undefined;
  const named = names?.indexOf(token.toUpperCase()) ?? -1;
  const n = named >= 0 ? named + (field.name === 'month' ? 1 : 0) : Number(token);
  if (!Number.isInteger(n) || n < field.min || n > field.max) throw new Error(`cron ${field.name}: bad value "${token}"`);
  return n;
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron ${field.name}: bad step in "${part}"`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [field.min, field.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [lo, hi] = [value(a, field), value(b, field)];
    } else {
      lo = value(range, field);
      hi = stepText === undefined ? lo : field.max;
    }
    if (lo > hi) throw new Error(`cron ${field.name}: empty range "${part}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): ParsedCron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron "${expr}" must have 7 fields (second minute hour day month weekday year)`);
  const [second, minute, hour, day, month, weekday] = parts.slice(0, 6).map((p, i) => parseField(p, FIELDS[i]));
  parseField(parts[6], FIELDS[6]); // validated; the count below ignores the year
  return { second, minute, hour, day, month, weekday, dayRestricted: parts[3] !== '*', weekdayRestricted: parts[5] !== '*' };
}

function dayMatches(c: ParsedCron, day: number, month: number, weekday: number): boolean {
  if (!c.month.has(month)) return false;
  if (c.dayRestricted && c.weekdayRestricted) return c.day.has(day) || c.weekday.has(weekday);
  return c.day.has(day) && c.weekday.has(weekday);
}

/**
 * Invocations in a 30-day month: the year 2026's matches scaled to 30 of its 365 days (exactly
 * 30 × per-day for a daily pattern). Calendar arithmetic in UTC: no dependence on the machine's zone.
 */
export function invocationsPerMonth(expr: string): number {
  const c = parseCron(expr);
  const perDay = c.second.size * c.minute.size * c.hour.size;
  let days = 0;
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    if (dayMatches(c, d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCDay())) days++;
  }
  return Math.round((perDay * days * 30) / 365);
}
