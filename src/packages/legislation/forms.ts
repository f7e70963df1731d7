// What a resident typed into the comment forms of one draft, kept in storage until it is sent:
// leaving the page (or a failed send) loses nothing, and the request id goes with the text so a retry
// after a network error is recognised by the server as the same comment.
import Taro from '@tarojs/taro';

/** Section id, or GENERAL for the comment on the whole draft. */
export const GENERAL = '_general';

export interface FormDraft {
  text: string;
  requestId: string;
}

export type FormDrafts = Record<string, FormDraft>;

export const formsKey = (draftId: string) => `lxq.legislationForms.${draftId}`;

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function loadForms(draftId: string): FormDrafts {
  let raw: unknown;
  try {
    raw = Taro.getStorageSync(formsKey(draftId));
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: FormDrafts = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = value as Partial<FormDraft> | null;
    if (v && typeof v.text === 'string' && typeof v.requestId === 'string' && REQUEST_ID.test(v.requestId)) out[key] = { text: v.text, requestId: v.requestId };
  }
  return out;
}

/** Keeps only forms with text; removes the entry when nothing is left. */
export function saveForms(draftId: string, forms: FormDrafts): void {
  const kept = Object.fromEntries(Object.entries(forms).filter(([, f]) => f.text.trim() !== ''));
  try {
    if (Object.keys(kept).length === 0) Taro.removeStorageSync(formsKey(draftId));
    else Taro.setStorageSync(formsKey(draftId), kept);
  } catch {
    // storage full or unavailable: the forms still work, only the text is not kept
  }
}
