/** 代表建议 from clusters of appeals, and 我也遇到 (support a case instead of filing again); staff merge duplicates. */
import { createHash } from 'node:crypto';
import { suggestionManifest } from '../../../contracts/suggestion.manifest';
import type { ClusterView, PublicCase, SuggestionDetail } from '../../../contracts/suggestion';
import { viewerOf } from '../../../domain/appeals/access';
import { decideAppeal } from '../../../domain/appeals/commands';
import { RESOLUTION_LABELS, statusLabel } from '../../../domain/appeals/labels';
import { redactForPublic } from '../../../domain/appeals/redact';
import { contentPath } from '../../../domain/contentCheck';
import { proposeClusters, similarTo, type CaseForMatching } from '../../../domain/suggestions/clusters';
import { ANSWERABLE_STATUSES, mayDraft, mayMerge, maySupport, STEP_FROM, takeStep, type StepInput, type SuggestionActor } from '../../../domain/suggestions/lifecycle';
import { addDays, chinaYear } from '../../../domain/time';
import { checkText } from '../../_platform/contentCheck';
import { findById, findByIdWith, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { permission, useCase } from '../../_platform/handler';
import { enqueueNotice } from '../../_platform/outbox';
import { pageByTime, pageResult } from '../../_platform/paging';
import { signedIn, staffMember } from '../../_platform/permissions';
import { directoryNames, directoryRows } from '../../_platform/directory';
import { forget, warm } from '../../_platform/warm';
import type { UserDoc } from '../../_platform/users';
import type { AppealDoc } from '../appeals/model';
import { summaryOf } from '../appeals/views';
import { changeAppeal } from '../appeals/writer';
import { addSupport, forEachSupporter, supportCount, supportCountPipeline, supportId, supporterNotice, supportsOf, tellSupportersOf } from './supporters';
import { appealsOf, loadSuggestion, loadSuggestionWithAppeals, toPublicCase, toSuggestionDetail, toSuggestionItem } from './views';
import { createSuggestion, phraseOf, proposeNote, stepSuggestion, tellResident } from './writer';

const spec = suggestionManifest.suggestion;
const PUBLIC_OPEN = ['triage', 'assigned', 'in_progress', 'replied'];
const CLUSTER_OPEN = ['triage', 'assigned', 'in_progress', 'replied'];
const RECENT_DAYS = 30;
const MAX_CANDIDATES = 100;

/** A deputy or staff member; which appeals and suggestions are theirs the domain decides. */
const suggestionHandler = permission('suggestionHandler', (user) => (user.role === 'staff' || (user.role === 'deputy' && user.deputyId) ? null : { ok: false, code: 'PERMISSION_DENIED', message: '您的代表档案尚未建立，请联系街道人大工委' }), 'domain/suggestions/lifecycle.ts mayHandle');

const actorOf = (u: UserDoc): SuggestionActor => ({ openid: u.openid, role: u.role, ...(u.deputyId ? { deputyId: u.deputyId } : {}) });
const auditActor = (u: UserDoc) => ({ openid: u.openid, role: u.role });

/** Communities and category names (the street's directory: slowly changing, kept warm). */
const names = async (db: Db) => {
  const [community, category] = await Promise.all([directoryRows(db, 'communities'), directoryNames(db, 'categories')]);
  return { community, category };
};

/** Communities a deputy acts for, from their roster entry; undefined = everywhere (deputies of the deputies' home). */
const scopeFrom = (d: Doc | null): string[] | undefined => {
  const ids = (d?.communityIds as string[] | undefined) ?? [];
  return d?.stationId === 'home' || ids.length === 0 ? undefined : ids;
};

const sameScope = (a: string[] | undefined, b: string[] | undefined) => (a ? [...a].sort().join() : '*') === (b ? [...b].sort().join() : '*');

const asCase = (a: Doc, community: Map<string, Doc>): CaseForMatching => ({
  _id: a._id, communityId: a.communityId, areaId: community.get(a.communityId)?.stationId, category: a.category,
  text: redactForPublic(a.content, [a.contact?.name ?? '']), ...(a.location ? { location: a.location } : {}),
});

/**
 * Open and recently closed appeals a deputy or staff member may group, newest first, not yet in a suggestion,
 * with each one's supporters. Two requests: the candidates (and the deputy's roster entry as it is now), then
 * their links and supports — each a set of uncorrelated sub-pipelines anchored on the caller's own users
 * record (the handler just read it, so it is there). The candidates are read for the scope the warm directory
 * holds; the roster entry read with them decides, and if it changed they are read again for it.
 */
async function clusterCandidates(db: Db, user: UserDoc, now: Date): Promise<{ rows: Doc[]; supporters: Map<string, number> }> {
  const _ = db.command;
  const $ = _.aggregate;
  const since = addDays(now, -RECENT_DAYS);
  const deputyId = user.role === 'staff' ? undefined : user.deputyId;
  const key = `directory:deputy:${deputyId}`;
  const read = async (scope: string[] | undefined) => {
    const where = (status: object) => (scope ? { communityId: _.in(scope), ...status } : status);
    const list = (status: object) => ({ collection: 'appeals', pipeline: $.pipeline().match(where(status)).sort({ createdAt: -1 }).limit(MAX_CANDIDATES).done() });
    const found = await findByIdWith(db, 'users', user._id, { open: list({ status: _.in(CLUSTER_OPEN) }), closed: list({ status: 'closed', createdAt: _.gte(since) }), ...(deputyId ? { deputy: { collection: 'deputies', pipeline: $.pipeline().match({ _id: deputyId }).limit(1).done() } } : {}) });
    if (!found) throw new AppError('UNAUTHENTICATED', '请重新登录');
    const w = found.with as Record<string, Doc[]>;
    return { rows: [...w.open, ...w.closed], fresh: deputyId ? scopeFrom(w.deputy[0] ?? null) : undefined };
  };
  const guess = deputyId ? scopeFrom(await warm(key, () => findById(db, 'deputies', deputyId))) : undefined;
  let got = await read(guess);
  if (!sameScope(guess, got.fresh)) {
    forget(key);
    got = await read(got.fresh);
  }
  const rows = got.rows.filter((a) => a.closedReason !== 'merged');
  if (rows.length === 0) return { rows, supporters: new Map() };
  const ids = rows.map((a) => a._id);
  const more = await findByIdWith(db, 'users', user._id, {
    links: { collection: 'suggestionLinks', pipeline: $.pipeline().match({ _id: _.in(ids) }).project({ _id: true }).done() },
    supports: { collection: 'supports', pipeline: $.pipeline().match({ appealId: _.in(ids) }).group({ _id: '$appealId', n: $.sum(1) }).done() },
  });
  const linked = new Set((more?.with.links ?? []).map((d) => d._id));
  return { rows: rows.filter((a) => !linked.has(a._id)), supporters: new Map((more?.with.supports ?? []).map((r) => [r._id, r.n as number])) };
}

export const clusters = useCase(spec.clusters, {
  permission: suggestionHandler,
  run: async (_input, { db, user, now }): Promise<ClusterView[]> => {
    const [lookup, { rows, supporters }] = await Promise.all([names(db), clusterCandidates(db, user, now())]);
    const byId = new Map(rows.map((a) => [a._id, a]));
    const proposed = proposeClusters(rows.map((a) => asCase(a, lookup.community))).slice(0, 20);
    return proposed.map((c) => ({
      key: c.key, category: c.category, categoryName: lookup.category.get(c.category) ?? '其他', score: c.score, reasons: c.reasons,
      communityNames: c.communityIds.map((id) => (lookup.community.get(id)?.name as string | undefined) ?? id),
      appeals: c.appealIds.map((id) => {
        const a = byId.get(id)!;
        return { _id: id, trackingNo: a.trackingNo, summary: summaryOf(redactForPublic(a.content)), statusLabel: statusLabel(a.status, a as unknown as AppealDoc), supporters: supporters.get(id) ?? 0 };
      }),
    }));
  },
});

const proposerName = (user: UserDoc, d: Doc | null): string => (typeof d?.name === 'string' ? `${d.name}代表` : user.role === 'staff' ? '街道人大工委' : (user.name ?? ''));

export const propose = useCase(spec.propose, {
  permission: suggestionHandler,
  run: async (input, { db, user, openid, cloud, now }): Promise<SuggestionDetail> => {
    const id = createHash('sha256').update(`suggestion\n${openid}\n${input.requestId}`).digest('hex').slice(0, 32);
    const ids = [...new Set(input.appealIds)];
    // In one request: this request's suggestion if stored before, the appeals, and the proposer's roster entry as it is now.
    const read = await findByIdWith(db, 'users', user._id, {
      existing: { collection: 'suggestions', id },
      appeals: { collection: 'appeals', pipeline: db.command.aggregate.pipeline().match({ _id: db.command.in(ids) }).limit(ids.length).done() },
      ...(user.deputyId ? { deputy: { collection: 'deputies', pipeline: db.command.aggregate.pipeline().match({ _id: user.deputyId }).limit(1).done() } } : {}),
    });
    if (!read) throw new AppError('UNAUTHENTICATED', '请重新登录');
    const joined = read.with as { existing: Doc | null; appeals: Doc[]; deputy?: Doc[] };
    if (joined.existing) return toSuggestionDetail(db, joined.existing, actorOf(user));
    const byId = new Map(joined.appeals.map((a) => [a._id, a as unknown as AppealDoc]));
    if (ids.some((a) => !byId.has(a))) throw new AppError('NOT_FOUND', '有诉求不存在或已删除，请刷新后重试');
    const found = ids.map((a) => byId.get(a)!);
    const deputy = joined.deputy?.[0] ?? null;
    orRefuse(mayDraft({ appeals: found, scope: user.role === 'staff' || !user.deputyId ? undefined : scopeFrom(deputy) }));
    const check = await checkText(cloud, openid, `${input.title}\n${input.content}`, 2);
    const path = contentPath(check.verdict);
    if (path === 'refuse') throw new AppError('CONTENT_REJECTED', '建议内容未通过安全检查，请修改后再提交');
    const at = now();
    const doc = {
      _id: id, requestId: input.requestId, code: `JY${chinaYear(at)}-${id.slice(0, 6).toUpperCase()}`, title: input.title, content: input.content, department: input.department,
      appealIds: found.map((a) => a._id), communityIds: [...new Set(found.map((a) => a.communityId))], category: found[0].category,
      proposerOpenid: openid, proposerRole: user.role, proposerDeputyId: user.deputyId ?? null, proposerName: proposerName(user, deputy),
      status: 'drafted', visible: path === 'publish', contentCheck: check.verdict, answer: null, resolution: null, answeredAt: null, version: 1, createdAt: at, updatedAt: at,
    };
    if (await createSuggestion(db, doc, found, auditActor(user), at)) return toSuggestionDetail(db, doc, actorOf(user), { trail: [{ _id: '', to: 'drafted', at, note: proposeNote(doc, found) }], appeals: found });
    const stored = (await loadSuggestion(db, id))!;
    return toSuggestionDetail(db, stored.s, actorOf(user), { trail: stored.trail });
  },
});

/** The answer becomes each open appeal's reply (through the appeal command, so each resident still rates it); the rest are told. */
/** `told`: appeals whose residents the step's own transaction already told. */
async function carryAnswer(db: Db, s: Doc, appeals: AppealDoc[], told: Set<string>, at: Date): Promise<void> {
  const tell = { headline: '代表建议已答复', body: `${s.department}对代表建议「${s.title}」的答复（${RESOLUTION_LABELS[s.resolution as keyof typeof RESOLUTION_LABELS]}）：${s.answer}` };
  for (const a of appeals) {
    if (a.suggestionId === s._id) continue;
    if (ANSWERABLE_STATUSES.includes(a.status)) {
      try {
        await changeAppeal(db, a._id, (cur) => decideAppeal(cur, { kind: 'timer' }, { command: 'suggestion_reply', suggestion: { _id: s._id, title: s.title, department: s.department }, answer: s.answer, resolution: s.resolution }, { now: at }), { source: 'app', at });
        continue;
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'FAILED_PRECONDITION') throw err;
      }
    }
    if (!told.has(a._id)) await tellResident(db, a, s as Doc & { code: string }, tell, 'answered', at);
  }
}

/** Supporters told inside a step's transaction at most (one insert; more are paged after it). */
const SUPPORTERS_IN_STEP = 100;

/** What supporters hear of an answer or 落实. */
const supporterEvent = (s: Doc, to: string) => ({
  key: `sg-${s._id}-${to}`,
  headline: to === 'answered' ? '您附议的问题有了答复' : '您附议的问题已落实',
  body: to === 'answered' ? `您附议的问题已形成代表建议「${s.title}」，${s.department}已答复：${s.answer}` : `您附议的问题所在的代表建议「${s.title}」已落实：${s.implementNote}`,
  phrase: phraseOf(to),
});

export const step = useCase(spec.step, {
  permission: suggestionHandler,
  run: async (input, { db, user, now }) => {
    const at = now();
    const found = await loadSuggestionWithAppeals(db, input.id);
    if (!found) throw new AppError('NOT_FOUND', '没有找到这条代表建议');
    const current = found.s;
    const load = () => appealsOf(db, current.appealIds as string[]);
    const appeals = found.appeals;
    let trail = found.trail;
    const told = new Set<string>();
    let supportersDone = false;
    const ask: StepInput = input.step === 'assign' ? { step: 'assign', department: input.department, ...(input.note ? { note: input.note } : {}) } : input.step === 'answer' ? { step: 'answer', answer: input.answer, resolution: input.resolution } : { step: 'implement', note: input.note };
    let s: Doc;
    const rule = STEP_FROM[input.step];
    const resuming = current.status === rule.to && (current.proposerOpenid === user.openid || user.role === 'staff');
    if (resuming) {
      // A retry after a step was stored: finish telling and replying (every message has its dedupe key).
      s = current;
    } else {
      const tellNow = (o: { to: string }) => (o.to === 'answered' ? appeals.filter((a) => !ANSWERABLE_STATUSES.includes(a.status)) : appeals);
      // Supporters hear an answer or 落实 in the step's own transaction (up to a page of them; more are paged after it).
      const inStep = found.supports.length <= SUPPORTERS_IN_STEP;
      const supportersTold = (next: Doc, o: { to: string }) => {
        if (!inStep || (o.to !== 'answered' && o.to !== 'implemented')) return [];
        const byId = new Map(appeals.filter((a) => a.hasSupporters !== false).map((a) => [a._id, a]));
        const event = supporterEvent(next, o.to);
        return found.supports.flatMap((sp) => (byId.has(sp.appealId) ? [supporterNotice(byId.get(sp.appealId)!, sp, event, at)] : []));
      };
      const written = await stepSuggestion(db, input.id, (cur) => takeStep({ status: cur.status, proposerOpenid: cur.proposerOpenid, title: cur.title, department: cur.department }, actorOf(user), ask, at), (o) => { const list = tellNow(o); list.forEach((a) => told.add(a._id)); return list; }, auditActor(user), at, supportersTold);
      supportersDone = inStep;
      s = written.suggestion;
      // The trail as read plus the entry just written, unless another change came between (then read it again).
      trail = s.version === (current.version ?? 1) + 1 ? [...trail, { _id: '', to: written.outcome.to, at, note: written.outcome.note }] : ((await loadSuggestion(db, s._id))?.trail ?? trail);
    }
    const answering = s.status === 'answered' && rule.to === 'answered';
    if (answering) await carryAnswer(db, s, await load(), told, at);
    // A retry, or more supporters than one insert carries: paged now (dedupe keys: none is told twice).
    if ((rule.to === 'answered' || rule.to === 'implemented') && !supportersDone) await tellSupportersOf(db, appeals, supporterEvent(s, rule.to), at);
    // The appeals change only when the answer became their replies; otherwise they are as read above.
    return toSuggestionDetail(db, s, actorOf(user), { trail, ...(answering ? {} : { appeals }) });
  },
});

export const list = useCase(spec.list, {
  permission: signedIn,
  run: async (input, { db, openid }) => {
    const page = await pageByTime(db, (extra) => db.collection('suggestions').where(input.mine ? { proposerOpenid: openid, ...extra } : { visible: true, ...extra }), 'createdAt', input.cursor);
    return pageResult(page.docs.map(toSuggestionItem), page.nextCursor);
  },
});

export const detail = useCase(spec.detail, {
  permission: signedIn,
  run: async (input, { db, user }) => {
    const found = await loadSuggestion(db, input.id);
    const s = found?.s;
    if (!s || (!s.visible && !(user.role === 'staff' || s.proposerOpenid === user.openid))) throw new AppError('NOT_FOUND', '没有找到这条代表建议');
    return toSuggestionDetail(db, s, actorOf(user), { trail: found.trail });
  },
});

/** Beside an appeal its parties can see: the suggestion that carries it, its supporters, what it was merged into. */
export const links = useCase(spec.links, {
  permission: permission('appealParty', undefined, 'domain/appeals/access.ts viewerOf'),
  run: async (input, { db, user }) => {
    // The appeal, its link and its supporters in one request; then the suggestion and the case it was merged into in one more.
    const found = await findByIdWith(db, 'appeals', input.appealId, { link: { collection: 'suggestionLinks', id: input.appealId }, supporters: { collection: 'supports', pipeline: supportCountPipeline(db, input.appealId) } });
    const a = found?.doc as AppealDoc | undefined;
    if (!a || !viewerOf(a, user)) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    const suggestionId = found!.with.link?.suggestionId as string | undefined;
    let s: Doc | null = null;
    let into: Doc | null = null;
    if (suggestionId && a.mergedInto) {
      const both = await findByIdWith(db, 'suggestions', suggestionId, { into: { collection: 'appeals', id: a.mergedInto } });
      s = both?.doc ?? null;
      into = both ? both.with.into : await findById(db, 'appeals', a.mergedInto);
    } else if (suggestionId) s = await findById(db, 'suggestions', suggestionId);
    else if (a.mergedInto) into = await findById(db, 'appeals', a.mergedInto);
    return { suggestion: s ? toSuggestionItem(s) : null, supporters: (found!.with.supporters[0]?.n as number | undefined) ?? 0, mergedInto: (into?.trackingNo as string | undefined) ?? null };
  },
});

function publicView(a: AppealDoc, openid: string, lookup: Awaited<ReturnType<typeof names>>, support: { n: number; mine: boolean }, reason?: string): PublicCase {
  return toPublicCase(a, { categoryName: lookup.category.get(a.category) ?? '其他', communityName: (lookup.community.get(a.communityId)?.name as string | undefined) ?? '', supporters: support.n, supportedByMe: support.mine, viewer: openid, ...(reason ? { reason } : {}) });
}

export const similar = useCase(spec.similar, {
  permission: signedIn,
  run: async (input, { db, openid }) => {
    if (Array.from(input.content.trim()).length < 4) return [];
    const lookup = await names(db);
    const community = lookup.community.get(input.communityId);
    if (!community) throw new AppError('INVALID_ARGUMENT', '请选择所在的社区或村');
    const area = [...lookup.community.values()].filter((c) => c.stationId === community.stationId).map((c) => c._id);
    const _ = db.command;
    const rows = (await db.collection('appeals').where({ communityId: _.in(area), status: _.in(PUBLIC_OPEN) }).orderBy('createdAt', 'desc').limit(MAX_CANDIDATES).get()).data as AppealDoc[];
    // Routed cases passed moderation; what another resident sees of one is textless unless it is on the 回音壁 (views.ts).
    const open = rows.filter((a) => a.submitterOpenid !== openid);
    const typed = { communityId: input.communityId, areaId: community.stationId as string | undefined, text: redactForPublic(input.content), ...(input.category ? { category: input.category } : {}), ...(input.location ? { location: input.location } : {}) };
    const matches = similarTo(typed, open.map((a) => asCase(a, lookup.community)));
    const byId = new Map(open.map((a) => [a._id, a]));
    const supports = await supportsOf(db, matches.map((m) => m._id), openid);
    return matches.map((m) => publicView(byId.get(m._id)!, openid, lookup, supports.get(m._id) ?? { n: 0, mine: false }, m.reason));
  },
});

/** A case others may see (past moderation: routed and not refused), or one the caller is a party to. */
/** ...read with its supporters and whether the caller is one, in one request. */
async function loadPublicCase(db: Db, id: string, user: UserDoc): Promise<{ a: AppealDoc; support: { n: number; mine: boolean } }> {
  const found = await findByIdWith(db, 'appeals', id, { supporters: { collection: 'supports', pipeline: supportCountPipeline(db, id) }, mine: { collection: 'supports', id: supportId(id, user.openid) } });
  const a = found?.doc as AppealDoc | undefined;
  const mine = !!found?.with.mine;
  const open = a && !['pending_review', 'rejected'].includes(a.status);
  if (!a || (!open && !viewerOf(a, user) && !mine)) throw new AppError('NOT_FOUND', '没有找到这件诉求');
  return { a, support: { n: (found!.with.supporters[0]?.n as number | undefined) ?? 0, mine } };
}

export const publicCase = useCase(spec.publicCase, {
  permission: signedIn,
  run: async (input, { db, user, openid }) => {
    const [{ a, support }, lookup] = await Promise.all([loadPublicCase(db, input.appealId, user), names(db)]);
    return publicView(a, openid, lookup, support);
  },
});

/** 我也遇到: counted once per person (the support's _id is the appeal and the person). */
export const support = useCase(spec.support, {
  permission: signedIn,
  run: async (input, { db, user, openid, now }) => {
    const { a } = await loadPublicCase(db, input.appealId, user);
    orRefuse(maySupport(a, openid));
    await addSupport(db, a._id, openid, 'me_too', now(), auditActor(user));
    return { appealId: a._id, supporters: await supportCount(db, a._id), supportedByMe: true as const };
  },
});

/** Staff: a duplicate closes into another case; its resident and supporters follow that one, and both residents are told. */
export const merge = useCase(spec.merge, {
  permission: staffMember,
  run: async (input, { db, user, now }) => {
    const [dup, into] = (await Promise.all([findById(db, 'appeals', input.id), findById(db, 'appeals', input.intoId)])) as (AppealDoc | null)[];
    if (!dup || !into) throw new AppError('NOT_FOUND', '没有找到这条诉求');
    orRefuse(mayMerge(dup, into));
    const at = now();
    const actor = { kind: 'person' as const, openid: user.openid, role: user.role };
    await changeAppeal(db, dup._id, (cur) => (orRefuse(mayMerge(cur, into)), decideAppeal(cur, actor, { command: 'merge', into: { _id: into._id, trackingNo: into.trackingNo } }, { now: at })), { source: 'app', at });
    const follow = async (openid: string) => { if (openid !== into.submitterOpenid) await addSupport(db, into._id, openid, 'merged', at, auditActor(user)); };
    await follow(dup.submitterOpenid);
    await forEachSupporter(db, dup._id, (s) => follow(s.supporterOpenid));
    await enqueueNotice(db, {
      toOpenid: into.submitterOpenid, template: 'appealStatus',
      values: { trackingNo: into.trackingNo, status: '有人附议', summary: summaryOf(into.content, 20), time: at },
      title: '有居民反映了同一问题', body: `另一位居民反映的相同问题已合并到您的诉求 ${into.trackingNo}，一并办理。`,
      link: `/pages/appeal-detail/index?id=${into._id}`, dedupeKey: `merge-${dup._id}-${into._id}`,
    }, at);
    return { _id: dup._id, mergedInto: into._id };
  },
});
