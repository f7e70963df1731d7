import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { progressProjectInput, projectIdInput, proposalsInput, proposeInput, reviewProposalInput, scoreInput, shortlistInput } from '../../contracts/ballot';
import { pageInput } from '../../contracts/appeal';
import { appendAudit } from '../_lib/audit';
import { addDutyPoints } from '../_lib/duty';
import { checkText } from '../_lib/contentCheck';
import { findById, isDuplicateKey } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { deliverSoon, enqueueNotice } from '../_lib/notify';
import { pageByTime, pageResult } from '../_lib/paging';

/** 群众点单 → 代表定单 → 政府买单 → 人大验单: proposals, shortlisting into projects, delivery, scoring. */
const proposalId = (openid: string, requestId: string) => createHash('sha256').update(`proposal\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
const followId = (projectId: string, openid: string) => `${projectId}_${createHash('sha256').update(openid).digest('hex').slice(0, 24)}`;
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

const publicProject = (p: Record<string, any>) => ({
  _id: p._id, title: p.title, summary: p.summary, cost: p.cost ?? null, communityId: p.communityId ?? null, images: p.images ?? [],
  status: p.status, percent: p.percent ?? 0, milestones: (p.milestones ?? []).map((m: Record<string, any>) => ({ ...m, at: iso(m.at), date: iso(m.date) })),
});

export const main = defineFunction('project', {
  propose: action({
    input: proposeInput,
    run: async (input, { db, openid, cloud, now }) => {
      const id = proposalId(openid, input.requestId);
      const existing = await findById(db, 'proposals', id);
      if (existing) return { _id: id, status: existing.status };
      if (!(await findById(db, 'communities', input.communityId))) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
      const check = await checkText(cloud, openid, `${input.title}\n${input.description}`, 2);
      if (check.verdict === 'risky') throw new AppError('CONTENT_REJECTED', '建议内容未通过安全检查，请修改后重新提交');
      const at = now();
      const status = check.verdict === 'pass' ? 'submitted' : 'pending_review';
      try {
        await db.collection('proposals').add({ data: { _id: id, requestId: input.requestId, proposerOpenid: openid, title: input.title, description: input.description, communityId: input.communityId, cost: input.cost ?? null, images: input.images ?? [], status, contentCheck: { verdict: check.verdict }, projectId: null, createdAt: at } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      return { _id: id, status };
    },
  }),

  myProposals: action({
    input: pageInput('myProposals'),
    run: async (input, { db, openid }) => {
      const page = await pageByTime(db, (extra) => db.collection('proposals').where({ proposerOpenid: openid, ...extra }), 'createdAt', input.cursor);
      return pageResult(page.docs.map((p) => ({ _id: p._id, title: p.title, status: p.status, projectId: p.projectId ?? null, reviewReason: p.reviewReason ?? null, createdAt: iso(p.createdAt) })), page.nextCursor);
    },
  }),

  proposals: action({
    input: proposalsInput,
    roles: ['staff'],
    run: async (input, { db }) => {
      const page = await pageByTime(db, (extra) => db.collection('proposals').where({ status: input.status ?? 'submitted', ...extra }), 'createdAt', input.cursor);
      return pageResult(page.docs.map((p) => ({ _id: p._id, title: p.title, description: p.description, communityId: p.communityId, cost: p.cost, status: p.status, reviewReason: p.reviewReason ?? null, createdAt: iso(p.createdAt) })), page.nextCursor);
    },
  }),

  /** Merge one or more proposals (duplicates) into a candidate project, edited for clarity; proposers are told. */
  shortlist: action({
    input: shortlistInput,
    roles: ['staff'],
    run: async (input, { db, user, now, cloud }) => {
      const proposals = (await db.collection('proposals').where({ _id: db.command.in(input.proposalIds) }).limit(50).get()).data;
      if (proposals.length !== new Set(input.proposalIds).size) throw new AppError('NOT_FOUND', '有建议不存在');
      if (proposals.some((p) => p.status === 'shortlisted')) throw new AppError('FAILED_PRECONDITION', '有建议已被采纳为候选项目');
      const at = now();
      const { _id: projectId } = await db.collection('projects').add({ data: { title: input.title, summary: input.summary, description: input.summary, cost: input.cost ?? null, communityId: input.communityId ?? proposals[0].communityId ?? null, images: proposals.flatMap((p) => p.images ?? []).slice(0, 6), proposalIds: proposals.map((p) => p._id), status: 'candidate', percent: 0, milestones: [], createdAt: at } });
      const noticeIds: string[] = [];
      for (const p of proposals) {
        await db.collection('proposals').doc(p._id).update({ data: { status: 'shortlisted', projectId, shortlistedAt: at } });
        noticeIds.push(await enqueueNotice(db, { toOpenid: p.proposerOpenid, template: 'appealStatus', values: { trackingNo: projectId.slice(0, 12), status: '已采纳', summary: input.title, time: at }, title: '您的民生项目建议已列入候选', body: `您提出的「${p.title}」已${proposals.length > 1 ? '与相近建议合并为' : '整理为'}候选项目「${input.title}」，将进入票决。`, dedupeKey: `proposal-${p._id}-shortlisted` }, at));
      }
      await appendAudit(db, { entityType: 'proposal', entityId: projectId, action: 'shortlist', actorOpenid: user.openid, actorRole: 'staff', source: 'app', to: 'candidate', at, note: `合并建议 ${proposals.map((p) => p._id).join(', ')}` });
      await deliverSoon(db, cloud, noticeIds, at);
      return { projectId, proposalIds: proposals.map((p) => p._id) };
    },
  }),

  /**
   * Staff: a held proposal (content review) can be approved into the shortlist pool; any open proposal can be
   * declined with a written explanation the proposer reads (an unfeasible project needs a reason).
   */
  reviewProposal: action({
    input: reviewProposalInput,
    roles: ['staff'],
    run: async (input, { db, user, now, cloud }) => {
      const p = await findById(db, 'proposals', input.id);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这条建议');
      const allowed = input.decision === 'approve' ? ['pending_review'] : ['pending_review', 'submitted'];
      if (!allowed.includes(p.status)) throw new AppError('FAILED_PRECONDITION', '这条建议当前不能这样处理');
      if (input.decision === 'reject' && !input.reason) throw new AppError('INVALID_ARGUMENT', '不采纳时请写明理由，建议人会看到它');
      const at = now();
      const status = input.decision === 'approve' ? 'submitted' : 'rejected';
      const res = await db.collection('proposals').where({ _id: p._id, status: p.status }).update({ data: { status, reviewReason: input.reason ?? null, reviewedAt: at, reviewedBy: user.openid } });
      if (res.stats.updated !== 1) throw new AppError('CONFLICT', '这条建议已被其他工作人员处理');
      await appendAudit(db, { entityType: 'proposal', entityId: p._id, action: `review_${input.decision}`, actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: p.status, to: status, at, note: input.reason });
      if (status === 'rejected') {
        const noticeId = await enqueueNotice(db, { toOpenid: p.proposerOpenid, template: 'appealStatus', values: { trackingNo: p._id.slice(0, 12), status: '未采纳', summary: p.title, time: at }, title: `您的建议「${p.title}」未列入候选`, body: input.reason ?? '', dedupeKey: `proposal-${p._id}-rejected` }, at);
        await deliverSoon(db, cloud, [noticeId], at);
      }
      return { _id: p._id, status };
    },
  }),

  list: action({
    input: v.object({}),
    run: async (_input, { db }) => (await db.collection('projects').orderBy('_id', 'asc').limit(100).get()).data.map(publicProject),
  }),

  detail: action({
    input: projectIdInput('detail'),
    run: async (input, { db, openid, user }) => {
      const p = await findById(db, 'projects', input.projectId);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
      const [following, scores] = await Promise.all([findById(db, 'follows', followId(p._id, openid)), db.collection('deliveryScores').where({ projectId: p._id }).limit(100).get()]);
      const avg = scores.data.length ? scores.data.reduce((s, x) => s + Number(x.score), 0) / scores.data.length : null;
      const mine = user.deputyId ? scores.data.find((x) => x.deputyId === user.deputyId) : undefined;
      return { ...publicProject(p), following: !!following, deliveryScore: avg === null ? null : Math.round(avg * 10) / 10, scoreCount: scores.data.length, myScore: mine ? Number(mine.score) : null };
    },
  }),

  follow: action({
    input: projectIdInput('follow'),
    run: async (input, { db, openid, now }) => {
      if (!(await findById(db, 'projects', input.projectId))) throw new AppError('NOT_FOUND', '没有找到这个项目');
      try {
        await db.collection('follows').add({ data: { _id: followId(input.projectId, openid), projectId: input.projectId, openid, at: now() } });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      return { following: true };
    },
  }),

  unfollow: action({
    input: projectIdInput('unfollow'),
    run: async (input, { db, openid }) => {
      await db.collection('follows').where({ _id: followId(input.projectId, openid) }).remove();
      return { following: false };
    },
  }),

  /** 政府买单: staff record delivery progress; followers are notified of each milestone. */
  progress: action({
    input: progressProjectInput,
    roles: ['staff'],
    run: async (input, { db, user, now, cloud }) => {
      const p = await findById(db, 'projects', input.projectId);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
      if (input.percent < (p.percent ?? 0)) throw new AppError('INVALID_ARGUMENT', '进度不能倒退，如需更正请联系管理员');
      const at = now();
      const milestone = { percent: input.percent, milestone: input.milestone, photos: input.photos ?? [], date: input.date ? new Date(input.date) : at, at, by: user.openid };
      const status = input.percent >= 100 ? 'delivered' : 'delivering';
      await db.collection('projects').doc(p._id).update({ data: { percent: input.percent, status, milestones: db.command.push(milestone), updatedAt: at } });
      await appendAudit(db, { entityType: 'proposal', entityId: p._id, action: 'progress', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: String(p.percent ?? 0), to: String(input.percent), at, note: input.milestone });
      const followers = (await db.collection('follows').where({ projectId: p._id }).limit(100).get()).data;
      const noticeIds: string[] = [];
      for (const f of followers) {
        noticeIds.push(await enqueueNotice(db, { toOpenid: f.openid, template: 'appealStatus', values: { trackingNo: p._id, status: status === 'delivered' ? '已完工' : '进行中', summary: p.title, time: at }, title: `「${p.title}」进度 ${input.percent}%`, body: input.milestone, dedupeKey: `project-${p._id}-${input.percent}-${f._id}` }, at));
      }
      await deliverSoon(db, cloud, noticeIds, at);
      return { projectId: p._id, percent: input.percent, status, notified: followers.length };
    },
  }),

  /** 人大验单: deputies score delivery once a project is delivered. */
  score: action({
    input: scoreInput,
    roles: ['deputy'],
    run: async (input, { db, user, now }) => {
      const p = await findById(db, 'projects', input.projectId);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这个项目');
      if (p.status !== 'delivered') throw new AppError('FAILED_PRECONDITION', '项目完工后才能验收评分');
      const at = now();
      await db.collection('deliveryScores').doc(`${p._id}_${user.deputyId}`).set({ data: { projectId: p._id, deputyId: user.deputyId, score: input.score, comment: input.comment ?? null, at } });
      await addDutyPoints(db, user.deputyId!, ['delivery_scored'], { type: 'project', id: p._id }, at);
      await appendAudit(db, { entityType: 'proposal', entityId: p._id, action: 'score', actorOpenid: user.openid, actorRole: 'deputy', source: 'app', to: String(input.score), at, note: input.comment });
      return { projectId: p._id, score: input.score };
    },
  }),
});
