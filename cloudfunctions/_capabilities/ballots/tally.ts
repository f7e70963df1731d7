/**
 * Ballot tallies at street scale (issue 13). A ballot document carries `tally`: the counts of its votes
 * cast before `tally.through` (per project, per community, voters). Results read it and add only the votes
 * since — one aggregate — so they cost the same at 50,000 votes as at 500.
 *
 * - The ballot timer (`tally`, every five minutes) moves `through` on to (now − SETTLE_MS): a vote's `at` is taken
 *   before its insert, and every cast has ended (committed or been stopped by its timeout) SETTLE_MS later.
 * - Once the ballot ended (closesAt, or closedAt when staff closed it) and SETTLE_MS passed, the timer writes
 *   the final tally (`final: true`, through = the end) with community names and a seal: an HMAC under the
 *   ballot function's LXQ_VOTE_SECRET. Results of a closed ballot are that frozen tally and never change.
 *   Not in the close action itself: a cast that read the ballot as open may still insert its vote (stamped
 *   before the close) a moment later; freezing at once would miss it and a recount would disagree.
 * - A vote stamped at or after the end is never counted (a cast that raced the close can store one).
 * - `recount` (admin) recounts the stored votes, CHUNK votes at a time across invocations (progress in
 *   the ballot's `recount`), and compares with the frozen tally: a console edit to a vote after close does
 *   not change results; the recount reports it. A console edit to the frozen tally
 *   breaks its seal: results then recount from the votes instead (and say so: `count: 'recounted'`).
 * Paper tallies stay apart (`paper` on the ballot, by project, entered by staff, also after the close).
 */
import { createHmac } from 'node:crypto';
import type { Doc, Db } from '../../_platform/db';
import { AppError } from '../../_platform/errors';

/** How long after its `at` a vote is surely stored or never will be: the longest function timeout (60 s). */
export const SETTLE_MS = 60_000;

export interface Counts {
  voters: number;
  byProject: Map<string, number>;
  byCommunity: Map<string, number>;
}

/** What the ballot document stores (console-readable: flat arrays of ids and numbers). */
export interface StoredTally {
  through: Date;
  final: boolean;
  voters: number;
  online: { projectId: string; votes: number }[];
  turnout: { communityId: string; name: string; voters: number }[];
  seal: string | null;
  at: Date;
}

export const emptyCounts = (): Counts => ({ voters: 0, byProject: new Map(), byCommunity: new Map() });

/** When a ballot stops taking votes: staff's early close or its closing time. */
export function ballotEnd(b: Doc): Date {
  const closesAt = new Date(b.closesAt);
  return b.closedAt && new Date(b.closedAt) < closesAt ? new Date(b.closedAt) : closesAt;
}

/** The stored tally, or the empty one counting from the beginning (ballots made before issue 13). */
export function storedTally(b: Doc): StoredTally {
  const t = b.tally;
  if (!t || !t.through) return { through: new Date(0), final: false, voters: 0, online: [], turnout: [], seal: null, at: new Date(0) };
  return { ...t, through: new Date(t.through), at: new Date(t.at ?? 0) };
}

export function countsOf(t: StoredTally): Counts {
  return {
    voters: t.voters,
    byProject: new Map(t.online.map((o) => [o.projectId, o.votes])),
    byCommunity: new Map(t.turnout.map((c) => [c.communityId, c.voters])),
  };
}

export function addCounts(a: Counts, b: Counts): Counts {
  const sum = (x: Map<string, number>, y: Map<string, number>) => {
    const out = new Map(x);
    for (const [k, n] of y) out.set(k, (out.get(k) ?? 0) + n);
    return out;
  };
  return { voters: a.voters + b.voters, byProject: sum(a.byProject, b.byProject), byCommunity: sum(a.byCommunity, b.byCommunity) };
}

export interface Span {
  ballotId: string;
  /** Votes with from ≤ at < to. */
  from: Date;
  to: Date;
}

/**
 * The votes of several ballots within their spans, counted in ONE aggregate: each vote unwinds into one row
 * per chosen project; the row with index 0 counts the voter (per community), every row counts its project.
 * Rows out ≤ ballots × communities × candidates, whatever the number of votes.
 */
export async function countVotes(db: Db, spans: Span[]): Promise<Map<string, Counts>> {
  const out = new Map(spans.map((s) => [s.ballotId, emptyCounts()]));
  const live = spans.filter((s) => s.to > s.from);
  if (!live.length) return out;
  const _ = db.command;
  const $ = _.aggregate;
  const branch = (s: Span) => ({ ballotId: s.ballotId, at: _.gte(s.from).and(_.lt(s.to)) });
  const rows = (
    await db.collection('votes').aggregate()
      .match(live.length === 1 ? branch(live[0]) : _.or(live.map(branch)))
      .unwind({ path: '$projectIds', includeArrayIndex: 'choice' })
      .group({ _id: { b: '$ballotId', c: '$communityId', p: '$projectIds' }, n: $.sum(1), voters: $.sum($.cond([$.eq(['$choice', 0]), 1, 0])) })
      .limit(20_000)
      .end()
  ).list as { _id: { b: string; c?: string | null; p: string }; n: number; voters: number }[];
  for (const r of rows) {
    const c = out.get(r._id.b);
    if (!c) continue;
    const community = r._id.c ?? 'unknown';
    c.byProject.set(r._id.p, (c.byProject.get(r._id.p) ?? 0) + r.n);
    if (r.voters) {
      c.byCommunity.set(community, (c.byCommunity.get(community) ?? 0) + r.voters);
      c.voters += r.voters;
    }
  }
  return out;
}

/** Most votes one aggregate counts (about 0.4 s on the local runtime): timers and the recount go in chunks. */
export const CHUNK = 5_000;

/**
 * Count one ballot's votes from `from` on, at most CHUNK of them, stopping before `to`: the CHUNK+1-th vote
 * (by `at`, from the ballot_at index) bounds the chunk. Answers the counts and where the next chunk starts.
 */
export async function countChunk(db: Db, ballotId: string, from: Date, to: Date): Promise<{ counts: Counts; through: Date }> {
  const _ = db.command;
  const beyond = (await db.collection('votes').where({ ballotId, at: _.gte(from).and(_.lt(to)) }).orderBy('at', 'asc').skip(CHUNK).limit(1).field({ at: true }).get()).data[0];
  // Votes sharing the bounding millisecond go to the next chunk — unless they all share `from` (then take them).
  let through = beyond ? new Date(beyond.at) : to;
  if (through.getTime() <= from.getTime()) through = new Date(from.getTime() + 1);
  const counted = await countVotes(db, [{ ballotId, from, to: through }]);
  return { counts: counted.get(ballotId)!, through };
}

/** The span still to count on top of the stored tally: from `through` to the end (nothing when final). */
export const pendingSpan = (b: Doc): Span => {
  const t = storedTally(b);
  return { ballotId: b._id, from: t.through, to: t.final ? t.through : ballotEnd(b) };
};

/** The canonical text a seal covers: ballot, end, and every count in id order. */
function sealText(ballotId: string, t: Pick<StoredTally, 'through' | 'voters' | 'online' | 'turnout'>): string {
  const online = [...t.online].sort((a, b) => a.projectId.localeCompare(b.projectId)).map((o) => `${o.projectId}=${o.votes}`);
  const turnout = [...t.turnout].sort((a, b) => a.communityId.localeCompare(b.communityId)).map((c) => `${c.communityId}=${c.voters}`);
  return [ballotId, new Date(t.through).toISOString(), t.voters, online.join(','), turnout.join(',')].join('\n');
}

function secret(env: NodeJS.ProcessEnv = process.env): string {
  const s = env.LXQ_VOTE_SECRET;
  if (!s || s.length < 16) throw new AppError('FAILED_PRECONDITION', '票决服务尚未配置完成，请联系街道工作人员');
  return s;
}

export const sealOf = (ballotId: string, t: Pick<StoredTally, 'through' | 'voters' | 'online' | 'turnout'>): string =>
  createHmac('sha256', secret()).update(`lxq-tally\n${sealText(ballotId, t)}`).digest('hex');

/** A final tally whose seal still matches its counts (false: edited outside the functions). */
export const sealHolds = (ballotId: string, t: StoredTally): boolean => t.final && typeof t.seal === 'string' && t.seal === sealOf(ballotId, t);

/** Counts as stored: projects in candidate order, communities by turnout, with their names. */
export function toStored(b: Doc, c: Counts, through: Date, final: boolean, names: Map<string, string>, at: Date): StoredTally {
  const online = (b.projectIds as string[]).map((projectId) => ({ projectId, votes: c.byProject.get(projectId) ?? 0 }));
  // A vote for a project no longer among the candidates (a console edit) is kept visible, not dropped.
  for (const [projectId, votes] of c.byProject) if (!b.projectIds.includes(projectId)) online.push({ projectId, votes });
  const turnout = [...c.byCommunity].map(([communityId, voters]) => ({ communityId, name: names.get(communityId) ?? '未填写社区', voters })).sort((x, y) => y.voters - x.voters || x.communityId.localeCompare(y.communityId));
  const t = { through, final, voters: c.voters, online, turnout, seal: null as string | null, at };
  if (final) t.seal = sealOf(b._id, t);
  return t;
}
