/**
 * The one writer of suggestions and suggestionLinks. A suggestion and the links of its appeals are written
 * together: the link's _id is the appeal's, so one appeal joins at most one suggestion (a second, even a
 * concurrent one, aborts). Every step is audited and tells each linked resident in the same transaction.
 */
import type { StepOutcome } from '../../../domain/suggestions/lifecycle';
import { appendAudit, type ActorRole } from '../../_platform/audit';
import { findById, insertAll, isDuplicateKey, type Db, type Doc } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { enqueueFreshNotices, enqueueNotice, type Notice } from '../../_platform/outbox';
import { retryOnConflict } from '../../_platform/retry';
import type { Refusal } from '../../../domain/outcome';
import type { AppealDoc } from '../appeals/model';
import { summaryOf } from '../appeals/views';

export interface Actor {
  openid: string;
  role: ActorRole;
}

/**
 * What a linked appeal's resident is told of a step. Queued by the transaction that first reaches the step
 * (steps only move forward), so its key cannot exist yet: all of a step's messages go in one insert.
 */
function residentNotice(a: Pick<AppealDoc, '_id' | 'trackingNo' | 'content' | 'submitterOpenid'>, s: { _id: string; code: string }, tell: { headline: string; body: string; phrase: string; key: string }, at: Date): Notice {
  return {
    toOpenid: a.submitterOpenid, template: 'appealStatus',
    values: { trackingNo: a.trackingNo, status: tell.phrase, summary: summaryOf(a.content, 20), time: at },
    title: tell.headline, body: `${tell.body}\n「${summaryOf(a.content, 24)}」· 编号 ${a.trackingNo}`,
    link: `/pages/appeal-detail/index?id=${a._id}`,
    dedupeKey: `suggestion-${s._id}-${tell.key}-${a._id}`,
  };
}

/** The audit entry of a new suggestion (the caller shows it without reading it back). */
export const proposeNote = (doc: { title: string }, appeals: unknown[]) => `${doc.title}（${appeals.length} 件诉求）`;

/**
 * A new suggestion with its links, audit and the message to each resident: true once stored, false when this
 * same request was stored before. The inserts themselves are the checks: a link already there (another
 * suggestion's, even a concurrent one) or the suggestion already there is a duplicate key, which aborts the
 * transaction; only then is it read which one it was.
 */
export async function createSuggestion(db: Db, doc: Doc & { code: string; title: string }, appeals: AppealDoc[], by: Actor, at: Date): Promise<boolean> {
  try {
    await retryOnConflict(() =>
      db.runTransaction(async (tx) => {
        await insertAll(tx, 'suggestionLinks', appeals.map((a) => ({ _id: a._id, suggestionId: doc._id, trackingNo: a.trackingNo, at })));
        await tx.collection('suggestions').add({ data: doc });
        await appendAudit(tx, { entityType: 'suggestion', entityId: doc._id, action: 'propose', actorOpenid: by.openid, actorRole: by.role, source: 'app', to: 'drafted', at, note: proposeNote(doc, appeals) });
        await enqueueFreshNotices(tx, appeals.map((a) => residentNotice(a, doc, { key: 'propose', phrase: '已纳入建议', headline: '您的诉求已纳入代表建议', body: `代表已将您反映的问题与相似诉求一并形成代表建议「${doc.title}」，向${doc.department}提出。` }, at)), at);
      }),
    );
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    if (await findById(db, 'suggestions', doc._id)) return false;
    const taken = new Set((await db.collection('suggestionLinks').where({ _id: db.command.in(appeals.map((a) => a._id)) }).limit(appeals.length).get()).data.filter((l) => l.suggestionId !== doc._id).map((l) => l._id));
    const a = appeals.find((x) => taken.has(x._id));
    throw new AppError('CONFLICT', a ? `诉求 ${a.trackingNo} 已纳入另一条代表建议` : '有诉求已纳入另一条代表建议，请刷新后重试');
  }
}

/**
 * One step (交办 / 答复 / 落实) decided on the suggestion as the transaction reads it; tells the residents listed by
 * `tellAppeals`, and whoever `alsoTell` names (supporters), in the same insert.
 */
export async function stepSuggestion(db: Db, id: string, decide: (s: Doc) => StepOutcome | Refusal, tellAppeals: (outcome: StepOutcome) => AppealDoc[], by: Actor, at: Date, alsoTell: (next: Doc, outcome: StepOutcome) => Notice[] = () => []): Promise<{ suggestion: Doc; outcome: StepOutcome }> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const s = await findById(tx, 'suggestions', id);
      if (!s) throw new AppError('NOT_FOUND', '没有找到这条代表建议');
      const outcome = orRefuse(decide(s));
      const data = { ...outcome.patch, version: (s.version ?? 1) + 1, updatedAt: at };
      await tx.collection('suggestions').doc(id).update({ data });
      await appendAudit(tx, { entityType: 'suggestion', entityId: id, action: outcome.to, actorOpenid: by.openid, actorRole: by.role, source: 'app', from: outcome.from, to: outcome.to, at, note: outcome.note });
      const next = { ...s, ...data } as unknown as Doc & { code: string };
      const residents = tellAppeals(outcome).map((a) => residentNotice(a, next, { key: outcome.to, phrase: phraseOf(outcome.to), headline: outcome.tell.headline, body: outcome.tell.body }, at));
      await enqueueFreshNotices(tx, [...residents, ...alsoTell(next, outcome)], at);
      return { suggestion: next, outcome };
    }),
  );
}

const phraseOf = (to: string) => (to === 'assigned' ? '已交办' : to === 'answered' ? '已答复' : '已落实');
export { phraseOf };

/** The message to a resident whose appeal the answer could not become the reply of (already answered or closed). */
export async function tellResident(db: Db, a: AppealDoc, s: Doc & { code: string }, tell: { headline: string; body: string }, step: string, at: Date): Promise<string> {
  return enqueueNotice(db, residentNotice(a, s, { key: step, phrase: phraseOf(step), ...tell }, at), at);
}
