/** 群众点单 → 代表定单 → 政府买单 → 人大验单: proposals, shortlisting into projects, delivery, scoring. */
import { createHash } from 'node:crypto';
import { ballotManifest } from '../../../contracts/ballot.manifest';
import type { ProjectDetail, ProjectPublic } from '../../../contracts/ballot';
import { propose as decidePropose, recordProgress, reviewProposal as decideReview, scoreDelivery, shortlist as decideShortlist, type ProposalNotice } from '../../../domain/projects/commands';
import { checkText } from '../../_platform/contentCheck';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { deliverSoon, type Notice } from '../../_platform/outbox';
import { pageByTime, pageResult } from '../../_platform/paging';
import { scoringDeputy, signedIn, staffMember } from './permissions';
import { isoOrNull as iso, publicProject } from './views';
import { removeFollow, writeFollow, writeProgress, writeProjectEffects, writeProposal, writeProposalReview, writeScore, writeShortlist } from './projectWriter';

const spec = ballotManifest.project;
const proposalId = (openid: string, requestId: string) => createHash('sha256').update(`proposal\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
const followId = (projectId: string, openid: string) => `${projectId}_${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;

/** Proposers are told through the appeal-status template: the number is the proposal's (or project's) id. */
const proposalNotice = (n: ProposalNotice, number: string, summary: string, at: Date): Notice => ({
  toOpenid: n.toOpenid, template: 'appealStatus', values: { trackingNo: number.slice(0, 12), status: n.status, summary, time: at }, title: n.title, body: n.body, dedupeKey: n.key,
});

export const propose = useCase(spec.propose, {
  permission: signedIn,
  run: async (input, { db, openid, cloud, now }) => {
    const id = proposalId(openid, input.requestId);
    const existing = await findById(db, 'proposals', id);
    if (existing) return { _id: id, status: existing.status };
    if (!(await findById(db, 'communities', input.communityId))) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
    const check = await checkText(cloud, openid, `${input.title}\n${input.description}`, 2);
    const { status } = orRefuse(decidePropose(check.verdict));
    const at = now();
    await writeProposal(db, { _id: id, requestId: input.requestId, proposerOpenid: openid, title: input.title, description: input.description, communityId: input.communityId, cost: input.cost ?? null, images: input.images ?? [], status, contentCheck: { verdict: check.verdict }, projectId: null, createdAt: at });
    return { _id: id, status };
  },
});

export const myProposals = useCase(spec.myProposals, {
  permission: signedIn,
  run: async (input, { db, openid }) => {
    const page = await pageByTime(db, (extra) => db.collection('proposals').where({ proposerOpenid: openid, ...extra }), 'createdAt', input.cursor);
    return pageResult(page.docs.map((p) => ({ _id: p._id, title: p.title, status: p.status, projectId: p.projectId ?? null, reviewReason: p.reviewReason ?? null, createdAt: iso(p.createdAt) })), page.nextCursor);
  },
});

export const proposals = useCase(spec.proposals, {
  permission: staffMember,
  run: async (input, { db }) => {
    const page = await pageByTime(db, (extra) => db.collection('proposals').where({ status: input.status ?? 'submitted', ...extra }), 'createdAt', input.cursor);
    return pageResult(page.docs.map((p) => ({ _id: p._id, title: p.title, description: p.description, communityId: p.communityId, cost: p.cost, status: p.status, reviewReason: p.reviewReason ?? null, createdAt: iso(p.createdAt) })), page.nextCursor);
  },
});

/** Merge one or more proposals (duplicates) into a candidate project, edited for clarity; proposers are told. */
export const shortlist = useCase(spec.shortlist, {
  permission: staffMember,
  run: async (input, { db, user, now, cloud }) => {
    const found = (await db.collection('proposals').where({ _id: db.command.in(input.proposalIds) }).limit(50).get()).data;
    const outcome = orRefuse(decideShortlist(found as never, input.proposalIds, input.title, user));
    const at = now();
    const project = { title: input.title, summary: input.summary, description: input.summary, cost: input.cost ?? null, communityId: input.communityId ?? found[0].communityId ?? null, images: found.flatMap((p) => p.images ?? []).slice(0, 6), proposalIds: outcome.proposalIds, status: 'candidate', percent: 0, milestones: [], createdAt: at };
    const projectId = await writeShortlist(db, project, outcome.proposalIds, at);
    const noticeIds = await writeProjectEffects(db, projectId, [outcome.audit], outcome.notices.map((n) => proposalNotice(n, projectId, input.title, at)), at);
    await deliverSoon(db, cloud, noticeIds, at);
    return { projectId, proposalIds: outcome.proposalIds };
  },
});

/**
 * Staff: a held proposal (content review) can be approved into the shortlist pool; any open proposal can be
 * declined with a written explanation the proposer reads (an unfeasible project needs a reason).
 */
export const reviewProposal = useCase(spec.reviewProposal, {
  permission: staffMember,
  run: async (input, { db, user, now, cloud }) => {
    const p = await findById(db, 'proposals', input.id);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这条建议');
    const outcome = orRefuse(decideReview(p as never, input.decision, input.reason, user));
    const at = now();
    await writeProposalReview(db, { _id: p._id, status: p.status }, outcome.to, outcome.reason, user.openid, at);
    const noticeIds = await writeProjectEffects(db, p._id, [outcome.audit], outcome.notices.map((n) => proposalNotice(n, p._id, p.title, at)), at);
    await deliverSoon(db, cloud, noticeIds, at);
    return { _id: p._id, status: outcome.to };
  },
});

export const list = useCase(spec.list, {
  permission: signedIn,
  run: async (_input, { db }) => (await db.collection('projects').orderBy('_id', 'asc').limit(100).get()).data.map(publicProject) as ProjectPublic[],
});

export const detail = useCase(spec.detail, {
  permission: signedIn,
  run: async (input, { db, openid, user }): Promise<ProjectDetail> => {
    const p = await findById(db, 'projects', input.projectId);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
    const [following, scores] = await Promise.all([findById(db, 'follows', followId(p._id, openid)), db.collection('deliveryScores').where({ projectId: p._id }).limit(100).get()]);
    const avg = scores.data.length ? scores.data.reduce((s, x) => s + Number(x.score), 0) / scores.data.length : null;
    const mine = user.deputyId ? scores.data.find((x) => x.deputyId === user.deputyId) : undefined;
    return { ...(publicProject(p) as ProjectPublic), following: !!following, deliveryScore: avg === null ? null : Math.round(avg * 10) / 10, scoreCount: scores.data.length, myScore: mine ? Number(mine.score) : null };
  },
});

export const follow = useCase(spec.follow, {
  permission: signedIn,
  run: async (input, { db, openid, now }) => {
    if (!(await findById(db, 'projects', input.projectId))) throw new AppError('NOT_FOUND', '没有找到这个项目');
    await writeFollow(db, { _id: followId(input.projectId, openid), projectId: input.projectId, openid, at: now() });
    return { following: true };
  },
});

export const unfollow = useCase(spec.unfollow, {
  permission: signedIn,
  run: async (input, { db, openid }) => {
    await removeFollow(db, followId(input.projectId, openid));
    return { following: false };
  },
});

/** Every follower of a project, keyset-paged on (projectId, openid): none is left without the notice. */
async function allFollowers(db: Db, projectId: string): Promise<Doc[]> {
  const out: Doc[] = [];
  for (;;) {
    const last = out[out.length - 1];
    const page = (await db.collection('follows').where({ projectId, ...(last ? { openid: db.command.gt(last.openid) } : {}) }).orderBy('openid', 'asc').limit(100).get()).data;
    out.push(...page);
    if (page.length < 100) return out;
  }
}

/** 政府买单: staff record delivery progress; followers are notified of each milestone. */
export const progress = useCase(spec.progress, {
  permission: staffMember,
  run: async (input, { db, user, now, cloud }) => {
    const p = await findById(db, 'projects', input.projectId);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
    const outcome = orRefuse(recordProgress({ percent: p.percent }, input.percent, input.milestone, user));
    const at = now();
    const milestone = { percent: input.percent, milestone: input.milestone, photos: input.photos ?? [], date: input.date ? new Date(input.date) : at, at };
    await writeProgress(db, p._id, input.percent, outcome.status, milestone, at);
    const followers = await allFollowers(db, p._id);
    const notices: Notice[] = followers.map((f) => ({ toOpenid: f.openid, template: 'appealStatus', values: { trackingNo: p._id, status: outcome.phrase, summary: p.title, time: at }, title: `「${p.title}」进度 ${input.percent}%`, body: input.milestone, dedupeKey: `project-${p._id}-${input.percent}-${f._id}` }));
    const noticeIds = await writeProjectEffects(db, p._id, [outcome.audit], notices, at);
    // The first pushes go out at once; the notify timer delivers the rest (all are queued).
    await deliverSoon(db, cloud, noticeIds.slice(0, 20), at);
    return { projectId: p._id, percent: input.percent, status: outcome.status, notified: followers.length };
  },
});

/** 人大验单: deputies score delivery once a project is delivered. */
export const score = useCase(spec.score, {
  permission: scoringDeputy,
  run: async (input, { db, user, now }) => {
    const p = await findById(db, 'projects', input.projectId);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
    const at = now();
    const outcome = orRefuse(scoreDelivery(p as never, input.score, input.comment, { openid: user.openid, deputyId: user.deputyId! }, at));
    await writeScore(db, { projectId: p._id, deputyId: user.deputyId!, score: input.score, comment: input.comment ?? null, at }, outcome.points);
    await writeProjectEffects(db, p._id, [outcome.audit], [], at);
    return { projectId: p._id, score: input.score };
  },
});
