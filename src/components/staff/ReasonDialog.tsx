import { useState } from 'react';
import { Text, Textarea } from '@tarojs/components';
import { Dialog } from './Dialog';
import { useDraft } from '../../hooks/useDraft';

interface Props {
  title: string;
  description: string;
  placeholder?: string;
  confirmText: string;
  busy?: boolean;
  /** Server-side error to show under the text (e.g. from the last attempt). */
  error?: string | null;
  /** Length the server accepts (trimmed); defaults to its reasonText, 2–200. */
  minLength?: number;
  maxLength?: number;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  /** Keep what was typed if the dialog is closed or the page left, under this key (e.g. the appeal's id). */
  draftKey?: string;
}

/** Asks for a reason (2–200 characters by default, as the server's reasonText); nothing happens without one. */
export function ReasonDialog({ title, description, placeholder = '请填写原因', confirmText, busy = false, error, minLength = 2, maxLength = 200, onConfirm, onCancel, draftKey }: Props) {
  const draft = useDraft(`lxq.draft.reason.${draftKey ?? 'none'}`, { reason: '' }, (v) => !draftKey || !v.reason.trim());
  const reason = draft.value.reason;
  const setReason = (r: string) => draft.set({ reason: r });
  const [local, setLocal] = useState<string | null>(null);
  const confirm = () => {
    const text = reason.trim();
    if (text.length < minLength) return setLocal(`请填写原因（至少 ${minLength} 个字）`);
    if (text.length > maxLength) return setLocal(`原因不能超过 ${maxLength} 个字`);
    setLocal(null);
    onConfirm(text);
    // Sent: the caller closes the dialog on success; a failure shows its error with the text still there.
    draft.forget();
  };
  const shown = local ?? error ?? null;
  return (
    <Dialog title={title} description={description} confirmText={confirmText} danger busy={busy} onConfirm={confirm} onCancel={onCancel} testId="reason-dialog">
      <Textarea
        className="lxq-textarea"
        value={reason}
        maxlength={maxLength}
        placeholder={placeholder}
        disabled={busy || undefined}
        onInput={(e) => {
          setReason(e.detail.value);
          setLocal(null);
        }}
        data-testid="reason-input"
      />
      {shown ? (
        <Text className="lxq-staff__error" data-testid="reason-error">
          {shown}
        </Text>
      ) : null}
    </Dialog>
  );
}
