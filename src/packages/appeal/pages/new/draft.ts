// The submit form's state as a draft: kept in storage until the appeal is in, so nothing typed is lost.
import { submitAppealInput, APPEAL_MAX_IMAGES, type SubmitAppealInput } from '../../../../../contracts/appeal';
import * as v from 'valibot';
import { isRequestId, newRequestId, readStorage, removeStorage, writeStorage } from '../../../../utils/storage';

export const DRAFT_KEY = 'lxq.appealDraft';
export const COMMUNITY_KEY = 'lxq.communityId';

export interface Draft {
  /** One per draft, reused on every retry: the server turns a repeat into the same appeal. */
  requestId: string;
  category: string;
  communityId: string;
  content: string;
  /** Uploaded cloud fileIDs. */
  images: string[];
  anonymous: boolean;
  location?: { latitude: number; longitude: number; name?: string };
  contactName: string;
  contactPhone: string;
}

export type FieldKey = 'category' | 'communityId' | 'content' | 'images' | 'contactName' | 'contactPhone' | 'form';
export type FormErrors = Partial<Record<FieldKey, string>>;

export function emptyDraft(): Draft {
  return { requestId: newRequestId(), category: '', communityId: '', content: '', images: [], anonymous: false, contactName: '', contactPhone: '' };
}

const str = (x: unknown) => (typeof x === 'string' ? x : '');

export function loadDraft(): Draft | null {
  const raw = readStorage(DRAFT_KEY);
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Record<string, unknown>;
  if (!isRequestId(d.requestId)) return null;
  const loc = d.location as Draft['location'] | undefined;
  return {
    requestId: d.requestId,
    category: str(d.category),
    communityId: str(d.communityId),
    content: str(d.content),
    images: Array.isArray(d.images) ? d.images.filter((x): x is string => typeof x === 'string').slice(0, APPEAL_MAX_IMAGES) : [],
    anonymous: d.anonymous === true,
    ...(loc && typeof loc.latitude === 'number' && typeof loc.longitude === 'number' ? { location: loc } : {}),
    contactName: str(d.contactName),
    contactPhone: str(d.contactPhone),
  };
}

/** Storage full or unavailable: the form still works, only the draft is not kept. */
export function saveDraft(d: Draft): void {
  writeStorage(DRAFT_KEY, d);
}

export function clearDraft(): void {
  removeStorage(DRAFT_KEY);
}

/** Anything worth restoring (more than the generated request id and defaults)? */
export function hasContent(d: Draft): boolean {
  return d.content.trim() !== '' || d.images.length > 0 || d.category !== '' || d.contactName !== '' || d.contactPhone !== '';
}

export function rememberCommunity(id: string): void {
  writeStorage(COMMUNITY_KEY, id);
}

export function rememberedCommunity(): string {
  return str(readStorage(COMMUNITY_KEY));
}

function fieldOf(path: string | undefined): FieldKey {
  if (!path) return 'form';
  if (path === 'content' || path === 'category' || path === 'communityId') return path;
  if (path.startsWith('images')) return 'images';
  if (path === 'contact.name') return 'contactName';
  if (path === 'contact.phone') return 'contactPhone';
  return 'form';
}

export type Validation = { ok: true; event: SubmitAppealInput } | { ok: false; errors: FormErrors };

/** The event the server will get, checked with the server's own schema (same Chinese messages). */
export function validateDraft(d: Draft, phoneCode?: string): Validation {
  const errors: FormErrors = {};
  if (!d.category) errors.category = '请选择诉求类别';
  if (!d.communityId) errors.communityId = '请选择所在的社区或村';
  const contact: { name?: string; phone?: string } = {};
  if (!d.anonymous) {
    if (d.contactName.trim()) contact.name = d.contactName;
    if (!phoneCode && d.contactPhone.trim()) contact.phone = d.contactPhone;
  }
  const event = {
    action: 'submit' as const,
    requestId: d.requestId,
    communityId: d.communityId,
    category: d.category,
    content: d.content,
    anonymous: d.anonymous,
    ...(d.images.length ? { images: d.images } : {}),
    ...(d.location ? { location: d.location } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    ...(!d.anonymous && phoneCode ? { phoneCode } : {}),
  };
  // The server's schema, all issues at once (parseInput reports only the first): one message per field.
  const result = v.safeParse(submitAppealInput, event);
  for (const issue of result.issues ?? []) {
    const field = fieldOf(v.getDotPath(issue) ?? undefined);
    if (!errors[field]) errors[field] = chineseReason(issue.message);
  }
  if (!result.success || Object.keys(errors).length > 0) {
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { form: '填写的内容有误，请检查后再试' } };
  }
  return { ok: true, event: result.output };
}

/** Worded as contracts/validation.ts parseInput words it: the schema's Chinese message, else a generic one. */
function chineseReason(message: string | undefined): string {
  return message && /[\u4e00-\u9fff]/.test(message) ? message : '格式不正确';
}
