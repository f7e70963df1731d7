import { useState } from 'react';
import { Text, Textarea } from '@tarojs/components';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  description: string;
  placeholder?: string;
  confirmText: string;
  busy?: boolean;
  /** Server-side error to show under the text (e.g. from the last attempt). */
  error?: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** Asks for a reason (2–200 characters, as the server's reasonText); nothing happens without one. */
export function ReasonDialog({ title, description, placeholder = '请填写原因', confirmText, busy = false, error, onConfirm, onCancel }: Props) {
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const confirm = () => {
    const text = reason.trim();
    if (text.length < 2) return setLocal('请填写原因（至少 2 个字）');
    if (text.length > 200) return setLocal('原因不能超过 200 个字');
    setLocal(null);
    onConfirm(text);
  };
  const shown = local ?? error ?? null;
  return (
    <Dialog title={title} description={description} confirmText={confirmText} danger busy={busy} onConfirm={confirm} onCancel={onCancel} testId="reason-dialog">
      <Textarea
        className="lxq-textarea"
        value={reason}
        maxlength={200}
        placeholder={placeholder}
        disabled={busy || undefined}
        onInput={(e) => {
          setReason(e.detail.value);
          setLocal(null);
        }}
        data-testid="reason-input"
      />
      {shown ? (
        <Text className="lxq-s__error" data-testid="reason-error">
          {shown}
        </Text>
      ) : null}
    </Dialog>
  );
}
