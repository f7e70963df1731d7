/** 群众点单 → 代表定单 → 政府买单 → 人大验单: proposals, shortlisting into projects, delivery, scoring. */
import { createHash } from 'node:crypto';
import { ballotManifest } from '../../../contracts/ballot.manifest';
import type { ProjectDetail, ProjectPublic } from '../../../contracts/ballot';
import { propose as decidePropose, recordProgress, reviewProposal as decideReview, scoreDelivery, shortlist as decideShortlist, type ProposalNotice } from '../../../domain/projects/commands';
import { DAILY_LIMITS } from '../../../domain/limits';
import { screen } from '../../../domain/contentCheck';
import { checkTexts } from '../../_platform/contentCheck';
import { findById, findByIdWith } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import type { Notice } from '../../_platform/outbox';
import { assertQuota } from '../../_platform/quota';
import { holdText } from '../moderation/held';
import { imageChecks, publicImageFilter } from '../moderation/media';
import { claimImages } from '../moderation/mediaCheck';
import { applyProgress } from './milestones';
import { pageByTime, pageResult } from '../../_platform/paging';
import { scoringDeputy, signedIn, staffMember } from './permissions';
import { isoOrNull as iso, projectImages, publicProject, visibleProject } from './views';
import { removeFollow, writeFollow, writeProjectEffects, writeProposal, writeProposalReview, writeScore, writeShortlist } from './projectWriter';

const spec = ballotManifest.project;
const proposalId = (openid: string, requestId: string) => createHash('sha256').update(`proposal\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
const followId = (projectId: string, openid: string) => `${projectId}_${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;

/** Proposers are told through the appeal-status template: the number is the proposal's (or project's) id. */
const proposalNotice = (n: ProposalNotice, number: string, summary: string, at: Date): Notice => ({
  toOpenid: n.toOpenid, template: 'appealStatus', values: { trackingNo: number.slice(0, 12), status: n.status, summary, time: at }, title: n.title, body: n.body, dedupeKey: n.key,
});

/** A proposal: checked (risky refused, unsure or from a blocked account held), its images claimed, counted per day. */
export const propose = useCase(spec.propose, {
  permission: signedIn,
  run: async (input, { db, openid, user, cloud, now }) => {
    const id = proposalId(openid, input.requestId);
    const existing = await findById(db, 'proposals', id);
    if (existing) return { _id: id, status: existing.status };
    if (!(await findById(db, 'communities', input.communityId))) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
    const at = now();
    await assertQuota(db, 'proposal', openid, at, DAILY_LIMITS.proposal);
    const images = await claimImages({ db, cloud, user, now }, input.images ?? []);
    const check = await checkTexts(cloud, openid, [['', input.title], ['', input.description]]);
    const { status } = orRefuse(decidePropose(check.verdict, !!user.blocked));
    const doc = { _id: id, requestId: input.requestId, proposerOpenid: openid, title: input.title, description: input.description, communityId: input.communityId, cost: input.cost ?? null, images, status, contentCheck: { verdict: check.verdict }, projectId: null, createdAt: at };
    const written = await writeProposal(db, doc, DAILY_LIMITS.proposal);
    return { _id: id, status: written.status };
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
    // Staff see every image with its check, to review a proposal before it goes public.
    const checks = await imageChecks(db, page.docs.flatMap((p) => p.images ?? []));
    const items = page.docs.map((p) => ({ _id: p._id, title: p.title, description: p.description, communityId: p.communityId, cost: p.cost, images: ((p.images ?? []) as string[]).map((fileId) => ({ fileId, check: checks.get(fileId) ?? 'error' })), status: p.status, reviewReason: p.reviewReason ?? null, createdAt: iso(p.createdAt) }));
    return pageResult(items, page.nextCursor);
  },
});

/** Merge one or more proposals (duplicates) into a candidate project, edited for clarity; proposers are told. */
export const shortlist = useCase(spec.shortlist, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const found = (await db.collection('proposals').where({ _id: db.command.in(input.proposalIds) }).limit(50).get()).data;
    const outcome = orRefuse(decideShortlist(found as never, input.proposalIds, input.title, user));
    const at = now();
    // Proposers' images go with the project but show only once their check passed (visibleProject).
    const images = found.flatMap((p) => p.images ?? []).slice(0, 6);
    const project = { title: input.title, summary: input.summary, description: input.summary, cost: input.cost ?? null, communityId: input.communityId ?? found[0].communityId ?? null, images, proposalIds: outcome.proposalIds, status: 'candidate', percent: 0, milestones: [], createdAt: at };
    const projectId = await writeShortlist(db, project, outcome.proposalIds, at);
    await writeProjectEffects(db, projectId, [outcome.audit], outcome.notices.map((n) => proposalNotice(n, projectId, input.title, at)), at);
    return { projectId, proposalIds: outcome.proposalIds };
  },
});

/**
 * Staff: a held proposal (content review) can be approved into the shortlist pool; any open proposal can be
 * declined with a written explanation the proposer reads (an unfeasible project needs a reason).
 */
export const reviewProposal = useCase(spec.reviewProposal, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const p = await findById(db, 'proposals', input.id);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这条建议');
    const outcome = orRefuse(decideReview(p as never, input.decision, input.reason, user));
    const at = now();
    await writeProposalReview(db, { _id: p._id, status: p.status }, outcome.to, outcome.reason, user.openid, at);
    await writeProjectEffects(db, p._id, [outcome.audit], outcome.notices.map((n) => proposalNotice(n, p._id, p.title, at)), at);
    return { _id: p._id, status: outcome.to };
  },
});

export const list = useCase(spec.list, {
  permission: signedIn,
  run: async (_input, { db }) => {
    const rows = (await db.collection('projects').orderBy('_id', 'asc').limit(100).get()).data;
    const show = await publicImageFilter(db, rows.flatMap(projectImages));
    return rows.map((p) => visibleProject(publicProject(p) as ProjectPublic, show));
  },
});

export const detail = useCase(spec.detail, {
  permission: signedIn,
  run: async (input, { db, openid, user }): Promise<ProjectDetail> => {
    // The project, whether the caller follows it and its delivery scores: one request.
    const found = await findByIdWith(db, 'projects', input.projectId, {
      follow: { collection: 'follows', id: followId(input.projectId, openid) },
      scores: { collection: 'deliveryScores', pipeline: db.command.aggregate.pipeline().match({ projectId: input.projectId }).limit(100).done() },
    });
    if (!found) throw new AppError('NOT_FOUND', '没有找到这个项目');
    const { doc: p, with: { follow: following, scores } } = found;
    const avg = scores.length ? scores.reduce((sum, x) => sum + Number(x.score), 0) / scores.length : null;
    const mine = user.deputyId ? scores.find((x) => x.deputyId === user.deputyId) : undefined;
    const show = await publicImageFilter(db, projectImages(p));
    return { ...visibleProject(publicProject(p) as ProjectPublic, show), following: !!following, deliveryScore: avg === null ? null : Math.round(avg * 10) / 10, scoreCount: scores.length, myScore: mine ? Number(mine.score) : null };
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

/**
 * 政府买单: staff record delivery progress; followers are notified of each milestone. The milestone is public
 * text: risky is refused, review (or no answer from the check) holds it for another look before anyone sees it.
 */
export const progress = useCase(spec.progress, {
  permission: staffMember,
  run: async (input, { db, user, now, cloud }) => {
    const p = await findById(db, 'projects', input.projectId);
    if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
    orRefuse(recordProgress({ percent: p.percent }, input.percent, input.milestone, user));
    const photos = await claimImages({ db, cloud, user, now }, input.photos ?? []);
    const milestone = { percent: input.percent, milestone: input.milestone, photos, ...(input.date ? { date: input.date } : {}) };
    const { verdict } = await checkTexts(cloud, user.openid, [['', input.milestone]]);
    if (orRefuse(screen('project.milestone', verdict)).path === 'hold') {
      const held = await holdText(db, { kind: 'project.milestone', entityType: 'project', entityId: p._id, label: String(p.title), authorOpenid: user.openid, text: input.milestone, payload: milestone, verdict, at: now() });
      return { projectId: p._id, percent: p.percent ?? 0, status: p.status, notified: 0, ...held };
    }
    return applyProgress(db, cloud, p._id, milestone, user, now());
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
