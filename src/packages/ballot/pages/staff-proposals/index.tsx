import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Picker, Text, View } from '@tarojs/components';
import { reviewProposalInput, shortlistInput } from '../../../../../contracts/ballot';
import { parseInput } from '../../../../../contracts/validation';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { SubmitBar } from '../../../../components/SubmitBar';
import { PagedList } from '../../../../components/PagedList';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import { imageSrc } from '../../../../services/upload';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDate } from '../../../../utils/format';
import { checkInput, fieldReason } from '../../../../utils/validation';
import { formatWan, PROJECT } from '../../../../pages/ballots/ballot';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { CheckBox, RowButton, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import '../../../../components/staff/staff.css';
import './index.css';

type Status = 'submitted' | 'pending_review' | 'shortlisted' | 'rejected';
const TABS: { value: Status; label: string }[] = [
  { value: 'pending_review', label: '待审核' },
  { value: 'submitted', label: '待整理' },
  { value: 'shortlisted', label: '已列入' },
  { value: 'rejected', label: '未采纳' },
];
const INTRO: Record<Status, string> = {
  pending_review: '内容安全检查需要人工复核的建议：审核通过后进入「待整理」；不合适的写明理由不采纳。',
  submitted: '勾选内容相近的建议，合并整理成一个候选项目，之后可列入票决；无法实施的写明理由不采纳。',
  shortlisted: '已整理为候选项目的建议。',
  rejected: '未采纳的建议，建议人已收到通知并能看到理由。',
};
/** Refusals that mean "someone else got there first": show the list as it is now. */
const STALE = ['CONFLICT', 'FAILED_PRECONDITION', 'NOT_FOUND'];

interface Proposal {
  _id: string;
  title: string;
  description: string;
  communityId: string;
  cost: number | null;
  /** With each image's check: staff review them before anything goes public. */
  images?: { fileId: string; check: string }[];
  status: Status;
  createdAt: string;
}

const IMAGE_CHECK: Record<string, string> = { checking: '检查中', pass: '已通过', review: '待复核', risky: '有风险', error: '未检查' };

type Key = 'title' | 'summary' | 'cost' | 'communityId';

function wanToYuan(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d+(\.\d{1,4})?$/.test(t) ? Math.round(Number(t) * 10000) : Number.NaN;
}

function MergeForm({ picked, onDone }: { picked: Proposal[]; onDone: (projectId: string) => Promise<void> }) {
  const dir = useDirectory();
  // Keyed by the proposals being merged: coming back to the same selection finds the text again.
  const draft = useDraft(`lxq.draft.merge.${picked.map((p) => p._id).sort().join('.')}`, { title: picked[0]?.title ?? '', summary: '', cost: '' }, (v) => !v.summary.trim() && !v.cost.trim());
  const { title, summary, cost } = draft.value;
  const setTitle = (v: string) => draft.set({ title: v });
  const setSummary = (v: string) => draft.set({ summary: v });
  const setCost = (v: string) => draft.set({ cost: v });
  const [communityId, setCommunityId] = useState(picked[0]?.communityId ?? '');
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const { sending, error, setError, busy, send } = useSubmit();
  const communities = dir.directory?.communities ?? [];
  const index = communities.findIndex((c) => c._id === communityId);

  const submit = async () => {
    if (busy()) return;
    const yuan = wanToYuan(cost);
    if (Number.isNaN(yuan)) return setErrors({ cost: '请填写数字（单位：万元）' });
    const event = { action: 'shortlist' as const, proposalIds: picked.map((p) => p._id), title, summary, ...(yuan !== undefined ? { cost: yuan } : {}), ...(communityId ? { communityId } : {}) };
    const r = parseInput(shortlistInput, event);
    if (!r.ok) {
      const reason = fieldReason(r);
      if (r.field === 'title' || r.field === 'summary' || r.field === 'cost' || r.field === 'communityId') setErrors({ [r.field]: reason });
      else setError(reason);
      return;
    }
    setErrors({});
    const ok = await confirm('合并为候选项目？', `将 ${picked.length} 条建议整理为候选项目「${title.trim()}」，提建议的居民会收到通知。采纳后不能撤销。`, '确认采纳');
    if (!ok) return;
    const env = await send<{ projectId: string }>('project', event);
    if (!env?.ok) return;
    draft.clear();
    toast('已列入候选项目', true);
    await onDone(env.data.projectId);
  };

  return (
    <View data-testid="merge-form">
      <Text className="lxq-section-title">合并 {picked.length} 条建议为一个候选项目</Text>
      <TextField label="项目名称" required error={errors.title} value={title} maxlength={40} sending={sending} onInput={(e) => (setTitle(e.detail.value), setErrors({}))} />
      <TextField
        label="项目简介"
        required
        error={errors.summary}
        hint="10–300 个字：做什么、在哪里、惠及谁，居民投票时会看到。"
        multiline
        value={summary}
        maxlength={300}
        sending={sending}
        onInput={(e) => (setSummary(e.detail.value), setErrors({}))}
      />
      <TextField label="预算（万元，选填）" error={errors.cost} type="digit" value={cost} sending={sending} onInput={(e) => (setCost(e.detail.value), setErrors({}))} />
      <Field label="所在社区" error={errors.communityId}>
        <Picker mode="selector" range={communities.map((c) => c.name)} value={index >= 0 ? index : 0} disabled={sending || undefined} onChange={(e) => setCommunityId(communities[Number(e.detail.value)]?._id ?? '')}>
          <View className="lxq-input lxq-proposals__picker">
            <Text>{index >= 0 ? communities[index].name : '请选择'}</Text>
          </View>
        </Picker>
      </Field>
      <SubmitBar error={error} errorClass="lxq-staff__error lxq-staff__intro" sending={sending} onSubmit={submit} testId="shortlist">
        采纳为候选项目
      </SubmitBar>
    </View>
  );
}

function StatusTabs({ value, onChange }: { value: Status; onChange: (s: Status) => void }) {
  return (
    <View className="lxq-tabs" data-testid="status-tabs">
      {TABS.map((t) => (
        <Text key={t.value} className={t.value === value ? 'lxq-tab lxq-tab--on' : 'lxq-tab'} onClick={() => onChange(t.value)} data-testid={`tab-${t.value}`}>
          {t.label}
        </Text>
      ))}
    </View>
  );
}

const BADGE: Record<Status, { label: string; className: string }> = {
  pending_review: { label: '待审核', className: 'lxq-badge lxq-badge--warn' },
  submitted: { label: '待整理', className: 'lxq-badge' },
  shortlisted: { label: '已列入', className: 'lxq-badge lxq-badge--ok' },
  rejected: { label: '未采纳', className: 'lxq-badge' },
};

export default function Proposals() {
  const dir = useDirectory();
  const [status, setStatus] = useState<Status>('pending_review');
  const { me, list } = useStaffQueue<Proposal>('project', { action: 'proposals', status });
  const [picked, setPicked] = useState<string[]>([]);
  const [formKey, setFormKey] = useState(0);
  const [rejecting, setRejecting] = useState<Proposal | null>(null);
  const [approving, setApproving] = useState<string | null>(null);
  const review = useSubmit();
  // Only 待整理 proposals are merged into a project.
  const selected = (list.items ?? []).filter((p) => p.status === 'submitted' && picked.includes(p._id));

  const toggle = (p: Proposal) => {
    if (p.status !== 'submitted') return;
    setPicked((x) => (x.includes(p._id) ? x.filter((i) => i !== p._id) : [...x, p._id]));
  };

  const approve = async (p: Proposal) => {
    if (review.busy()) return;
    const ok = await confirm('审核通过？', `「${p.title}」将进入「待整理」，之后可以与相近的建议合并为候选项目。`, '审核通过');
    if (!ok) return;
    setApproving(p._id);
    const env = await review.send('project', { action: 'reviewProposal', id: p._id, decision: 'approve' });
    setApproving(null);
    if (!env) return;
    if (!env.ok) {
      toast(env.error.message);
      if (STALE.includes(env.error.code)) await list.reload();
      return;
    }
    toast('已审核通过', true);
    await list.reload();
  };

  const openReject = (p: Proposal) => {
    if (review.busy()) return;
    review.setError(null);
    setRejecting(p);
  };

  const reject = async (p: Proposal, reason: string) => {
    if (review.busy()) return;
    const event = { action: 'reviewProposal' as const, id: p._id, decision: 'reject' as const, reason };
    const bad = checkInput(reviewProposalInput, event);
    if (bad) return review.setError(bad);
    const env = await review.send('project', event);
    if (!env) return;
    if (!env.ok) {
      // The dialog shows the error; a proposal someone else handled leaves the list.
      if (STALE.includes(env.error.code)) await list.reload();
      return;
    }
    setRejecting(null);
    setPicked((x) => x.filter((i) => i !== p._id));
    toast('已标记为不采纳', true);
    await list.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <StatusTabs
            value={status}
            onChange={(s) => {
              if (s === status) return;
              setStatus(s);
              setPicked([]);
            }}
          />
          <View className="lxq-proposals__filter">
            <Text className="lxq-staff__muted">{INTRO[status]}</Text>
          </View>
          <PagedList list={list} emptyTitle="没有这一类建议">
            {(p) => {
              const selectable = p.status === 'submitted';
              const on = selectable && picked.includes(p._id);
              const canApprove = p.status === 'pending_review';
              const canReject = p.status === 'pending_review' || p.status === 'submitted';
              const badge = BADGE[p.status];
              return (
                <View key={p._id} className={on ? 'lxq-surface lxq-staff__item lxq-staff__item--on' : 'lxq-surface lxq-staff__item'} onClick={() => toggle(p)} data-testid="proposal" data-id={p._id}>
                  <View className="lxq-spread">
                    <Text className="lxq-proposals__title">
                      {selectable ? <CheckBox on={on} /> : null}
                      {p.title}
                    </Text>
                    {badge ? <Text className={badge.className}>{badge.label}</Text> : null}
                  </View>
                  <Text className="lxq-staff__summary">{p.description}</Text>
                  {p.images?.length ? (
                    <View className="lxq-staff__thumbs" data-testid="proposal-images">
                      {p.images.map((img) => (
                        <View key={img.fileId}>
                          <Image className="lxq-staff__thumb" src={imageSrc(img.fileId)} mode="aspectFill" />
                          <Text className="lxq-staff__meta">{IMAGE_CHECK[img.check] ?? img.check}</Text>
                        </View>
                      ))}
                    </View>
                  ) : null}
                  <Text className="lxq-staff__meta">{[dir.communityName(p.communityId), p.cost ? `估算 ${formatWan(p.cost)}` : '', `${formatDate(p.createdAt)} 提交`].filter(Boolean).join(' · ')}</Text>
                  {canApprove || canReject ? (
                    // Buttons act on this proposal only: a tap here does not (un)select the row.
                    <View className="lxq-staff__buttons" onClick={(e) => e.stopPropagation()}>
                      {canApprove ? (
                        <RowButton tone="primary" disabled={review.sending} loading={approving === p._id} onClick={() => approve(p)} testId="approve">
                          审核通过
                        </RowButton>
                      ) : null}
                      {canReject ? (
                        <RowButton tone="danger" disabled={review.sending} onClick={() => openReject(p)} testId="reject">
                          不采纳
                        </RowButton>
                      ) : null}
                    </View>
                  ) : null}
                </View>
              );
            }}
          </PagedList>
          {status === 'submitted' && selected.length > 0 ? (
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
          {rejecting ? (
            <ReasonDialog
              draftKey={`proposal.${rejecting._id}`}
              key={rejecting._id}
              title="不采纳这条建议"
              description={`「${rejecting.title}」将标记为未采纳。建议人会收到通知，并在「我的建议」中看到理由。此操作不能撤销。`}
              placeholder="写明不采纳的理由，例如：不属于街道民生实事范围，已转交相关部门（4–300 个字）"
              confirmText="确认不采纳"
              minLength={4}
              maxLength={300}
              busy={review.sending}
              error={review.error}
              onConfirm={(reason) => void reject(rejecting, reason)}
              onCancel={() => !review.sending && setRejecting(null)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
