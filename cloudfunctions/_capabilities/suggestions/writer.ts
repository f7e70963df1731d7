/**
 * The one writer of suggestions and suggestionLinks. A suggestion and the links of its appeals are written
 * together: the link's _id is the appeal's, so one appeal joins at most one suggestion (a second, even a
 * concurrent one, aborts). Every step is audited and tells each linked resident in the same transaction.
 */
import type { StepOutcome } from '../../../domain/suggestions/lifecycle';
import { appendAudit, type ActorRole } from '../../_platform/audit';
import { findById, type Db, type Doc, type Transaction } from '../../_platform/db';
import { AppError, orRefuse } from '../../_platform/errors';
import { enqueueNotice } from '../../_platform/outbox';
import { retryOnConflict } from '../../_platform/retry';
import type { Refusal } from '../../../domain/outcome';
import type { AppealDoc } from '../appeals/model';
import { summaryOf } from '../appeals/views';

export interface Actor {
  openid: string;
  role: ActorRole;
}

function residentNotice(tx: Transaction, a: Pick<AppealDoc, '_id' | 'trackingNo' | 'content' | 'submitterOpenid'>, s: { _id: string; code: string }, tell: { headline: string; body: string; phrase: string; key: string }, at: Date) {
  return enqueueNotice(tx, {
    toOpenid: a.submitterOpenid, template: 'appealStatus',
    values: { trackingNo: a.trackingNo, status: tell.phrase, summary: summaryOf(a.content, 20), time: at },
    title: tell.headline, body: `${tell.body}\n「${summaryOf(a.content, 24)}」· 编号 ${a.trackingNo}`,
    link: `/pages/appeal-detail/index?id=${a._id}`,
    dedupeKey: `suggestion-${s._id}-${tell.key}-${a._id}`,
  }, at);
}

/** A new suggestion with its links, audit and the message to each resident; an existing one (same request) is answered as is. */
export async function createSuggestion(db: Db, doc: Doc & { code: string; title: string }, appeals: AppealDoc[], by: Actor, at: Date): Promise<void> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      if (await findById(tx, 'suggestions', doc._id)) return;
      for (const a of appeals) {
        if (await findById(tx, 'suggestionLinks', a._id)) throw new AppError('CONFLICT', `诉求 ${a.trackingNo} 已纳入另一条代表建议`);
        await tx.collection('suggestionLinks').add({ data: { _id: a._id, suggestionId: doc._id, trackingNo: a.trackingNo, at } });
      }
      await tx.collection('suggestions').add({ data: doc });
      await appendAudit(tx, { entityType: 'suggestion', entityId: doc._id, action: 'propose', actorOpenid: by.openid, actorRole: by.role, source: 'app', to: 'drafted', at, note: `${doc.title}（${appeals.length} 件诉求）` });
      for (const a of appeals) await residentNotice(tx, a, doc, { key: 'propose', phrase: '已纳入建议', headline: '您的诉求已纳入代表建议', body: `代表已将您反映的问题与相似诉求一并形成代表建议「${doc.title}」，向${doc.department}提出。` }, at);
    }),
  );
}

/** One step (交办 / 答复 / 落实) decided on the suggestion as the transaction reads it; tells the residents listed by `tellAppeals`. */
export async function stepSuggestion(db: Db, id: string, decide: (s: Doc) => StepOutcome | Refusal, tellAppeals: (outcome: StepOutcome) => AppealDoc[], by: Actor, at: Date): Promise<{ suggestion: Doc; outcome: StepOutcome }> {
  return retryOnConflict(() =>
    db.runTransaction(async (tx) => {
      const s = await findById(tx, 'suggestions', id);
      if (!s) throw new AppError('NOT_FOUND', '没有找到这条代表建议');
      const outcome = orRefuse(decide(s));
      const data = { ...outcome.patch, version: (s.version ?? 1) + 1, updatedAt: at };
      await tx.collection('suggestions').doc(id).update({ data });
      await appendAudit(tx, { entityType: 'suggestion', entityId: id, action: outcome.to, actorOpenid: by.openid, actorRole: by.role, source: 'app', from: outcome.from, to: outcome.to, at, note: outcome.note });
      const next = { ...s, ...data } as unknown as Doc & { code: string };
      for (const a of tellAppeals(outcome)) await residentNotice(tx, a, next, { key: outcome.to, phrase: phraseOf(outcome.to), headline: outcome.tell.headline, body: outcome.tell.body }, at);
      return { suggestion: next, outcome };
    }),
  );
}

const phraseOf = (to: string) => (to === 'assigned' ? '已交办' : to === 'answered' ? '已答复' : '已落实');
export { phraseOf };

/** The message to a resident whose appeal the answer could not become the reply of (already answered or closed). */
export async function tellResident(db: Db, a: AppealDoc, s: Doc & { code: string }, tell: { headline: string; body: string }, step: string, at: Date): Promise<string> {
  return db.runTransaction((tx) => residentNotice(tx, a, s, { key: step, phrase: phraseOf(step), ...tell }, at));
}
