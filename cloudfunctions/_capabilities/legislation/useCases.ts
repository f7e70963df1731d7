/**
 * 立法信息采集: the street's 基层立法联系点 collects opinions on higher congresses' drafts through its
 * 1+17+N points (residents in the app, deputies and staff entering what they collected offline), compiles
 * them into a submission, and feeds the higher congress's adoption back to every contributor.
 */
import { createHash } from 'node:crypto';
import { legislationManifest } from '../../../contracts/legislation.manifest';
import type { CommentItem, DraftDetail, DraftSummary } from '../../../contracts/legislation';
import { ADOPTIONS, draftStatus, rollup, type Adoption } from '../../../domain/legislation/adoption';
import { adopt as decideAdoption, comment as decideComment, commentSlot, mayComment, mayRecordOffline, repeatComment } from '../../../domain/legislation/commands';
import { ONLINE_POINT, pointFormula } from '../../../domain/legislation/points';
import { DAILY_LIMITS } from '../../../domain/limits';
import { checkText } from '../../_platform/contentCheck';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { permission, useCase } from '../../_platform/handler';
import { pageByTime, pageResult } from '../../_platform/paging';
import { assertQuota } from '../../_platform/quota';
import { signedIn, staffMember } from '../../_platform/permissions';
import { draftTimes, loadDraft, submissionView } from './drafts';
import { legislativeYearFigures } from './figures';
import { loadPoints, pointFields } from './points';
import { writeAdoption, writeComment, writeOfflineComment } from './writer';

const spec = legislationManifest.legislation;
/** One comment per person, draft and section (domain/legislation/commands.ts commentSlot). */
const commentId = (openid: string, slot: string) => createHash('sha256').update(`comment\n${openid}\n${slot}`).digest('hex').slice(0, 32);
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);


/** Staff, or a deputy bound to a roster entry (they collect opinions at their station). */
const collector = permission('collector', (user) => (user.role === 'staff' || (user.role === 'deputy' && user.deputyId) ? null : { ok: false, code: 'PERMISSION_DENIED', message: '您的代表档案尚未建立，请联系街道人大工委' }));

const toItem = (c: Doc, staff = false): CommentItem => ({
  _id: c._id, draftId: c.draftId, sectionId: c.sectionId ?? null, content: c.content, adoption: c.adoption, adoptionReason: c.adoptionReason ?? null,
  decidedAt: iso(c.decidedAt), createdAt: iso(c.createdAt)!, pointName: c.pointName ?? ONLINE_POINT.name, channel: c.channel === 'offline' ? 'offline' : 'online',
  ...(staff ? { communityId: c.communityId ?? null, contributorName: c.contributorName ?? null, submitted: c.submitted === true } : {}),
});

type AdoptionCount = { _id: { draftId: string; adoption: string }; n: number };

/** Visible comments counted by draft and adoption (one group), as a rollup per draft. */
function rollups(counts: readonly AdoptionCount[]): Map<string, ReturnType<typeof rollup>> {
  const byDraft = new Map<string, Partial<Record<Adoption, number>>>();
  for (const c of counts) {
    const entry = byDraft.get(c._id.draftId) ?? {};
    if ((ADOPTIONS as readonly string[]).includes(c._id.adoption)) entry[c._id.adoption as Adoption] = c.n;
    byDraft.set(c._id.draftId, entry);
  }
  return new Map([...byDraft].map(([id, counts]) => [id, rollup(counts)]));
}

const adoptionGroup = (db: Db) => ({ _id: { draftId: '$draftId', adoption: '$adoption' }, n: db.command.aggregate.sum(1) });

function summaryOf(d: Doc, now: Date, counts: ReturnType<typeof rollup> | undefined): DraftSummary {
  return {
    _id: d._id, title: d.title, issuingBody: d.issuingBody ?? '', submittedAt: iso(d.submittedAt), summary: d.summary, status: draftStatus(draftTimes(d), now),
    opensAt: iso(d.opensAt)!, closesAt: iso(d.closesAt)!, rollup: counts ?? rollup({}),
  };
}

/** The drafts and every one's adoption counts: two requests whatever the number of drafts. */
export const drafts = useCase(spec.drafts, {
  permission: signedIn,
  run: async (_input, { db, now }) => {
    const rows = (await db.collection('drafts').orderBy('closesAt', 'desc').limit(50).get()).data;
    if (rows.length === 0) return [];
    const counts = (await db.collection('draftComments').aggregate().match({ draftId: db.command.in(rows.map((d) => d._id)), visible: true }).group(adoptionGroup(db)).limit(1000).end()).list as AdoptionCount[];
    const byDraft = rollups(counts);
    return rows.map((d) => summaryOf(d, now(), byDraft.get(d._id)));
  },
});

/** A draft with its adoption counts and the caller's own comments, in one request. */
export const detail = useCase(spec.detail, {
  permission: signedIn,
  run: async (input, { db, openid, now }): Promise<DraftDetail> => {
    const $ = db.command.aggregate;
    const [row] = (await db.collection('drafts').aggregate().match({ _id: input.draftId })
      .lookup({ from: 'draftComments', pipeline: $.pipeline().match({ draftId: input.draftId, visible: true }).group(adoptionGroup(db)).done(), as: 'counts' })
      .lookup({ from: 'draftComments', pipeline: $.pipeline().match({ authorOpenid: openid, draftId: input.draftId }).sort({ createdAt: -1 }).limit(50).done(), as: 'mine' })
      .limit(1).end()).list as (Doc & { counts: AdoptionCount[]; mine: Doc[] })[];
    if (!row) throw new AppError('NOT_FOUND', '没有找到这份征求意见稿');
    const { counts, mine, ...d } = row;
    return { ...summaryOf(d as Doc, now(), rollups(counts).get(d._id)), sections: d.sections ?? [], myComments: mine.map((c) => toItem(c)) };
  },
});

export const points = useCase(spec.points, {
  permission: signedIn,
  run: async (_input, { db }) => {
    const list = await loadPoints(db);
    return { formula: pointFormula(list), points: list };
  },
});

/**
 * A comment: one per person and section, counted per day in the insert's transaction; risky refused, unsure
 * or from a blocked account held out of the public tallies.
 */
export const comment = useCase(spec.comment, {
  permission: signedIn,
  run: async (input, { db, openid, user, cloud, now }) => {
    const id = commentId(openid, commentSlot(input.draftId, input.sectionId));
    const again = async (found: Doc) => {
      orRefuse(repeatComment({ requestId: found.requestId }, input.requestId));
      return toItem(found);
    };
    const existing = await findById(db, 'draftComments', id);
    if (existing) return again(existing);
    const d = await loadDraft(db, input.draftId);
    const at = now();
    orRefuse(mayComment(draftTimes(d), input.sectionId, at));
    await assertQuota(db, 'comment', openid, at, DAILY_LIMITS.comment);
    const point = await pointFields(db, input.pointId);
    const check = await checkText(cloud, openid, input.content, 2);
    const outcome = orRefuse(decideComment(check.verdict, !!user.blocked));
    const doc = {
      _id: id, requestId: input.requestId, draftId: d._id, sectionId: input.sectionId ?? null, authorOpenid: openid, communityId: user.communityId ?? null, content: input.content,
      channel: 'online', collectedBy: null, contributorName: null, ...point, contentCheck: check.verdict, visible: outcome.visible, adoption: outcome.adoption, adoptionReason: null, decidedAt: null,
      submitted: false, createdAt: at,
    };
    const stored = await writeComment(db, doc, DAILY_LIMITS.comment);
    return stored._id === doc._id && stored.requestId === doc.requestId ? toItem(stored) : again(stored);
  },
});

/** A deputy or staff member enters an opinion collected offline at a point, attributed to it and to the person who gave it. */
export const recordOffline = useCase(spec.recordOffline, {
  permission: collector,
  run: async (input, { db, openid, user, cloud, now }) => {
    const id = commentId(openid, input.requestId);
    const existing = await findById(db, 'draftComments', id);
    if (existing) return toItem(existing, true);
    const d = await loadDraft(db, input.draftId);
    const at = now();
    orRefuse(mayRecordOffline(draftTimes(d), input.sectionId, at));
    const point = await pointFields(db, input.pointId);
    const check = await checkText(cloud, openid, input.content, 2);
    const outcome = orRefuse(decideComment(check.verdict));
    const doc = {
      _id: id, requestId: input.requestId, draftId: d._id, sectionId: input.sectionId ?? null, authorOpenid: null, communityId: null, content: input.content,
      channel: 'offline', collectedBy: openid, contributorName: input.contributorName ?? null, ...point, contentCheck: check.verdict, visible: outcome.visible,
      adoption: outcome.adoption, adoptionReason: null, decidedAt: null, submitted: false, createdAt: at,
    };
    await writeOfflineComment(db, doc, { openid, role: user.role, at });
    return toItem(doc, true);
  },
});

export const myComments = useCase(spec.myComments, {
  permission: signedIn,
  run: async (input, { db, openid }) => {
    const page = await pageByTime(db, (extra) => db.collection('draftComments').where({ authorOpenid: openid, ...extra }), 'createdAt', input.cursor);
    return pageResult(page.docs.map((c) => toItem(c)), page.nextCursor);
  },
});

/** Staff: the comments on a draft (oldest first), filterable by adoption. */
export const comments = useCase(spec.comments, {
  permission: staffMember,
  run: async (input, { db }) => {
    const page = await pageByTime(db, (extra) => db.collection('draftComments').where({ draftId: input.draftId, adoption: input.adoption ?? 'pending', ...extra }), 'createdAt', input.cursor, 'asc');
    return pageResult(page.docs.map((c) => toItem(c, true)), page.nextCursor);
  },
});

export const submission = useCase(spec.submission, {
  permission: staffMember,
  run: async (input, { db, cloud }) => {
    const sub = await findById(db, 'draftSubmissions', input.draftId);
    return sub ? submissionView(db, cloud, sub) : null;
  },
});

/** Staff: record what the higher congress adopted of a submitted opinion, with its reason; the contributor is told. Revisions are audited too. */
export const adopt = useCase(spec.adopt, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const c = await findById(db, 'draftComments', input.id);
    if (!c) throw new AppError('NOT_FOUND', '没有找到这条意见');
    const decision = orRefuse(decideAdoption(input.adoption, input.reason, c.submitted === true));
    const d = await loadDraft(db, c.draftId);
    const at = now();
    await writeAdoption(db, c, d.title, { adoption: decision.to, reason: input.reason, label: decision.label }, user.openid, at);
    return toItem({ ...c, adoption: input.adoption, adoptionReason: input.reason, decidedAt: at }, true);
  },
});

export const yearFigures = useCase(spec.yearFigures, {
  permission: staffMember,
  run: async (input, { db }) => legislativeYearFigures(db, input.year),
});
