import * as v from 'valibot';
import { ballotIdInput, castInput, createBallotInput, paperInput, type BallotDetail, type BallotResults, type BallotSummary, type Candidate } from '../../contracts/ballot';
import { ballotStatus, checkBallotShape, checkChoices, combineTallies, mayVote, resultsVisible, voteKey, type Electorate } from '../../domain/ballots/rules';
import { appendAudit } from '../_lib/audit';
import { addDutyPoints } from '../_lib/duty';
import { findById, isDuplicateKey, type Db, type Doc } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction, type ActionContext } from '../_lib/handler';
import { voterHash } from '../_lib/voters';

/**
 * Casting holds one-person-one-vote by construction, here and on WeChat cloud alike:
 *  - a vote is ONE insert whose _id is (ballotId, voter key): the primary key makes a second vote
 *    impossible, whatever the concurrency; the loser gets a duplicate-key error → CONFLICT;
 *  - there are no counters to keep in step: tallies are computed from the stored votes (aggregate),
 *    so they always equal a recount; paper tallies live in their own documents, entered by staff.
 */
const iso = (d: Date | string) => new Date(d).toISOString();

function summaryOf(b: Doc, now: Date): BallotSummary {
  return {
    _id: b._id,
    title: b.title,
    electorate: b.electorate,
    status: ballotStatus({ opensAt: new Date(b.opensAt), closesAt: new Date(b.closesAt), closedAt: b.closedAt ? new Date(b.closedAt) : null }, now),
    minChoices: b.minChoices,
    maxChoices: b.maxChoices,
    opensAt: iso(b.opensAt),
    closesAt: iso(b.closesAt),
    candidateCount: b.projectIds.length,
    ...(b.closedAt ? { closedAt: iso(b.closedAt) } : {}),
    ...(b.pairedBallotId ? { pairedBallotId: b.pairedBallotId } : {}),
  };
}

async function loadBallot(db: Db, ballotId: string): Promise<Doc> {
  const b = await findById(db, 'ballots', ballotId);
  if (!b) throw new AppError('NOT_FOUND', '没有找到这次票决');
  return b;
}

async function voterOf(ctx: ActionContext): Promise<{ role: 'resident' | 'deputy' | 'staff'; onDeliberationRoster: boolean }> {
  if (ctx.user.role !== 'deputy' || !ctx.user.deputyId) return { role: ctx.user.role, onDeliberationRoster: false };
  const deputy = await findById(ctx.db, 'deputies', ctx.user.deputyId);
  return { role: 'deputy', onDeliberationRoster: deputy?.deliberation === true && deputy?.active === true };
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

export const main = defineFunction('ballot', {
  list: action({
    input: v.object({}),
    run: async (_input, { db, now, openid }): Promise<(BallotSummary & { voted: boolean })[]> => {
      const rows = (await db.collection('ballots').orderBy('closesAt', 'desc').limit(50).get()).data;
      const at = now();
      const key = voterHash(openid);
      const mine = rows.length ? (await db.collection('votes').where({ _id: db.command.in(rows.map((b) => voteKey(b._id, key))) }).limit(50).get()).data : [];
      const voted = new Set(mine.map((v) => v.ballotId as string));
      return rows.map((b) => ({ ...summaryOf(b, at), voted: voted.has(b._id) }));
    },
  }),

  detail: action({
    input: ballotIdInput('detail'),
    run: async (input, ctx): Promise<BallotDetail> => {
      const b = await loadBallot(ctx.db, input.ballotId);
      const projects = (await ctx.db.collection('projects').where({ _id: ctx.db.command.in(b.projectIds) }).limit(100).get()).data;
      const byId = new Map(projects.map((p) => [p._id, p]));
      const candidates: Candidate[] = (b.projectIds as string[]).flatMap((id) => {
        const p = byId.get(id);
        if (!p) return [];
        const c: Candidate = { _id: p._id, title: p.title, summary: p.summary };
        if (typeof p.cost === 'number') c.cost = p.cost;
        if (p.communityId) c.communityId = p.communityId;
        if (p.images?.length) c.images = p.images;
        return [c];
      });
      const vote = await findById(ctx.db, 'votes', voteKey(b._id, voterHash(ctx.openid)));
      const detail: BallotDetail = { ...summaryOf(b, ctx.now()), description: b.description ?? '', candidates, mayVote: mayVote(b.electorate, await voterOf(ctx)) };
      if (vote) detail.myVote = { projectIds: vote.projectIds, at: iso(vote.at) };
      return detail;
    },
  }),

  cast: action({
    input: castInput,
    run: async (input, ctx) => {
      const b = await loadBallot(ctx.db, input.ballotId);
      const at = ctx.now();
      const status = summaryOf(b, at).status;
      if (status !== 'open') throw new AppError('FAILED_PRECONDITION', status === 'upcoming' ? '票决尚未开始' : '票决已经结束');
      if (!mayVote(b.electorate as Electorate, await voterOf(ctx))) throw new AppError('PERMISSION_DENIED', b.electorate === 'deputy' ? '本次票决仅限审议代表投票' : '本次票决仅限居民投票');
      const check = checkChoices(input.projectIds, b.projectIds, b.minChoices, b.maxChoices);
      if (!check.ok) throw new AppError('INVALID_ARGUMENT', check.reason);
      const vote = { _id: voteKey(b._id, voterHash(ctx.openid)), ballotId: b._id, projectIds: check.projectIds, at, communityId: ctx.user.communityId ?? null, channel: 'online' };
      try {
        await ctx.db.collection('votes').add({ data: vote });
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', '您已经投过票了，每人只能投一次');
        throw err;
      }
      if (b.electorate === 'deputy' && ctx.user.deputyId) await addDutyPoints(ctx.db, ctx.user.deputyId, ['binding_vote'], { type: 'ballot', id: b._id }, at);
      return { ballotId: b._id, projectIds: check.projectIds, at: iso(at) };
    },
  }),

  results: action({
    input: ballotIdInput('results'),
    run: async (input, { db, user, now }): Promise<BallotResults> => {
      const b = await loadBallot(db, input.ballotId);
      const status = summaryOf(b, now()).status;
      if (!resultsVisible(user.role, status)) throw new AppError('FAILED_PRECONDITION', '票决结束后才公布结果');
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
        if (paired && resultsVisible(user.role, summaryOf(paired, now()).status)) {
          const t = await tallyOf(db, paired);
          result.paired = { ballotId: paired._id, electorate: paired.electorate, voters: t.online.voters, tallies: t.tallies };
        }
      }
      return result;
    },
  }),

  close: action({
    input: ballotIdInput('close'),
    roles: ['staff'],
    run: async (input, { db, user, now }) => {
      const b = await loadBallot(db, input.ballotId);
      const at = now();
      const before = summaryOf(b, at).status;
      if (before === 'closed') throw new AppError('FAILED_PRECONDITION', '票决已经结束');
      const res = await db.collection('ballots').where({ _id: b._id, closedAt: null }).update({ data: { closedAt: at, closedBy: user.openid } });
      if (res.stats.updated !== 1) throw new AppError('CONFLICT', '票决已被关闭');
      await appendAudit(db, { entityType: 'ballot', entityId: b._id, action: 'close', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: before, to: 'closed', at });
      return summaryOf({ ...b, closedAt: at }, at);
    },
  }),

  paper: action({
    input: paperInput,
    roles: ['staff'],
    run: async (input, { db, user, now }) => {
      const b = await loadBallot(db, input.ballotId);
      if (!b.projectIds.includes(input.projectId)) throw new AppError('INVALID_ARGUMENT', '该项目不在本次票决范围内');
      const at = now();
      const id = `${b._id}_${input.projectId}`;
      const before = await findById(db, 'paperTallies', id);
      await db.collection('paperTallies').doc(id).set({ data: { ballotId: b._id, projectId: input.projectId, count: input.count, enteredBy: user.openid, at, note: input.note ?? null } });
      await appendAudit(db, { entityType: 'ballot', entityId: b._id, action: 'paper_tally', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: String(before?.count ?? 0), to: String(input.count), at, note: `${input.projectId}${input.note ? `：${input.note}` : ''}` });
      return { ballotId: b._id, projectId: input.projectId, count: input.count };
    },
  }),

  create: action({
    input: createBallotInput,
    roles: ['staff'],
    run: async (input, { db, user, now }) => {
      const opensAt = new Date(input.opensAt);
      const closesAt = new Date(input.closesAt);
      const problem = checkBallotShape({ minChoices: input.minChoices, maxChoices: input.maxChoices, candidateCount: new Set(input.projectIds).size, opensAt, closesAt });
      if (problem) throw new AppError('INVALID_ARGUMENT', problem);
      const found = (await db.collection('projects').where({ _id: db.command.in(input.projectIds) }).limit(100).get()).data;
      if (found.length !== new Set(input.projectIds).size) throw new AppError('INVALID_ARGUMENT', '有候选项目不存在');
      const at = now();
      const doc = { title: input.title, description: input.description, electorate: input.electorate, projectIds: [...new Set(input.projectIds)], minChoices: input.minChoices, maxChoices: input.maxChoices, opensAt, closesAt, closedAt: null, pairedBallotId: input.pairedBallotId ?? null, createdBy: user.openid, createdAt: at };
      const { _id } = await db.collection('ballots').add({ data: doc });
      if (input.pairedBallotId) await db.collection('ballots').doc(input.pairedBallotId).update({ data: { pairedBallotId: _id } });
      await appendAudit(db, { entityType: 'ballot', entityId: _id, action: 'create', actorOpenid: user.openid, actorRole: 'staff', source: 'app', to: 'created', at });
      return summaryOf({ _id, ...doc }, at);
    },
  }),
});
