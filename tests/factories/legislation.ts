/**
 * 立法意见征询: `consultingDraft` (a draft regulation open for comment from now, on the runtime's clock —
 * drafts are entered in the cloud console, no function makes them), `comment` (a resident's comment on a
 * section or the whole draft), `decidedComment` (staff recorded an adoption decision with a reason).
 */
import type { RunningRuntime } from '../support/runtime';
import { consoleAdd } from '../support/cloudAdmin';
import { DAY, MINUTE, runtimeNow } from './clock';
import { requestId, uniqueTag } from './ids';
import { resident as newResident, staffMember } from './people';

export interface Draft { draftId: string; title: string; sections: { _id: string; title: string }[]; closesAt: Date }

const SECTION_TITLES = ['第一条 登记', '第二条 出户', '第三条 粪便', '第四条 大型犬', '第五条 投诉处理'];

export async function consultingDraft(rt: RunningRuntime, o: { title?: string; sections?: number; days?: number } = {}): Promise<Draft> {
  const now = (await runtimeNow(rt)).getTime();
  const title = o.title ?? `文明养犬管理办法（征求意见稿${uniqueTag()}）`;
  const sections = Array.from({ length: o.sections ?? 5 }, (_, i) => ({ _id: `s${i + 1}`, title: SECTION_TITLES[i] ?? `第${i + 1}条`, text: `条款${i + 1}的内容，供居民提出意见。` }));
  const closesAt = new Date(now + (o.days ?? 30) * DAY);
  const draftId = await consoleAdd(rt, 'drafts', { title, summary: '为规范养犬行为，街道拟制定本办法，现公开征求居民意见。', sections, opensAt: new Date(now - MINUTE), closesAt, createdAt: new Date(now) });
  return { draftId, title, sections: sections.map(({ _id, title: t }) => ({ _id, title: t })), closesAt };
}

export interface Comment { id: string; resident: string; sectionId: string | null; content: string; adoption: string }

export interface CommentOverrides { resident?: string; sectionId?: string | null; content?: string; requestId?: string }

/** The comment event with defaults (on the first section) and who sends it. */
export async function commentEvent(rt: RunningRuntime, draft: Draft, o: CommentOverrides = {}): Promise<{ event: Record<string, unknown>; resident: string }> {
  const sectionId = o.sectionId === undefined ? draft.sections[0]?._id : o.sectionId;
  const event = { action: 'comment', requestId: o.requestId ?? requestId('comment'), draftId: draft.draftId, ...(sectionId ? { sectionId } : {}), content: o.content ?? '建议登记可以在网上办理，方便上班族。' };
  return { event, resident: o.resident ?? (await newResident(rt)) };
}

export async function comment(rt: RunningRuntime, draft: Draft, o: CommentOverrides = {}): Promise<Comment> {
  const { event, resident } = await commentEvent(rt, draft, o);
  const made = await rt.ok('legislation', event, resident);
  return { id: made._id, resident, sectionId: made.sectionId, content: made.content, adoption: made.adoption };
}

export async function decidedComment(rt: RunningRuntime, draft: Draft, o: CommentOverrides & { adoption: 'adopted' | 'partially_adopted' | 'not_adopted'; reason: string; staff?: string }): Promise<Comment & { reason: string }> {
  const { adoption, reason, staff, ...rest } = o;
  const c = await comment(rt, draft, rest);
  await rt.ok('legislation', { action: 'adopt', id: c.id, adoption, reason }, staff ?? (await staffMember(rt)));
  return { ...c, adoption, reason };
}
