import { Input, Text, Textarea, View } from '@tarojs/components';
import { progressInput, replyInput, transferInput, type AppealDetail } from '../../../../../contracts/appeal';
import { actorKindOf } from '../../../../../domain/appeals/access';
import { RESOLUTION_LABELS, type Resolution } from '../../../../../domain/appeals/labels';
import { allowedCommands } from '../../../../../domain/appeals/lifecycle';
import { AppealDetailScreen } from '../../../../components/AppealDetail';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { EventOf } from '../../../../services/api';
import { DraftNote } from '../../../../components/DraftNote';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { Btn } from '../../../../components/Btn';
import './index.css';

type Mode = 'progress' | 'transfer' | 'reply';

const RESOLUTIONS: { value: Resolution; label: string; hint: string }[] = [
  { value: 'implemented', label: RESOLUTION_LABELS.implemented, hint: '问题已经实际解决或落实到位。' },
  { value: 'in_plan', label: RESOLUTION_LABELS.in_plan, hint: '暂时解决不了，已纳入工作计划，请写明大致时间。' },
  { value: 'explained', label: RESOLUTION_LABELS.explained, hint: '依法依规暂不能办理，向居民解释原因。' },
];

const DEPUTY_ACTIONS = ['accept', 'progress', 'transfer', 'reply'] as const;
type DeputyAction = (typeof DEPUTY_ACTIONS)[number];
const isDeputyAction = (c: string): c is DeputyAction => (DEPUTY_ACTIONS as readonly string[]).includes(c);

/** The buttons: exactly the commands the domain allows this viewer in this status (domain/appeals/lifecycle.ts). */
function actionsFor(d: Pick<AppealDetail, 'status' | 'viewerIs'>): DeputyAction[] {
  return allowedCommands(d, actorKindOf(d.viewerIs)).filter(isDeputyAction);
}

const EMPTY = { mode: '' as Mode | '', note: '', department: '', content: '', resolution: '' as Resolution | '' };

const BUTTON_LABELS: Record<DeputyAction, string> = {
  accept: '受理',
  progress: '记录进展',
  transfer: '交办部门',
  reply: '答复',
};

function Actions({ detail, onDone }: { detail: AppealDetail; onDone: () => Promise<void> }) {
  // A half-typed note, transfer or reply survives leaving the page (per appeal), like the appeal form.
  const draft = useDraft(`lxq.draft.deputy.${detail._id}`, EMPTY, (v) => !v.note.trim() && !v.department.trim() && !v.content.trim() && !v.resolution);
  const { note, department, content } = draft.value;
  const mode = draft.value.mode || null;
  const resolution = draft.value.resolution as Resolution | '';
  const setMode = (m: Mode | null) => draft.set({ mode: m ?? '' });
  const setNote = (v: string) => draft.set({ note: v });
  const setDepartment = (v: string) => draft.set({ department: v });
  const setContent = (v: string) => draft.set({ content: v });
  const setResolution = (v: Resolution | '') => draft.set({ resolution: v });
  const call = useSubmit();
  const { sending, error, setError } = call;
  const id = detail._id;
  const actions = actionsFor(detail);

  const send = async (event: EventOf<'deputy'>, success: string) => {
    const env = await call.send<{ status: string; statusLabel: string; held?: true; heldMessage?: string }>('deputy', event);
    if (!env?.ok) return;
    // Held for staff review (moderation): nothing was sent to the resident yet.
    toast(env.data.heldMessage ?? success, !env.data.held);
    draft.clear();
    await onDone();
  };

  const submit = async () => {
    if (mode === 'progress') {
      const event = { action: 'progress' as const, id, note };
      const bad = checkInput(progressInput, event);
      if (bad) return setError(bad);
      return send(event, '已记录进展');
    }
    if (mode === 'transfer') {
      const event = { action: 'transfer' as const, id, department, note };
      const bad = checkInput(transferInput, event);
      if (bad) return setError(bad);
      return send(event, '已交办');
    }
    if (mode === 'reply') {
      if (!resolution) return setError('请选择办理结果');
      const event = { action: 'reply' as const, id, content, resolution };
      const bad = checkInput(replyInput, event);
      if (bad) return setError(bad);
      const ok = await confirm('确认答复？', `办理结果：${RESOLUTION_LABELS[resolution]}。答复后会通知居民评价，答复内容不能修改。`, '确认答复');
      if (!ok) return;
      return send(event, '已答复居民');
    }
  };

  if (actions.length === 0) {
    const text =
      detail.viewerIs !== 'assignee'
        ? '这条诉求目前不由您办理，仅供查看。'
        : detail.status === 'replied'
          ? '已答复，等待居民评价。居民不满意时会退回给您重办。'
          : detail.status === 'closed'
            ? '诉求已办结。'
            : '当前状态下无需操作。';
    return (
      <Card title="办理">
        <Text className="lxq-muted" data-testid="no-actions">
          {text}
        </Text>
      </Card>
    );
  }

  return (
    <Card title="办理">
      {draft.restored && mode ? <DraftNote onDiscard={() => draft.clear()} testId="deputy-draft-restored" /> : null}
      <View className="lxq-deputy-actions__buttons" data-testid="deputy-actions">
        {actions.map((a) => (
          <Btn
            key={a}
            tone={a === 'accept' || (a === 'reply' && detail.status === 'in_progress') ? 'primary' : 'ghost'}
            size="small"
            className="lxq-deputy-actions__btn"
            disabled={sending}
            busy={sending && a === 'accept'}
            onClick={() => {
              setError(null);
              if (a === 'accept') void send({ action: 'accept', id }, '已受理');
              else setMode(mode === a ? null : a);
            }}
          >
            {a === 'reply' && detail.status === 'assigned' ? '直接答复' : BUTTON_LABELS[a]}
          </Btn>
        ))}
      </View>

      {mode === 'progress' ? (
        <View className="lxq-deputy-actions__form" data-testid="form-progress">
          <Textarea className="lxq-textarea" value={note} maxlength={500} placeholder="例如：已联系物业，约定本周五上门维修。" disabled={(sending) || undefined} onInput={(e) => setNote(e.detail.value)} />
        </View>
      ) : null}

      {mode === 'transfer' ? (
        <View className="lxq-deputy-actions__form" data-testid="form-transfer">
          <Input className="lxq-input" value={department} maxlength={50} placeholder="交办部门，例如：区住建局" disabled={(sending) || undefined} onInput={(e) => setDepartment(e.detail.value)} />
          <Textarea className="lxq-textarea lxq-deputy-actions__gap" value={note} maxlength={500} placeholder="交办说明：请部门做什么、何时反馈" disabled={(sending) || undefined} onInput={(e) => setNote(e.detail.value)} />
        </View>
      ) : null}

      {mode === 'reply' ? (
        <View className="lxq-deputy-actions__form" data-testid="form-reply">
          <Text className="lxq-deputy-actions__label">办理结果</Text>
          <Chips options={RESOLUTIONS} value={resolution} onChange={setResolution} disabled={(sending) || undefined} />
          {resolution ? <Text className="lxq-deputy-actions__hint">{RESOLUTIONS.find((r) => r.value === resolution)?.hint}</Text> : null}
          <Text className="lxq-deputy-actions__label">答复内容</Text>
          <Textarea className="lxq-textarea" value={content} maxlength={1000} placeholder="向居民说明办理情况和结果" disabled={(sending) || undefined} onInput={(e) => setContent(e.detail.value)} />
        </View>
      ) : null}

      {error ? (
        <Text className="lxq-deputy-actions__error" data-testid="action-error">
          {error}
        </Text>
      ) : null}

      {mode ? (
        <Btn tone="primary" block className="lxq-deputy-actions__submit" disabled={sending} busy={sending} onClick={submit} testId="action-submit">
          {mode === 'reply' ? '提交答复' : mode === 'transfer' ? '确认交办' : '保存进展'}
        </Btn>
      ) : null}
    </Card>
  );
}

export default function DeputyAppeal() {
  return <AppealDetailScreen missingDescription="请从代表工作台打开。" actions={(d, reload) => <Actions detail={d} onDone={reload} />} />;
}
