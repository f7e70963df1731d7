import type { Fact, Placement, PulseSource } from '../../../../domain/pulse/figures';
import type { Db, Doc } from '../../../_platform/db';

/** What one stored record counts for, and where it belongs on each dimension. */
export interface Counted {
  placement: Placement;
  facts: Fact[];
}

/**
 * One capability's share of 晴雨表: the collection the nightly run reads (in _id order, in batches) and how a
 * record counts. `prepare` loads what counting needs (reference data, the calendar) once per invocation.
 * Another capability adds its figures with one file like contributors/appeals.ts, listed in contributors/index.ts.
 */
export interface Contributor {
  source: PulseSource;
  collection: string;
  /** Fields to read (keeps each batch small). */
  fields: string[];
  prepare(db: Db): Promise<(doc: Doc) => Counted>;
}
