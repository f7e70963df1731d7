import * as ballots from '../_capabilities/ballots/ballots';
import { serve } from '../_platform/handler';

/** 民生实事项目票决: list, vote, results; staff create, close and enter paper tallies. */
export const actions = {
  list: ballots.list,
  detail: ballots.detail,
  cast: ballots.cast,
  results: ballots.results,
  close: ballots.close,
  paper: ballots.paper,
  create: ballots.create,
};

/** Timer: the tally moves on every five minutes and freezes once a ballot ended (tally.ts). */
export const main = serve('ballot', actions, { timers: { tally: ballots.tallyTimer }, admin: { recount: ballots.recount } });
