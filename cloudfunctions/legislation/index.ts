import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { adoptInput, commentInput, commentsInput, draftIdInput, myCommentsInput, type CommentItem, type DraftDetail, type DraftSummary } from '../../contracts/legislation';
import { ADOPTION_LABELS, checkDecision, draftStatus, rollup, type Adoption } from '../../domain/legislation/adoption';
import { appendAudit } from '../_lib/audit';
import { checkText } from '../_lib/contentCheck';
import { findById, isDuplicateKey, type Db, type Doc } from '../_lib/db';
import { AppError } from '../_lib/errors';
import { action, defineFunction } from '../_lib/handler';
import { deliverSoon, enqueueNotice } from '../_lib/notify';
import { pageByTime, pageResult } from '../_lib/paging';

/** 立法意见征询: residents comment on draft regulations; every comment gets an adoption decision fed back. */
const commentId = (openid: string, requestId: string) => createHash('sha256').update(`comment\n${openid}\n${requestId}`).digest('hex').slice(0, 32);
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

const toItem = (c: Doc, withCommunity = false): CommentItem => ({
  _id: c._id, draftId: c.draftId, sectionId: c.sectionId ?? null, content: c.content, adoption: c.adoption, adoptionReason: c.adoptionReason ?? null,
  decidedAt: iso(c.decidedAt), createdAt: iso(c.createdAt)!, ...(withCommunity ? { communityId: c.communityId ?? null } : {}),
});

async function rollupOf(db: Db, draftId: string) {
  const counts: Partial<Record<Adoption, number>> = {};
  await Promise.all((['pending', 'adopted', 'partially_adopted', 'not_adopted'] as const).map(async (a) => {
    counts[a] = (await db.collection('draftComments').where({ draftId, visible: true, adoption: a }).count()).total;
  }));
  return rollup(counts);
}

async function summaryOf(db: Db, d: Doc, now: Date): Promise<DraftSummary> {
  return { _id: d._id, title: d.title, summary: d.summary, status: draftStatus({ opensAt: new Date(d.opensAt), closesAt: new Date(d.closesAt) }, now), opensAt: iso(d.opensAt)!, closesAt: iso(d.closesAt)!, rollup: await rollupOf(db, d._id) };
}

async function loadDraft(db: Db, draftId: string): Promise<Doc> {
  const d = await findById(db, 'drafts', draftId);
  if (!d) throw new AppError('NOT_FOUND', '没有找到这份征求意见稿');
  return d;
}

export const main = defineFunction('legislation', {
  drafts: action({
    input: v.object({}),
    run: async (_input, { db, now }) => {
      const rows = (await db.collection('drafts').orderBy('closesAt', 'desc').limit(50).get()).data;
      return Promise.all(rows.map((d) => summaryOf(db, d, now())));
    },
  }),

  detail: action({
    input: draftIdInput('detail'),
    run: async (input, { db, openid, now }): Promise<DraftDetail> => {
      const d = await loadDraft(db, input.draftId);
      const mine = (await db.collection('draftComments').where({ authorOpenid: openid, draftId: d._id }).orderBy('createdAt', 'desc').limit(50).get()).data;
      return { ...(await summaryOf(db, d, now())), sections: d.sections ?? [], myComments: mine.map((c) => toItem(c)) };
    },
  }),

  comment: action({
    input: commentInput,
    run: async (input, { db, openid, user, cloud, now }) => {
      const id = commentId(openid, input.requestId);
      const existing = await findById(db, 'draftComments', id);
      if (existing) return toItem(existing);
      const d = await loadDraft(db, input.draftId);
      const at = now();
      if (draftStatus({ opensAt: new Date(d.opensAt), closesAt: new Date(d.closesAt) }, at) !== 'consulting') throw new AppError('FAILED_PRECONDITION', '该征求意见稿当前不在征求意见期内');
      if (input.sectionId && !(d.sections ?? []).some((s: { _id: string }) => s._id === input.sectionId)) throw new AppError('INVALID_ARGUMENT', '没有这一条款');
      const check = await checkText(cloud, openid, input.content, 2);
      if (check.verdict === 'risky') throw new AppError('CONTENT_REJECTED', '意见内容未通过安全检查，请修改后再提交');
      const doc = { _id: id, requestId: input.requestId, draftId: d._id, sectionId: input.sectionId ?? null, authorOpenid: openid, communityId: user.communityId ?? null, content: input.content, contentCheck: check.verdict, visible: check.verdict === 'pass', adoption: 'pending', adoptionReason: null, decidedAt: null, createdAt: at };
      try {
        await db.collection('draftComments').add({ data: doc });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      return toItem(doc);
    },
  }),

  myComments: action({
    input: myCommentsInput,
    run: async (input, { db, openid }) => {
      const page = await pageByTime(db, (extra) => db.collection('draftComments').where({ authorOpenid: openid, ...extra }), 'createdAt', input.cursor);
      return pageResult(page.docs.map((c) => toItem(c)), page.nextCursor);
    },
  }),

  /** Staff: the comments on a draft (oldest first), filterable by adoption. */
  comments: action({
    input: commentsInput,
    roles: ['staff'],
    run: async (input, { db }) => {
      const page = await pageByTime(db, (extra) => db.collection('draftComments').where({ draftId: input.draftId, adoption: input.adoption ?? 'pending', ...extra }), 'createdAt', input.cursor, 'asc');
      return pageResult(page.docs.map((c) => toItem(c, true)), page.nextCursor);
    },
  }),

  /** Staff: record the adoption decision with a reason; the author is told. Revisions are audited too. */
  adopt: action({
    input: adoptInput,
    roles: ['staff'],
    run: async (input, { db, user, now, cloud }) => {
      const problem = checkDecision(input.adoption, input.reason);
      if (problem) throw new AppError('INVALID_ARGUMENT', problem);
      const c = await findById(db, 'draftComments', input.id);
      if (!c) throw new AppError('NOT_FOUND', '没有找到这条意见');
      const d = await loadDraft(db, c.draftId);
      const at = now();
      await db.collection('draftComments').doc(c._id).update({ data: { adoption: input.adoption, adoptionReason: input.reason, decidedAt: at, decidedBy: user.openid, visible: true } });
      await appendAudit(db, { entityType: 'draft', entityId: c._id, action: 'adopt', actorOpenid: user.openid, actorRole: 'staff', source: 'app', from: c.adoption, to: input.adoption, at, note: input.reason });
      const noticeId = await enqueueNotice(db, {
        toOpenid: c.authorOpenid, template: 'appealStatus',
        values: { trackingNo: c._id.slice(0, 12), status: ADOPTION_LABELS[input.adoption], summary: d.title, time: at },
        title: `您对《${d.title}》的意见：${ADOPTION_LABELS[input.adoption]}`, body: input.reason,
        dedupeKey: `comment-${c._id}-${input.adoption}-${at.getTime()}`,
      }, at);
      await deliverSoon(db, cloud, [noticeId], at);
      return toItem({ ...c, adoption: input.adoption, adoptionReason: input.reason, decidedAt: at });
    },
  }),
});
