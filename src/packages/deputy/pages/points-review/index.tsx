import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { reviewPointsInput, type DutyPointItem } from '../../../../../contracts/duty';
import { PagedList } from '../../../../components/PagedList';
import { useSubmit } from '../../../../hooks/useSubmit';
import { toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { POINT_REF_LABEL, RECORD_PAGE, signedPoints } from '../../../../utils/points';
import { checkInput } from '../../../../utils/validation';
import { Dialog } from '../../../../components/staff/Dialog';
import { CheckBox, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';
import './index.css';

const QUEUE = { action: 'pointsQueue' as const };
/** reviewPoints takes at most this many ids at once. */
const MAX_IDS = 50;

type Decision = 'approve' | 'reject';

function ReviewDialog({ decision, picked, busy, error, onConfirm, onCancel }: { decision: Decision; picked: DutyPointItem[]; busy: boolean; error: string | null; onConfirm: (note: string) => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const total = picked.reduce((sum, p) => sum + p.points, 0);
  const approve = decision === 'approve';
  return (
    <Dialog
      title={approve ? '计入履职积分？' : '不计入履职积分？'}
      description={`共 ${picked.length} 条，合计 ${signedPoints(total)} 分。${approve ? '计入后算进代表的履职积分。' : '代表仍能看到这些记录，标为「不计入」。'}审核后不能更改。`}
      confirmText={approve ? '确认计入' : '确认不计入'}
      danger={!approve}
      busy={busy}
      onConfirm={() => onConfirm(note.trim())}
      onCancel={onCancel}
      testId="review-dialog"
    >
      <Textarea className="lxq-textarea lxq-points-review__note" value={note} maxlength={200} placeholder={decision === 'reject' ? '不计入的原因（必填，代表会看到）' : '审核说明（选填，记入操作记录）'} disabled={busy || undefined} onInput={(e) => setNote(e.detail.value)} data-testid="review-note" />
      {error ? (
        <Text className="lxq-staff__error" data-testid="review-error">
          {error}
        </Text>
      ) : null}
    </Dialog>
  );
}

/** 履职积分审核: pending entries, oldest first; pick some, then 计入 or 不计入 them together. */
export default function PointsReview() {
  const { me, list } = useStaffQueue<DutyPointItem>('staff', QUEUE);
  const [picked, setPicked] = useState<string[]>([]);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const { sending, error, setError, busy, send } = useSubmit();
  const items = list.items ?? [];
  // Only what is still on the list counts (a refresh may have dropped reviewed entries).
  const chosen = items.filter((p) => picked.includes(p._id));

  const toggle = (p: DutyPointItem) => {
    if (sending) return;
    if (picked.includes(p._id)) return setPicked((x) => x.filter((id) => id !== p._id));
    if (chosen.length >= MAX_IDS) return toast(`一次最多审核 ${MAX_IDS} 条`);
    setPicked((x) => [...x, p._id]);
  };
  const allOn = items.length > 0 && chosen.length === Math.min(items.length, MAX_IDS);
  const toggleAll = () => {
    if (sending) return;
    setPicked(allOn ? [] : items.slice(0, MAX_IDS).map((p) => p._id));
  };

  const review = async (note: string) => {
    if (!deciding || busy()) return;
    const event = { action: 'reviewPoints' as const, ids: chosen.map((p) => p._id), decision: deciding, ...(note ? { note } : {}) };
    const bad = checkInput(reviewPointsInput, event);
    if (bad) return setError(bad);
    const env = await send<{ updated: number }>('staff', event);
    if (!env?.ok) return;
    toast(`${deciding === 'approve' ? '已计入' : '已标为不计入'} ${env.data.updated} 条`, true);
    setDeciding(null);
    setPicked([]);
    await list.reload();
  };

  const ask = (decision: Decision) => {
    if (chosen.length === 0) return toast('请先勾选要审核的记录');
    setError(null);
    setDeciding(decision);
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Text className="lxq-staff__muted lxq-points-review__intro">代表答复诉求、参加票决、验收评分等履职记录由系统自动生成，审核通过后才计入履职积分。勾选后批量计入或不计入。</Text>
          {items.length > 0 ? (
            <View className="lxq-spread lxq-points-review__bar">
              <Text className="lxq-points-review__all" onClick={toggleAll} data-testid="select-all">
                <CheckBox on={allOn} />
                {allOn ? '取消全选' : '全选'}
              </Text>
              <Text className="lxq-staff__muted" data-testid="picked-count">
                已选 {chosen.length} 条
              </Text>
            </View>
          ) : null}
          <PagedList list={list} emptyTitle="没有待审核的积分" emptyDescription="代表有新的履职记录时，会出现在这里，最早的排在前面。">
            {(p) => {
              const on = picked.includes(p._id);
              return (
                <View key={p._id} className={on ? 'lxq-surface lxq-staff__item lxq-staff__item--on' : 'lxq-surface lxq-staff__item'} onClick={() => toggle(p)} data-testid="point-item" data-id={p._id}>
                  <View className="lxq-spread">
                    <Text className="lxq-points-review__title">
                      <CheckBox on={on} />
                      {p.deputyName || p.deputyId} 代表
                    </Text>
                    <Text className={p.points < 0 ? 'lxq-points-review__points lxq-points-review__points--minus' : 'lxq-points-review__points'}>{signedPoints(p.points)} 分</Text>
                  </View>
                  <Text className="lxq-staff__summary">{p.label}</Text>
                  <Text className="lxq-staff__meta">
                    {POINT_REF_LABEL[p.refType]} · {formatDateTime(p.at)}
                  </Text>
                  <View className="lxq-staff__buttons">
                    <Text
                      className="lxq-staff__link"
                      onClick={(e) => {
                        e.stopPropagation();
                        void Taro.navigateTo({ url: `${RECORD_PAGE}?deputyId=${p.deputyId}` });
                      }}
                      data-testid="open-record"
                    >
                      履职档案 ›
                    </Text>
                  </View>
                </View>
              );
            }}
          </PagedList>
          {items.length > 0 ? (
            <View className="lxq-actions lxq-points-review__actions">
              <Btn tone="danger" disabled={sending || chosen.length === 0} onClick={() => ask('reject')} testId="reject-selected">
                不计入
              </Btn>
              <Btn tone="primary" disabled={sending || chosen.length === 0} onClick={() => ask('approve')} testId="approve-selected">
                计入（{chosen.length}）
              </Btn>
            </View>
          ) : null}
          {deciding ? <ReviewDialog decision={deciding} picked={chosen} busy={sending} error={error} onConfirm={review} onCancel={() => setDeciding(null)} /> : null}
        </>
      )}
    </StaffGate>
  );
}
