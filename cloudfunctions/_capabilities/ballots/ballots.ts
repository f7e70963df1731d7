/**
 * 民生实事项目票决. Casting holds one-person-one-vote by construction, here and on WeChat cloud alike:
 *  - a vote is ONE insert whose _id is (ballotId, voter key): the primary key makes a second vote
 *    impossible, whatever the concurrency; the loser gets a duplicate-key error → CONFLICT;
 *  - there are no counters to keep in step on a hot document: the ballot's tally is a checkpoint the
 *    tally timer moves on and finally freezes (tally.ts); results add the votes since with one aggregate,
 *    so they equal a recount; paper tallies are entered by staff and carried on the ballot.
 */
import { ballotManifest } from '../../../contracts/ballot.manifest';
import { recountInput, type BallotDetail, type BallotResults, type Candidate } from '../../../contracts/ballot';
import { castVote, closeBallot, createBallot, enterPaperTally, seeResults } from '../../../domain/ballots/commands';
import { combineTallies, mayVote, voteKey, type Voter } from '../../../domain/ballots/rules';
import { findById, findByIdWith, type Db, type Doc } from '../../_platform/db';
import { directoryNames } from '../../_platform/directory';
import { warm } from '../../_platform/warm';
import { AppError, orRefuse } from '../../_platform/errors';
import { adminAction, useCase, type ActionContext, type SystemContext } from '../../_platform/handler';
import { publicImageFilter } from '../moderation/media';
import { electorate, resultsAudience, signedIn, staffMember } from './permissions';
import { ballotState, ballotSummary, iso } from './views';
import { voterKeys } from './voters';
import { addCounts, ballotEnd, countChunk, countsOf, countVotes, emptyCounts, pendingSpan, sealHolds, SETTLE_MS, storedTally, toStored, type Counts, type Span } from './tally';
import { writeBallot, writeBallotClosed, writePaperTally, writeTally, writeVote } from './writer';

const spec = ballotManifest.ballot;

async function loadBallot(db: Db, ballotId: string): Promise<Doc> {
  const b = await findById(db, 'ballots', ballotId);
  if (!b) throw new AppError('NOT_FOUND', '没有找到这次票决');
  return b;
}

/** A voter as the rules see them: a deputy counts for a binding ballot only when active on the deliberation roster. */
function voterFrom(user: ActionContext['user'], deputy: Doc | null): Voter & { deputyId?: string } {
  if (user.role !== 'deputy' || !user.deputyId) return { role: user.role, onDeliberationRoster: false };
  return { role: 'deputy', onDeliberationRoster: deputy?.deliberation === true && deputy?.active === true, deputyId: user.deputyId };
}

/** Who votes, for what a page shows: a deputy's roster entry from the warm directory (a vote reads it fresh). */
async function voterOf(ctx: ActionContext): Promise<Voter & { deputyId?: string }> {
  const deputyId = ctx.user.role === 'deputy' ? ctx.user.deputyId : undefined;
  return voterFrom(ctx.user, deputyId ? await warm(`directory:deputy:${deputyId}`, () => findById(ctx.db, 'deputies', deputyId)) : null);
}

/** Paper counts as the ballot carries them (`paper.<projectId>`, written with each paper tally). */
const paperOf = (b: Doc): Map<string, number> => new Map(Object.entries((b.paper ?? {}) as Record<string, unknown>).map(([k, n]) => [k, Number(n) || 0]));

/** Community names, for a community a live count names that the stored tally did not (warm: they rarely change). */
const communityNames = (db: Db): Promise<Map<string, string>> => directoryNames(db, 'communities');

type CountKind = BallotResults['count'];

/**
 * Counts of the ballots shown, in at most one request: a sealed final tally as it is; otherwise the stored
 * tally plus the votes since (a final tally whose seal fails is recounted from the votes).
 */
async function countsFor(db: Db, shown: Doc[]): Promise<Map<string, { counts: Counts; kind: CountKind; names: Map<string, string> }>> {
  const spans: Span[] = [];
  const base = new Map<string, { counts: Counts; kind: CountKind; names: Map<string, string> }>();
  for (const b of shown) {
    const t = storedTally(b);
    const names = new Map(t.turnout.map((c) => [c.communityId, c.name]));
    if (t.final && sealHolds(b._id, t)) base.set(b._id, { counts: countsOf(t), kind: 'frozen', names });
    else if (t.final) {
      console.error(`[ballot] the frozen tally of ${b._id} does not match its seal: recounting from the votes`);
      base.set(b._id, { counts: emptyCounts(), kind: 'recounted', names });
      spans.push({ ballotId: b._id, from: new Date(0), to: ballotEnd(b) });
    } else {
      base.set(b._id, { counts: countsOf(t), kind: 'live', names });
      spans.push(pendingSpan(b));
    }
  }
  const since = spans.length ? await countVotes(db, spans) : new Map<string, Counts>();
  for (const [id, c] of since) {
    const entry = base.get(id)!;
    entry.counts = addCounts(entry.counts, c);
  }
  const unnamed = [...base.values()].some((e) => [...e.counts.byCommunity.keys()].some((c) => c !== 'unknown' && !e.names.has(c)));
  if (unnamed) {
    const all = await communityNames(db);
    for (const e of base.values()) for (const [id, name] of all) if (!e.names.has(id)) e.names.set(id, name);
  }
  return base;
}

/** The caller's vote in one ballot, under the current key or the legacy one (one request for both). */
async function myVote(db: Db, ballotId: string, openid: string) {
  const ids = voterKeys(openid).map((k) => voteKey(ballotId, k));
  return (await db.collection('votes').where({ _id: db.command.in(ids) }).limit(2).get()).data[0] ?? null;
}

/**
 * The candidates as voters see them (projects with their checked images), kept in the warm instance: a
 * ballot's candidates are fixed when it is made, and their texts and images rarely change meanwhile.
 */
function candidatesOf(db: Db, b: Doc): Promise<Candidate[]> {
  return warm(`ballot:candidates:${b._id}:${(b.projectIds as string[]).join(',')}`, async () => {
    const projects = (await db.collection('projects').where({ _id: db.command.in(b.projectIds) }).limit(100).get()).data;
    const byId = new Map(projects.map((p) => [p._id, p]));
    const show = await publicImageFilter(db, projects.flatMap((p) => p.images ?? []));
    return (b.projectIds as string[]).flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      const c: Candidate = { _id: p._id, title: p.title, summary: p.summary };
      if (typeof p.cost === 'number') c.cost = p.cost;
      if (p.communityId) c.communityId = p.communityId;
      const images = show(p.images);
      if (images.length) c.images = images;
      return [c];
    });
  });
}

export const list = useCase(spec.list, {
  permission: signedIn,
  run: async (_input, { db, now, openid }) => {
    const rows = (await db.collection('ballots').orderBy('closesAt', 'desc').limit(50).get()).data;
    const at = now();
    const keys = voterKeys(openid);
    const mine = rows.length ? (await db.collection('votes').where({ _id: db.command.in(rows.flatMap((b) => keys.map((k) => voteKey(b._id, k)))) }).limit(100).get()).data : [];
    const voted = new Set(mine.map((v) => v.ballotId as string));
    return rows.map((b) => ({ ...ballotSummary(b, at), voted: voted.has(b._id) }));
  },
});

export const detail = useCase(spec.detail, {
  permission: signedIn,
  run: async (input, ctx): Promise<BallotDetail> => {
    const [b, vote] = await Promise.all([loadBallot(ctx.db, input.ballotId), myVote(ctx.db, input.ballotId, ctx.openid)]);
    const candidates = await candidatesOf(ctx.db, b);
    const detail: BallotDetail = { ...ballotSummary(b, ctx.now()), description: b.description ?? '', candidates, mayVote: mayVote(b.electorate, await voterOf(ctx)) };
    if (vote) detail.myVote = { projectIds: vote.projectIds, at: iso(vote.at) };
    return detail;
  },
});

/** The ballot and, for a deputy, their roster entry as it is now — in one request. */
async function ballotAndVoter(ctx: ActionContext, ballotId: string): Promise<{ b: Doc; voter: Voter & { deputyId?: string } }> {
  const deputyId = ctx.user.role === 'deputy' ? ctx.user.deputyId : undefined;
  if (!deputyId) return { b: await loadBallot(ctx.db, ballotId), voter: voterFrom(ctx.user, null) };
  const found = await findByIdWith(ctx.db, 'ballots', ballotId, { deputy: { collection: 'deputies', id: deputyId } });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这次票决');
  return { b: found.doc, voter: voterFrom(ctx.user, found.with.deputy) };
}

export const cast = useCase(spec.cast, {
  permission: electorate,
  run: async (input, ctx) => {
    const { b, voter } = await ballotAndVoter(ctx, input.ballotId);
    const at = ctx.now();
    const outcome = orRefuse(castVote(ballotState(b), voter, input.projectIds, at));
    const [key, legacy] = voterKeys(ctx.openid);
    // A ballot older than HMAC keys may hold this person's vote under the old public key.
    if (b.voteKeys !== 'hmac' && (await findById(ctx.db, 'votes', voteKey(b._id, legacy)))) throw new AppError('CONFLICT', '您已经投过票了，每人只能投一次');
    await writeVote(ctx.db, { _id: voteKey(b._id, key), ballotId: b._id, projectIds: outcome.projectIds, at, communityId: ctx.user.communityId ?? null, channel: 'online' }, outcome.points);
    return { ballotId: b._id, projectIds: outcome.projectIds, at: iso(at) };
  },
});

/**
 * Results in ≤ 3 requests whatever the number of votes: the caller, the ballot with its pair (one query:
 * the pair points back), and — unless both tallies are frozen — one aggregate of the votes since their tally.
 */
export const results = useCase(spec.results, {
  permission: resultsAudience,
  run: async (input, { db, user, now }): Promise<BallotResults> => {
    const _ = db.command;
    const at = now();
    const docs = (await db.collection('ballots').where(_.or([{ _id: input.ballotId }, { pairedBallotId: input.ballotId }])).limit(3).get()).data;
    const b = docs.find((d) => d._id === input.ballotId);
    if (!b) throw new AppError('NOT_FOUND', '没有找到这次票决');
    const { status } = orRefuse(seeResults(ballotState(b), user.role, at));
    // A pair that no longer points back (re-paired since) is not in the query's answer: one more read.
    const pair = b.pairedBallotId ? docs.find((d) => d._id === b.pairedBallotId) ?? (await findById(db, 'ballots', b.pairedBallotId)) : undefined;
    const paired = pair && seeResults(ballotState(pair), user.role, at).ok ? pair : undefined;
    const counted = await countsFor(db, paired ? [b, paired] : [b]);
    const mine = counted.get(b._id)!;
    const result: BallotResults = {
      ballotId: b._id,
      status,
      count: mine.kind,
      voters: mine.counts.voters,
      tallies: combineTallies(b.projectIds, mine.counts.byProject, paperOf(b)),
      turnoutByCommunity: [...mine.counts.byCommunity.entries()].map(([communityId, voters]) => ({ communityId, name: mine.names.get(communityId) ?? '未填写社区', voters })).sort((x, y) => y.voters - x.voters),
    };
    if (paired) {
      const theirs = counted.get(paired._id)!;
      result.paired = { ballotId: paired._id, electorate: paired.electorate, voters: theirs.counts.voters, tallies: combineTallies(paired.projectIds, theirs.counts.byProject, paperOf(paired)) };
    }
    return result;
  },
});

export const close = useCase(spec.close, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const b = await loadBallot(db, input.ballotId);
    const at = now();
    const { from } = orRefuse(closeBallot(ballotState(b), at));
    await writeBallotClosed(db, b._id, from, user.openid, at);
    return ballotSummary({ ...b, closedAt: at }, at);
  },
});

export const paper = useCase(spec.paper, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const b = await loadBallot(db, input.ballotId);
    orRefuse(enterPaperTally(ballotState(b), input.projectId));
    await writePaperTally(db, { ballotId: b._id, projectId: input.projectId, count: input.count, note: input.note }, user.openid, now());
    return { ballotId: b._id, projectId: input.projectId, count: input.count };
  },
});

export const create = useCase(spec.create, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    // Shape first (no reads), then whether the candidates exist.
    const shape = createBallot({ ...input, opensAt, closesAt }, new Set(input.projectIds).size);
    const { projectIds } = orRefuse(shape);
    const found = (await db.collection('projects').where({ _id: db.command.in(projectIds) }).limit(100).get()).data;
    orRefuse(createBallot({ ...input, opensAt, closesAt }, found.length));
    const at = now();
    const doc = { title: input.title, description: input.description, electorate: input.electorate, projectIds, minChoices: input.minChoices, maxChoices: input.maxChoices, opensAt, closesAt, closedAt: null, pairedBallotId: input.pairedBallotId ?? null, createdAt: at, paper: {}, tally: toStored({ _id: '', projectIds }, emptyCounts(), opensAt, false, new Map(), at) };
    const _id = await writeBallot(db, doc, user.openid, at);
    return ballotSummary({ _id, ...doc }, at);
  },
});

/** Most ballots one tally run looks at (the street runs a handful at a time). */
const MAX_TALLIES_PER_RUN = 50;

/**
 * The tally timer (every five minutes): each unfinished ballot's tally moves on to (now − SETTLE_MS), and once the
 * ballot ended and settled, its final tally is frozen and sealed (tally.ts). CHUNK votes per aggregate, each
 * chunk stored by a conditional update, until the deadline: a backlog (votes written before the timer ever
 * ran) drains over several runs; in steady state a run counts five minutes of votes per ballot.
 */
export async function tallyTimer({ db, now, deadline }: SystemContext) {
  const _ = db.command;
  const at = now();
  const settled = new Date(at.getTime() - SETTLE_MS);
  const rows = (await db.collection('ballots').where({ 'tally.final': _.neq(true), opensAt: _.lte(at) }).limit(100).get()).data;
  const due = rows.filter((b) => new Date(Math.min(settled.getTime(), ballotEnd(b).getTime())) > storedTally(b).through).slice(0, MAX_TALLIES_PER_RUN);
  const report = { advanced: 0, frozen: 0, skipped: 0, chunks: 0, more: false };
  let names: Map<string, string> | undefined;
  let lastChunkMs = 0;
  ballots: for (let b of due) {
    const end = ballotEnd(b);
    const target = new Date(Math.min(settled.getTime(), end.getTime()));
    for (;;) {
      // No chunk is started that would not end before the deadline (judged by the last one).
      if (Date.now() + lastChunkMs >= deadline) {
        report.more = true;
        break ballots;
      }
      const t = storedTally(b);
      const started = Date.now();
      const chunk = await countChunk(db, b._id, t.through, target);
      report.chunks += 1;
      names ??= new Map((await db.collection('communities').limit(100).get()).data.map((c) => [c._id, c.name as string]));
      const final = chunk.through.getTime() === end.getTime();
      const next = toStored(b, addCounts(countsOf(t), chunk.counts), chunk.through, final, new Map([...names, ...t.turnout.map((c) => [c.communityId, c.name] as const)]), at);
      if (!(await writeTally(db, b, next))) {
        report.skipped += 1; // another run or a close came between: the next run counts again
        continue ballots;
      }
      b = { ...b, tally: next };
      lastChunkMs = Date.now() - started;
      if (final) report.frozen += 1;
      if (chunk.through >= target) {
        if (!final) report.advanced += 1;
        continue ballots;
      }
    }
  }
  return report;
}

const asCounts = (c: Counts) => ({ voters: c.voters, byProject: Object.fromEntries(c.byProject), byCommunity: Object.fromEntries(c.byCommunity) });
const fromStored = (r: { voters: number; byProject: Record<string, number>; byCommunity: Record<string, number> }): Counts => ({ voters: r.voters, byProject: new Map(Object.entries(r.byProject)), byCommunity: new Map(Object.entries(r.byCommunity)) });

function differencesOf(frozen: Counts, recounted: Counts) {
  const out: { what: string; frozen: number; recounted: number }[] = [];
  const diff = (what: string, x: number, y: number) => { if (x !== y) out.push({ what, frozen: x, recounted: y }); };
  diff('voters', frozen.voters, recounted.voters);
  for (const id of new Set([...frozen.byProject.keys(), ...recounted.byProject.keys()])) diff(`project:${id}`, frozen.byProject.get(id) ?? 0, recounted.byProject.get(id) ?? 0);
  for (const id of new Set([...frozen.byCommunity.keys(), ...recounted.byCommunity.keys()])) diff(`community:${id}`, frozen.byCommunity.get(id) ?? 0, recounted.byCommunity.get(id) ?? 0);
  return out;
}

/**
 * Admin `recount` (console 云端测试 or CLI): the stored votes stamped before the end counted again, CHUNK at
 * a time until the deadline; the progress is kept on the ballot (`recount`), so calling again continues
 * (`restart: true` starts over). When done: beside the frozen tally, `matches` false naming every
 * difference (a vote edited or removed in the console after the close). Results never change by it.
 */
export const recount = adminAction({
  input: recountInput,
  run: async (input, { db, now, deadline }) => {
    const b = await loadBallot(db, input.ballotId);
    const end = ballotEnd(b);
    const t = storedTally(b);
    const previous = b.recount && !b.recount.done && !input.restart ? b.recount : null;
    let through = previous ? new Date(previous.through) : new Date(0);
    let counts = previous ? fromStored(previous) : emptyCounts();
    let lastChunkMs = 0;
    while (through < end && Date.now() + lastChunkMs < deadline) {
      const started = Date.now();
      const chunk = await countChunk(db, b._id, through, end);
      counts = addCounts(counts, chunk.counts);
      through = chunk.through;
      lastChunkMs = Date.now() - started;
    }
    const done = through >= end;
    const progress: Record<string, unknown> = { through, done, ...asCounts(counts), at: now() };
    if (done) {
      const frozen = t.final ? countsOf(t) : null;
      const differences = frozen ? differencesOf(frozen, counts) : [];
      const late = await db.collection('votes').where({ ballotId: b._id, at: db.command.gte(end) }).count();
      Object.assign(progress, { final: t.final, sealHolds: t.final ? sealHolds(b._id, t) : null, matches: frozen ? differences.length === 0 : null, differences, uncounted: late.total });
    }
    await db.collection('ballots').doc(b._id).update({ data: { recount: db.command.set(progress) } });
    return {
      ballotId: b._id,
      ...progress,
      recounted: asCounts(counts),
      frozen: t.final ? asCounts(countsOf(t)) : null,
    };
  },
});
