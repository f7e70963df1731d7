import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { proposeInput } from '../../../../contracts/suggestion';
import { parseInput } from '../../../../contracts/validation';
import { Btn } from '../../../components/Btn';
import { useDraft } from '../../../hooks/useDraft';
import { useSubmit } from '../../../hooks/useSubmit';
import { confirm, toast } from '../../../utils/confirm';
import { newRequestId } from '../../../utils/storage';
import { fieldReason } from '../../../utils/validation';
import { FN, ROUTES, type ClusterView, type SuggestionDetail } from '../labels';


/** Draft a formal suggestion from a cluster: title, content and the department it is addressed to (kept while typed). */
export function ProposeForm({ cluster, onCancel }: { cluster: ClusterView; onCancel: () => void }) {
  const draft = useDraft(`lxq.draft.suggestion.${cluster.key.slice(0, 60)}`, { title: '', content: '', department: '', requestId: newRequestId() }, (v) => !v.title.trim() && !v.content.trim() && !v.department.trim());
  const v = draft.value;
  const { sending, error, setError, busy, send } = useSubmit();

  const submit = async () => {
    if (busy()) return;
    const r = parseInput(proposeInput, { action: 'propose', requestId: v.requestId, appealIds: cluster.appeals.map((a) => a._id), title: v.title, content: v.content, department: v.department });
    if (!r.ok) return setError(fieldReason(r));
    const ok = await confirm('提出代表建议？', `这 ${cluster.appeals.length} 件诉求的居民都会收到通知，并能在诉求里看到建议的办理进展。`, '提出建议');
    if (!ok) return;
    const env = await send<SuggestionDetail>(FN, r.value);
    if (!env?.ok) return;
    draft.clear();
    toast('已提出代表建议', true);
    void Taro.navigateTo({ url: `${ROUTES.detail}?id=${encodeURIComponent(env.data._id)}` });
  };

  return (
    <View data-testid="propose-form">
      <Text className="lxq-suggestion__label">建议标题</Text>
      <Input className="lxq-input" value={v.title} maxlength={40} placeholder="例如：关于修复青石路公交站台雨棚的建议" disabled={sending || undefined} onInput={(e) => draft.set({ title: e.detail.value })} data-testid="propose-title" />
      <Text className="lxq-suggestion__label">承办部门</Text>
      <Input className="lxq-input" value={v.department} maxlength={30} placeholder="例如：区交通运输局" disabled={sending || undefined} onInput={(e) => draft.set({ department: e.detail.value })} data-testid="propose-department" />
      <Text className="lxq-suggestion__label">建议内容</Text>
      <Textarea className="lxq-textarea" value={v.content} maxlength={2000} placeholder="写明问题、涉及的居民和具体建议。" disabled={sending || undefined} onInput={(e) => draft.set({ content: e.detail.value })} data-testid="propose-content" />
      {error ? <Text className="lxq-suggestion__error" data-testid="propose-error">{error}</Text> : null}
      <View className="lxq-suggestion__buttons">
        <Btn tone="ghost" size="small" disabled={sending} onClick={onCancel} testId="propose-cancel">取消</Btn>
        <Btn tone="primary" size="small" busy={sending} disabled={sending} onClick={submit} testId="propose-submit">提出建议</Btn>
      </View>
    </View>
  );
}
