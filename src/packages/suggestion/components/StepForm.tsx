import { Input, Text, Textarea, View } from '@tarojs/components';
import { stepInput } from '../../../../contracts/suggestion';
import { parseInput } from '../../../../contracts/validation';
import type { Resolution } from '../../../../domain/appeals/labels';
import type { SuggestionStep } from '../../../../domain/suggestions/lifecycle';
import { Btn } from '../../../components/Btn';
import { Chips } from '../../../components/Chips';
import { useDraft } from '../../../hooks/useDraft';
import { useSubmit } from '../../../hooks/useSubmit';
import { confirm, toast } from '../../../utils/confirm';
import { fieldReason } from '../../../utils/validation';
import { FN, RESOLUTION_LABELS, STEP_FROM, type SuggestionDetail } from '../labels';

const RESOLUTIONS: { value: Resolution; label: string }[] = (['implemented', 'in_plan', 'explained'] as const).map((r) => ({ value: r, label: RESOLUTION_LABELS[r] }));

/** The next step of a suggestion: 交办 (department), 答复 (the department's answer and its kind) or 落实 (what was done). */
export function StepForm({ s, step, onDone }: { s: SuggestionDetail; step: SuggestionStep; onDone: (next: SuggestionDetail) => void }) {
  const draft = useDraft(`lxq.draft.suggestion-step.${s._id}.${step}`, { department: s.department, text: '', resolution: '' as Resolution | '' }, (v) => !v.text.trim());
  const v = draft.value;
  const { sending, error, setError, busy, send } = useSubmit();
  const label = STEP_FROM[step].label;

  const submit = async () => {
    if (busy()) return;
    const event = step === 'assign' ? { action: 'step', id: s._id, step, department: v.department, ...(v.text.trim() ? { note: v.text } : {}) } : step === 'answer' ? { action: 'step', id: s._id, step, answer: v.text, resolution: v.resolution } : { action: 'step', id: s._id, step, note: v.text };
    const r = parseInput(stepInput, event);
    if (!r.ok) return setError(fieldReason(r));
    const body = step === 'answer' ? '答复会作为每件相关诉求的答复发给居民，居民仍需评价。' : `每件相关诉求的居民都会收到「${label}」的通知。`;
    if (!(await confirm(`确认${label}？`, body, `确认${label}`))) return;
    const env = await send<SuggestionDetail>(FN, r.value);
    if (!env?.ok) return;
    draft.clear();
    toast(`已${label}，居民会收到通知`, true);
    onDone(env.data);
  };

  return (
    <View className="lxq-sheet__section" data-testid="step-form">
      {step === 'assign' ? (
        <>
          <Text className="lxq-suggestion__label">交办部门</Text>
          <Input className="lxq-input" value={v.department} maxlength={30} disabled={sending || undefined} onInput={(e) => draft.set({ department: e.detail.value })} data-testid="step-department" />
        </>
      ) : null}
      {step === 'answer' ? (
        <>
          <Text className="lxq-suggestion__label">办理结果</Text>
          <Chips options={RESOLUTIONS} value={v.resolution} disabled={sending} onChange={(resolution) => draft.set({ resolution })} />
        </>
      ) : null}
      <Text className="lxq-suggestion__label">{step === 'assign' ? '交办说明（选填）' : step === 'answer' ? '部门答复' : '落实情况'}</Text>
      <Textarea className="lxq-textarea" value={v.text} maxlength={1000} disabled={sending || undefined} onInput={(e) => draft.set({ text: e.detail.value })} data-testid="step-text" />
      {error ? <Text className="lxq-suggestion__error" data-testid="step-error">{error}</Text> : null}
      <View className="lxq-suggestion__buttons">
        <Btn tone="primary" size="small" busy={sending} disabled={sending} onClick={submit} testId="step-submit">{`确认${label}`}</Btn>
      </View>
    </View>
  );
}
