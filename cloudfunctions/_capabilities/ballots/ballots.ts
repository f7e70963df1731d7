/**
 * 民生实事项目票决. Casting holds one-person-one-vote by construction, here and on WeChat cloud alike:
 *  - a vote is ONE insert whose _id is (ballotId, voter key): the primary key makes a second vote
 *    impossible, whatever the concurrency; the loser gets a duplicate-key error → CONFLICT;
 *  - there are no counters to keep in step: tallies are computed from the stored votes (aggregate),
 *    so they always equal a recount; paper tallies live in their own documents, entered by staff.
 */
import { ballotManifest } from '../../../contracts/ballot.manifest';
import type { BallotDetail, BallotResults, Candidate } from '../../../contracts/ballot';
import { castVote, closeBallot, createBallot, enterPaperTally, seeResults } from '../../../domain/ballots/commands';
import { combineTallies, mayVote, voteKey, type Voter } from '../../../domain/ballots/rules';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase, type ActionContext } from '../../_platform/handler';
import { publicImageFilter } from '../moderation/media';
import { electorate, resultsAudience, signedIn, staffMember } from './permissions';
import { ballotState, ballotSummary, iso } from './views';
import { voterKeys } from './voters';
import { writeBallot, writeBallotClosed, writePaperTally, writeVote } from './writer';

const spec = ballotManifest.ballot;

async function loadBallot(db: Db, ballotId: string): Promise<Doc> {
  const b = await findById(db, 'ballots', ballotId);
  if (!b) throw new AppError('NOT_FOUND', '没有找到这次票决');
  return b;
}

async function voterOf(ctx: ActionContext): Promise<Voter & { deputyId?: string }> {
  if (ctx.user.role !== 'deputy' || !ctx.user.deputyId) return { role: ctx.user.role, onDeliberationRoster: false };
  const deputy = await findById(ctx.db, 'deputies', ctx.user.deputyId);
  return { role: 'deputy', onDeliberationRoster: deputy?.deliberation === true && deputy?.active === true, deputyId: ctx.user.deputyId };
}

async function onlineCounts(db: Db, ballotId: string): Promise<{ counts: Map<string, number>; voters: number; byCommunity: Map<string, number> }> {
  const $ = db.command.aggregate;
  const votes = db.collection('votes');
  const [perProject, perCommunity, total] = await Promise.all([
    votes.aggregate().match({ ballotId }).unwind('$projectIds').group({ _id: '$projectIds', n: $.sum(1) }).limit(1000).end(),
    votes.aggregate().match({ ballotId }).group({ _id: '$communityId', n: $.sum(1) }).limit(1000).end(),
    votes.where({ ballotId }).count(),
  ]);
  return {
    counts: new Map((perProject.list as { _id: string; n: number }[]).map((r) => [r._id, r.n])),
    byCommunity: new Map((perCommunity.list as { _id: string | null; n: number }[]).map((r) => [r._id ?? 'unknown', r.n])),
    voters: total.total,
  };
}

async function paperCounts(db: Db, ballotId: string): Promise<Map<string, number>> {
  const rows = (await db.collection('paperTallies').where({ ballotId }).limit(100).get()).data;
  return new Map(rows.map((r) => [r.projectId as string, Number(r.count) || 0]));
}

async function tallyOf(db: Db, b: Doc) {
  const [online, paper] = await Promise.all([onlineCounts(db, b._id), paperCounts(db, b._id)]);
  return { online, tallies: combineTallies(b.projectIds, online.counts, paper) };
}

/** The caller's vote in one ballot, under the current key or the legacy one (one request for both). */
async function myVote(db: Db, ballotId: string, openid: string) {
  const ids = voterKeys(openid).map((k) => voteKey(ballotId, k));
  return (await db.collection('votes').where({ _id: db.command.in(ids) }).limit(2).get()).data[0] ?? null;
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
    const b = await loadBallot(ctx.db, input.ballotId);
    const projects = (await ctx.db.collection('projects').where({ _id: ctx.db.command.in(b.projectIds) }).limit(100).get()).data;
    const byId = new Map(projects.map((p) => [p._id, p]));
    const show = await publicImageFilter(ctx.db, projects.flatMap((p) => p.images ?? []));
    const candidates: Candidate[] = (b.projectIds as string[]).flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      const c: Candidate = { _id: p._id, title: p.title, summary: p.summary };
      if (typeof p.cost === 'number') c.cost = p.cost;
      if (p.communityId) c.communityId = p.communityId;
      const images = show(p.images);
      if (images.length) c.images = images;
      return [c];
    });
    const vote = await myVote(ctx.db, b._id, ctx.openid);
    const detail: BallotDetail = { ...ballotSummary(b, ctx.now()), description: b.description ?? '', candidates, mayVote: mayVote(b.electorate, await voterOf(ctx)) };
    if (vote) detail.myVote = { projectIds: vote.projectIds, at: iso(vote.at) };
    return detail;
  },
});

export const cast = useCase(spec.cast, {
  permission: electorate,
  run: async (input, ctx) => {
    const b = await loadBallot(ctx.db, input.ballotId);
    const at = ctx.now();
    const outcome = orRefuse(castVote(ballotState(b), await voterOf(ctx), input.projectIds, at));
    const [key, legacy] = voterKeys(ctx.openid);
    if (await findById(ctx.db, 'votes', voteKey(b._id, legacy))) throw new AppError('CONFLICT', '您已经投过票了，每人只能投一次');
    await writeVote(ctx.db, { _id: voteKey(b._id, key), ballotId: b._id, projectIds: outcome.projectIds, at, communityId: ctx.user.communityId ?? null, channel: 'online' }, outcome.points);
    return { ballotId: b._id, projectIds: outcome.projectIds, at: iso(at) };
  },
});

export const results = useCase(spec.results, {
  permission: resultsAudience,
  run: async (input, { db, user, now }): Promise<BallotResults> => {
    const b = await loadBallot(db, input.ballotId);
    const { status } = orRefuse(seeResults(ballotState(b), user.role, now()));
    const { online, tallies } = await tallyOf(db, b);
    const communities = new Map((await db.collection('communities').limit(100).get()).data.map((c) => [c._id, c.name as string]));
    const result: BallotResults = {
      ballotId: b._id,
      status,
      voters: online.voters,
      tallies,
      turnoutByCommunity: [...online.byCommunity.entries()].map(([communityId, voters]) => ({ communityId, name: communities.get(communityId) ?? '未填写社区', voters })).sort((x, y) => y.voters - x.voters),
    };
    if (b.pairedBallotId) {
      const paired = await findById(db, 'ballots', b.pairedBallotId);
      if (paired && seeResults(ballotState(paired), user.role, now()).ok) {
        const t = await tallyOf(db, paired);
        result.paired = { ballotId: paired._id, electorate: paired.electorate, voters: t.online.voters, tallies: t.tallies };
      }
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
    const doc = { title: input.title, description: input.description, electorate: input.electorate, projectIds, minChoices: input.minChoices, maxChoices: input.maxChoices, opensAt, closesAt, closedAt: null, pairedBallotId: input.pairedBallotId ?? null, createdAt: at };
    const _id = await writeBallot(db, doc, user.openid, at);
    return ballotSummary({ _id, ...doc }, at);
  },
});
