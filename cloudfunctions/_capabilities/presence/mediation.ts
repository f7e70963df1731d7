/** 清茶议事 mediation cases: private to their handlers and staff. */
import { createHash } from 'node:crypto';
import { presenceManifest } from '../../../contracts/presence.manifest';
import type { MediationView } from '../../../contracts/presence';
import { closeCase, mayHandle, recordStep, type Closing, type MediationActor, type MediationState } from '../../../domain/presence/mediation';
import { findById, type Db, type Doc } from '../../_platform/db';
import { AppError } from '../../_platform/errors';
import { useCase } from '../../_platform/handler';
import { pageByTime, pageResult } from '../../_platform/paging';
import type { UserDoc } from '../../_platform/users';
import { directoryNames } from '../../_platform/directory';
import { directoryDoc } from '../appeals/routing';
import { pointTable } from './activities';
import { mediationHandler } from './permissions';
import { toMediationView } from './views';
import { changeMediation, createMediation } from './writer';

const spec = presenceManifest.presence;
const caseId = (openid: string, requestId: string) => createHash('sha256').update(`mediation\n${openid}\n${requestId}`).digest('hex').slice(0, 24);
const actorOf = (u: UserDoc): MediationActor => ({ openid: u.openid, role: u.role, ...(u.deputyId ? { deputyId: u.deputyId } : {}) });
const state = (d: Doc): MediationState => ({ ...(d as unknown as MediationState), steps: d.steps ?? [], handlerDeputyIds: d.handlerDeputyIds ?? [] });

/** A case with its community's name (the warm directory). */
async function view(db: Db, d: Doc): Promise<MediationView> {
  const c = await directoryDoc(db, 'communities', d.communityId);
  return toMediationView(d, c?.name ?? '');
}

/** A page of cases with their communities' names (the warm directory). */
async function views(db: Db, docs: Doc[]): Promise<MediationView[]> {
  const communities = await directoryNames(db, 'communities');
  return docs.map((d) => toMediationView(d, communities.get(d.communityId) ?? ''));
}

async function loadCase(db: Db, id: string, user: UserDoc): Promise<Doc> {
  const d = await findById(db, 'mediations', id);
  if (!d || !mayHandle(state(d), actorOf(user))) throw new AppError('NOT_FOUND', '没有找到这个调解案件');
  return d;
}

export const mediations = useCase(spec.mediations, {
  permission: mediationHandler,
  run: async (input, { db, user }) => {
    const base = user.role === 'staff' ? {} : { handlerDeputyIds: user.deputyId };
    const page = await pageByTime(db, (extra) => db.collection('mediations').where({ ...base, ...extra }), 'createdAt', input.cursor);
    return pageResult(await views(db, page.docs), page.nextCursor);
  },
});

export const mediation = useCase(spec.mediation, {
  permission: mediationHandler,
  run: async (input, { db, user }) => view(db, await loadCase(db, input.id, user)),
});

export const openMediation = useCase(spec.openMediation, {
  permission: mediationHandler,
  run: async (input, { db, user, now }) => {
    const id = caseId(user.openid, input.requestId);
    const existing = await findById(db, 'mediations', id);
    if (existing) return view(db, existing);
    if (!(await directoryDoc(db, 'communities', input.communityId))) throw new AppError('INVALID_ARGUMENT', '请选择纠纷所在的社区或村');
    const named = [...new Set([...(user.deputyId ? [user.deputyId] : []), ...(user.role === 'staff' ? (input.deputyIds ?? []) : [])])];
    if (named.length) {
      const found = (await db.collection('deputies').where({ _id: db.command.in(named) }).limit(30).get()).data;
      if (found.length !== named.length) throw new AppError('INVALID_ARGUMENT', '名册中没有其中的代表');
    }
    const at = now();
    const doc = { _id: id, requestId: input.requestId, communityId: input.communityId, parties: input.parties, summary: input.summary, status: 'open', handlerDeputyIds: named, openedBy: user.openid, steps: [], version: 1, createdAt: at };
    await createMediation(db, doc, { openid: user.openid, role: user.role === 'staff' ? 'staff' : 'deputy' }, at);
    return view(db, doc);
  },
});

export const mediationStep = useCase(spec.mediationStep, {
  permission: mediationHandler,
  run: async (input, { db, user, now }) => {
    const at = now();
    const next = await changeMediation(db, input.id, (d) => recordStep(state(d), actorOf(user), { step: input.step, note: input.note, day: input.day }, at), at);
    return view(db, next);
  },
});

export const closeMediation = useCase(spec.closeMediation, {
  permission: mediationHandler,
  run: async (input, { db, user, now }) => {
    const at = now();
    let closing: Closing;
    if (input.outcome === 'agreement') {
      if (!input.text || input.text.length < 5) throw new AppError('INVALID_ARGUMENT', '请填写协议内容（至少 5 个字）');
      closing = { outcome: 'agreement', text: input.text, partiesConfirmed: input.partiesConfirmed === true, day: input.day };
    } else {
      if (!input.referTo) throw new AppError('INVALID_ARGUMENT', '请选择转交去向');
      closing = { outcome: 'referral', to: input.referTo, note: input.note ?? '', day: input.day };
    }
    // Only an agreement earns points.
    const table = closing.outcome === 'agreement' ? await pointTable(db) : {};
    const next = await changeMediation(db, input.id, (d) => closeCase(state(d), actorOf(user), closing, at, table), at);
    return view(db, next);
  },
});
