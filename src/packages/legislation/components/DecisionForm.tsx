import { Text, Textarea, View } from '@tarojs/components';
import { adoptInput } from '../../../../contracts/legislation';
import { parseInput } from '../../../../contracts/validation';
import { checkDecision } from '../../../../domain/legislation/adoption';
import { Chips } from '../../../components/Chips';
import { useDraft } from '../../../hooks/useDraft';
import { useSubmit } from '../../../hooks/useSubmit';
import { confirm, toast } from '../../../utils/confirm';
import { fieldReason } from '../../../utils/validation';
import { charCount } from '../../../utils/format';
import { ADOPTION_LABELS, FN, FormEnd, type Adoption, type CommentItem } from '../labels';

type Decision = Exclude<Adoption, 'pending'>;
const CHOICES: { value: Decision; label: string }[] = [
  { value: 'adopted', label: ADOPTION_LABELS.adopted },
  { value: 'partially_adopted', label: ADOPTION_LABELS.partially_adopted },
  { value: 'not_adopted', label: ADOPTION_LABELS.not_adopted },
];

interface Props {
  item: CommentItem;
  onDone: (updated: CommentItem) => void;
  onCancel: () => void;
}

/** Staff decision on one comment: a choice and a reason (the author reads it), confirmed before sending. */
export function DecisionForm({ item, onDone, onCancel }: Props) {
  // A reason half written survives leaving the page (per comment).
  const draft = useDraft(`lxq.draft.adopt.${item._id}`, { adoption: (item.adoption === 'pending' ? '' : item.adoption) as Decision | '', reason: item.adoptionReason ?? '' }, (v) => v.reason.trim() === (item.adoptionReason ?? '').trim());
  const adoption = draft.value.adoption;
  const reason = draft.value.reason;
  const setAdoption = (a: Decision) => draft.set({ adoption: a });
  const setReason = (r: string) => draft.set({ reason: r });
  const { sending, error, setError, busy, send } = useSubmit();

  const submit = async () => {
    if (busy()) return;
    if (!adoption) return setError('请选择采纳结果');
    const problem = checkDecision(adoption, reason);
    if (problem) return setError(problem);
    const r = parseInput(adoptInput, { action: 'adopt', id: item._id, adoption, reason });
    if (!r.ok) return setError(fieldReason(r));
    setError(null);
    const label = ADOPTION_LABELS[adoption];
    const ok = await confirm(`确认「${label}」？`, `这条意见将标为「${label}」，理由会发给提意见的居民。`, '确认答复');
    if (!ok) return;
    const env = await send<CommentItem>(FN, r.value);
    if (!env?.ok) return;
    draft.clear();
    toast('已答复，居民会收到通知', true);
    onDone(env.data);
  };

  return (
    <View className="lxq-legislation__decide" data-testid="decide-form">
      <Text className="lxq-legislation__label">采纳结果</Text>
      <Chips
        options={CHOICES}
        value={adoption}
        disabled={sending}
        onChange={(a) => {
          setAdoption(a);
          setError(null);
        }}
      />
      <View className="lxq-legislation__row">
        <Text className="lxq-legislation__label">理由（居民会看到）</Text>
        <Text className="lxq-legislation__count">{charCount(reason)}/300</Text>
      </View>
      <Textarea
        className="lxq-textarea"
        value={reason}
        maxlength={300}
        placeholder="例如：已在第四条增加“经评估确无攻击性的可申请豁免”的规定。"
        disabled={sending || undefined}
        onInput={(e) => {
          setReason(e.detail.value);
          setError(null);
        }}
        data-testid="decide-reason"
      />
      <FormEnd error={error} sending={sending} cancelText="取消" submitText="提交答复" onCancel={onCancel} onSubmit={submit} testPrefix="decide" />
    </View>
  );
}
