/** 7 → '07' (two-digit clock and calendar parts). */
export const pad = (n: number) => String(n).padStart(2, '0');

function parse(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026年11月28日 14:05 (device time zone). */
export function formatDateTime(iso: string | undefined): string {
  const d = parse(iso);
  if (!d) return '';
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 11月28日, or 2025年11月28日 outside the current year. */
export function formatDate(iso: string | undefined, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const md = `${d.getMonth() + 1}月${d.getDate()}日`;
  return d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`;
}

/** 20261128-04217 → 2026 1128 - 04217: groups a person can read out on the phone. */
export function spacedTrackingNo(no: string): string {
  const m = /^(\d{4})(\d{4})-(\d+)$/.exec(no);
  return m ? `${m[1]} ${m[2]} - ${m[3]}` : no;
}

/** Length as the server's validation counts it (trimmed string length). */
export function charCount(text: string): number {
  return text.trim().length;
}
