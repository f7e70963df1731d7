import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { commentInput } from '../../../../contracts/legislation';
import { parseInput } from '../../../../contracts/validation';
import { useSubmit } from '../../../hooks/useSubmit';
import { charCount } from '../../../utils/format';
import { fieldReason } from '../../../utils/validation';
import type { FormDraft } from '../forms';
import { FN, FormEnd, type CommentItem } from '../labels';
import { PointPicker } from './PointPicker';

const NETWORK_HINT = '网络不太好，意见可能还没有提交成功。请再点一次「重新提交」，不会重复提交。';

interface Props {
  draftId: string;
  /** Undefined: the comment is on the whole draft. */
  sectionId?: string;
  title: string;
  value: FormDraft;
  onChange: (text: string) => void;
  onSent: (item: CommentItem) => void;
  /** The consultation closed meanwhile (FAILED_PRECONDITION): the page reloads the draft. */
  onClosed: (message: string) => void;
  onCancel: () => void;
  testId: string;
}

/** An inline comment form: counter, the server's own checks, one request id per comment (kept on retry). */
export function CommentForm({ draftId, sectionId, title, value, onChange, onSent, onClosed, onCancel, testId }: Props) {
  const { sending, error, setError, busy, send } = useSubmit();
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [retry, setRetry] = useState(false);
  const [pointId, setPointId] = useState('');
  const count = charCount(value.text);

  const submit = async () => {
    if (busy()) return;
    const r = parseInput(commentInput, { action: 'comment', requestId: value.requestId, draftId, ...(sectionId ? { sectionId } : {}), ...(pointId ? { pointId } : {}), content: value.text });
    if (!r.ok) {
      const reason = fieldReason(r);
      if (r.field === 'content') setFieldError(reason);
      else setError(reason);
      return;
    }
    setFieldError(null);
    const env = await send<CommentItem>(FN, r.value);
    if (!env) return;
    if (env.ok) {
      setRetry(false);
      onSent(env.data);
      return;
    }
    const { code, message } = env.error;
    setRetry(code === 'NETWORK');
    // send() left the server's message as the form's error; some codes say it better elsewhere.
    if (code === 'NETWORK') setError(NETWORK_HINT);
    else if (code === 'CONTENT_REJECTED') {
      setError(null);
      setFieldError(message);
    }
    if (code === 'FAILED_PRECONDITION') onClosed(message);
  };

  return (
    <View className="lxq-legislation__form" data-testid={testId}>
      <View className="lxq-legislation__row">
        <Text className="lxq-legislation__form-title">{title}</Text>
        <Text className={count > 1000 ? 'lxq-legislation__count lxq-legislation__count--over' : 'lxq-legislation__count'} data-testid="comment-count">
          {count}/1000
        </Text>
      </View>
      <Textarea
        className="lxq-textarea"
        value={value.text}
        maxlength={1000}
        placeholder="说说您的意见和理由（5–1000 个字）"
        disabled={sending || undefined}
        onInput={(e) => {
          onChange(e.detail.value);
          setFieldError(null);
        }}
        data-testid="comment-input"
      />
      <PointPicker value={pointId} onChange={setPointId} optional disabled={sending} />
      {fieldError ? (
        <Text className="lxq-legislation__error" data-testid="comment-field-error">
          {fieldError}
        </Text>
      ) : null}
      <FormEnd error={error} sending={sending} cancelText="收起" submitText={retry ? '重新提交' : '提交意见'} onCancel={onCancel} onSubmit={submit} testPrefix="comment" />
    </View>
  );
}
