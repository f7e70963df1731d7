// The pages' clock: every "now" a page needs comes from here, so tests (and the dev runtime) can set it.
let source: () => number = () => Date.now();

export function now(): Date {
  return new Date(source());
}

/** Replace the clock (tests); null restores the device clock. */
export function setClock(fn: (() => number) | null): void {
  source = fn ?? (() => Date.now());
}
