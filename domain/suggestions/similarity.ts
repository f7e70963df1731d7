/**
 * Explainable similarity between two appeals: character bigram Jaccard on the (redacted) text, distance
 * between map pins, and the same category and area. No model, no weights a clerk cannot follow.
 */
export interface Point {
  latitude: number;
  longitude: number;
}

/** Letters, digits and CJK characters only; punctuation and spaces carry no meaning here. */
const MEANINGFUL = /[\p{L}\p{N}]/u;

export function bigrams(text: string): Set<string> {
  const chars = Array.from(text.toLowerCase()).filter((c) => MEANINGFUL.test(c));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) grams.add(chars[0]);
  return grams;
}

/** |A ∩ B| / |A ∪ B|, 0 when both are empty. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export const textSimilarity = (a: string, b: string): number => jaccard(bigrams(a), bigrams(b));

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(p: Point, q: Point): number {
  const dLat = rad(q.latitude - p.latitude);
  const dLon = rad(q.longitude - p.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(p.latitude)) * Math.cos(rad(q.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Two decimals, as a person reads a share. */
export const roundShare = (x: number): number => Math.round(x * 100) / 100;
