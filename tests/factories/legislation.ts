/**
 * 立法信息采集: `consultingDraft` (a higher congress's draft open for comment from now, on the runtime's clock —
 * drafts are entered in the cloud console, no function makes them), `comment` (a resident's comment on a
 * section or the whole draft, optionally through a point), `offlineOpinion` (entered by a deputy or staff
 * member who collected it), `compiledDraft` (the consultation over and its opinions submitted),
 * `decidedComment` (submitted and the higher congress's adoption recorded with a reason).
 */
import type { RunningRuntime } from '../support/runtime';
import { consoleAdd } from '../support/cloudAdmin';
import { clockTo, DAY, MINUTE, runtimeNow } from './clock';
import { requestId, uniqueTag } from './ids';
import { resident as newResident, staffMember } from './people';

export interface Draft { draftId: string; title: string; sections: { _id: string; title: string }[]; closesAt: Date }

const SECTION_TITLES = ['第一条 登记', '第二条 出户', '第三条 粪便', '第四条 大型犬', '第五条 投诉处理'];

export async function consultingDraft(rt: RunningRuntime, o: { title?: string; sections?: number; days?: number; issuingBody?: string } = {}): Promise<Draft> {
  const now = (await runtimeNow(rt)).getTime();
  const title = o.title ?? `文明养犬管理办法（征求意见稿${uniqueTag()}）`;
  const sections = Array.from({ length: o.sections ?? 5 }, (_, i) => ({ _id: `s${i + 1}`, title: SECTION_TITLES[i] ?? `第${i + 1}条`, text: `条款${i + 1}的内容，供居民提出意见。` }));
  const closesAt = new Date(now + (o.days ?? 30) * DAY);
  const draftId = await consoleAdd(rt, 'drafts', { title, issuingBody: o.issuingBody ?? '清江市人大常委会', summary: '市人大常委会将本条例草案交基层立法联系点征求意见。', sections, opensAt: new Date(now - MINUTE), closesAt, submittedAt: null, createdAt: new Date(now) });
  return { draftId, title, sections: sections.map(({ _id, title: t }) => ({ _id, title: t })), closesAt };
}

export interface Comment { id: string; resident: string; sectionId: string | null; content: string; adoption: string }

export interface CommentOverrides { resident?: string; sectionId?: string | null; content?: string; requestId?: string; pointId?: string }

/** The comment event with defaults (on the first section) and who sends it. */
export async function commentEvent(rt: RunningRuntime, draft: Draft, o: CommentOverrides = {}): Promise<{ event: Record<string, unknown>; resident: string }> {
  const sectionId = o.sectionId === undefined ? draft.sections[0]?._id : o.sectionId;
  const event = { action: 'comment', requestId: o.requestId ?? requestId('comment'), draftId: draft.draftId, ...(sectionId ? { sectionId } : {}), ...(o.pointId ? { pointId: o.pointId } : {}), content: o.content ?? '建议登记可以在网上办理，方便上班族。' };
  return { event, resident: o.resident ?? (await newResident(rt)) };
}

export async function comment(rt: RunningRuntime, draft: Draft, o: CommentOverrides = {}): Promise<Comment> {
  const { event, resident } = await commentEvent(rt, draft, o);
  const made = await rt.ok('legislation', event, resident);
  return { id: made._id, resident, sectionId: made.sectionId, content: made.content, adoption: made.adoption };
}

/** An opinion a deputy (or staff member) collected offline at a point and entered. */
export async function offlineOpinion(rt: RunningRuntime, draft: Draft, o: { by: string; pointId: string; contributorName?: string; sectionId?: string | null; content?: string }): Promise<{ id: string; by: string }> {
  const sectionId = o.sectionId === undefined ? draft.sections[0]?._id : o.sectionId;
  const made = await rt.ok('legislation', { action: 'recordOffline', requestId: requestId('offline'), draftId: draft.draftId, pointId: o.pointId, ...(sectionId ? { sectionId } : {}), ...(o.contributorName ? { contributorName: o.contributorName } : {}), content: o.content ?? '建议条例施行前给予过渡期，加强宣传。' }, o.by);
  return { id: made._id, by: o.by };
}

/** The consultation is over and staff compiled its opinions into the submission (the clock is moved past its close). */
export async function compiledDraft(rt: RunningRuntime, draft: Draft, staff?: string): Promise<any> {
  await clockTo(rt, draft.closesAt.getTime() + MINUTE);
  return rt.ok('street', { action: 'compileDraft', draftId: draft.draftId }, staff ?? (await staffMember(rt)));
}

export async function decidedComment(rt: RunningRuntime, draft: Draft, o: CommentOverrides & { adoption: 'adopted' | 'partially_adopted' | 'not_adopted'; reason: string; staff?: string }): Promise<Comment & { reason: string }> {
  const { adoption, reason, staff, ...rest } = o;
  const c = await comment(rt, draft, rest);
  const who = staff ?? (await staffMember(rt));
  await compiledDraft(rt, draft, who);
  await rt.ok('legislation', { action: 'adopt', id: c.id, adoption, reason }, who);
  return { ...c, adoption, reason };
}
