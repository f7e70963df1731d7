// What a resident typed into the comment forms of one draft, kept in storage until it is sent:
// leaving the page (or a failed send) loses nothing, and the request id goes with the text so a retry
// after a network error is recognised by the server as the same comment.
import { isRequestId, readStorage, removeStorage, writeStorage } from '../../utils/storage';

/** Section id, or GENERAL for the comment on the whole draft. */
export const GENERAL = '_general';

export interface FormDraft {
  text: string;
  requestId: string;
}

export type FormDrafts = Record<string, FormDraft>;

export const formsKey = (draftId: string) => `lxq.legislationForms.${draftId}`;

export function loadForms(draftId: string): FormDrafts {
  const raw = readStorage(formsKey(draftId));
  if (!raw || typeof raw !== 'object') return {};
  const out: FormDrafts = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = value as Partial<FormDraft> | null;
    if (v && typeof v.text === 'string' && isRequestId(v.requestId)) out[key] = { text: v.text, requestId: v.requestId };
  }
  return out;
}

/** Keeps only forms with text; removes the entry when nothing is left. */
export function saveForms(draftId: string, forms: FormDrafts): void {
  const kept = Object.fromEntries(Object.entries(forms).filter(([, f]) => f.text.trim() !== ''));
  // Storage full or unavailable: the forms still work, only the text is not kept.
  if (Object.keys(kept).length === 0) removeStorage(formsKey(draftId));
  else writeStorage(formsKey(draftId), kept);
}
