import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { shortlistInput } from '../../../../../contracts/ballot';
import { parseInput } from '../../../../../contracts/validation';
import { Chips } from '../../../../components/Chips';
import { Field } from '../../../../components/Field';
import { PagedList } from '../../../../components/PagedList';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDate } from '../../../../utils/format';
import { formatWan, PROJECT } from '../../../../pages/ballots/ballot';
import { CheckBox, StaffGate, useStaffQueue } from '../../components/Staff';
import '../../staff.css';
import './index.css';

type Status = 'submitted' | 'pending_review' | 'shortlisted' | 'rejected';
const STATUSES: { value: Status; label: string }[] = [
  { value: 'submitted', label: '待整理' },
  { value: 'pending_review', label: '待审核' },
  { value: 'shortlisted', label: '已采纳' },
  { value: 'rejected', label: '未采纳' },
];

interface Proposal {
  _id: string;
  title: string;
  description: string;
  communityId: string;
  cost: number | null;
  status: Status;
  createdAt: string;
}

type Key = 'title' | 'summary' | 'cost' | 'communityId';

function wanToYuan(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d+(\.\d{1,4})?$/.test(t) ? Math.round(Number(t) * 10000) : Number.NaN;
}

function MergeForm({ picked, onDone }: { picked: Proposal[]; onDone: (projectId: string) => Promise<void> }) {
  const dir = useDirectory();
  const [title, setTitle] = useState(picked[0]?.title ?? '');
  const [summary, setSummary] = useState('');
  const [cost, setCost] = useState('');
  const [communityId, setCommunityId] = useState(picked[0]?.communityId ?? '');
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const { sending, error, setError, busy, send } = useSubmit();
  const communities = dir.directory?.communities ?? [];
  const index = communities.findIndex((c) => c._id === communityId);

  const submit = async () => {
    if (busy()) return;
    const yuan = wanToYuan(cost);
    if (Number.isNaN(yuan)) return setErrors({ cost: '请填写数字（单位：万元）' });
    const event = { action: 'shortlist', proposalIds: picked.map((p) => p._id), title, summary, ...(yuan !== undefined ? { cost: yuan } : {}), ...(communityId ? { communityId } : {}) };
    const r = parseInput(shortlistInput, event);
    if (!r.ok) {
      const reason = r.field ? r.message.replace(`参数 ${r.field} `, '') : r.message;
      if (r.field === 'title' || r.field === 'summary' || r.field === 'cost' || r.field === 'communityId') setErrors({ [r.field]: reason });
      else setError(reason);
      return;
    }
    setErrors({});
    const ok = await confirm('合并为候选项目？', `将 ${picked.length} 条建议整理为候选项目「${title.trim()}」，提建议的居民会收到通知。采纳后不能撤销。`, '确认采纳');
    if (!ok) return;
    const env = await send<{ projectId: string }>('project', event);
    if (!env?.ok) return;
    toast('已列入候选项目', true);
    await onDone(env.data.projectId);
  };

  return (
    <View data-testid="merge-form">
      <Text className="lxq-section-title">合并 {picked.length} 条建议为一个候选项目</Text>
      <Field label="项目名称" required error={errors.title}>
        <Input className="lxq-input" value={title} maxlength={40} disabled={sending || undefined} onInput={(e) => (setTitle(e.detail.value), setErrors({}))} />
      </Field>
      <Field label="项目简介" required error={errors.summary} hint="10–300 个字：做什么、在哪里、惠及谁，居民投票时会看到。">
        <Textarea className="lxq-textarea" value={summary} maxlength={300} disabled={sending || undefined} onInput={(e) => (setSummary(e.detail.value), setErrors({}))} />
      </Field>
      <Field label="预算（万元，选填）" error={errors.cost}>
        <Input className="lxq-input" type="digit" value={cost} disabled={sending || undefined} onInput={(e) => (setCost(e.detail.value), setErrors({}))} />
      </Field>
      <Field label="所在社区" error={errors.communityId}>
        <Picker mode="selector" range={communities.map((c) => c.name)} value={index >= 0 ? index : 0} disabled={sending || undefined} onChange={(e) => setCommunityId(communities[Number(e.detail.value)]?._id ?? '')}>
          <View className="lxq-input lxq-prop__picker">
            <Text>{index >= 0 ? communities[index].name : '请选择'}</Text>
          </View>
        </Picker>
      </Field>
      {error ? <Text className="lxq-s__error lxq-flag__intro">{error}</Text> : null}
      <View className="lxq-actions">
        <Button className="lxq-btn lxq-btn--primary" disabled={sending || undefined} loading={sending} onClick={submit} data-testid="shortlist">
          采纳为候选项目
        </Button>
      </View>
    </View>
  );
}

export default function Proposals() {
  const dir = useDirectory();
  const [status, setStatus] = useState<Status>('submitted');
  const { me, list } = useStaffQueue<Proposal>('project', { action: 'proposals', status });
  const [picked, setPicked] = useState<string[]>([]);
  const [formKey, setFormKey] = useState(0);
  const selected = (list.items ?? []).filter((p) => picked.includes(p._id));

  const toggle = (p: Proposal) => {
    if (p.status === 'shortlisted') return;
    setPicked((x) => (x.includes(p._id) ? x.filter((i) => i !== p._id) : [...x, p._id]));
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <View className="lxq-prop__filter">
            <Chips
              options={STATUSES}
              value={status}
              onChange={(s) => {
                setStatus(s);
                setPicked([]);
              }}
            />
            <Text className="lxq-s__muted">勾选内容相近的居民建议，合并整理成一个候选项目，之后可列入票决。</Text>
          </View>
          <PagedList list={list} emptyTitle="没有这一类建议">
            {(p) => {
              const on = picked.includes(p._id);
              return (
                <View key={p._id} className={on ? 'lxq-surface lxq-s__item lxq-s__item--on' : 'lxq-surface lxq-s__item'} onClick={() => toggle(p)} data-testid="proposal">
                  <View className="lxq-spread">
                    <Text className="lxq-prop__title">
                      {p.status !== 'shortlisted' ? <CheckBox on={on} /> : null}
                      {p.title}
                    </Text>
                  </View>
                  <Text className="lxq-s__summary">{p.description}</Text>
                  <Text className="lxq-s__meta">{[dir.communityName(p.communityId), p.cost ? `估算 ${formatWan(p.cost)}` : '', `${formatDate(p.createdAt)} 提交`].filter(Boolean).join(' · ')}</Text>
                </View>
              );
            }}
          </PagedList>
          {selected.length > 0 ? (
            <MergeForm
              key={formKey}
              picked={selected}
              onDone={async (projectId) => {
                setPicked([]);
                setFormKey((k) => k + 1);
                await list.reload();
                void Taro.navigateTo({ url: `${PROJECT}?id=${projectId}` });
              }}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
