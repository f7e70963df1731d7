import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { moderateInput } from '../../../../../contracts/staff';
import { callCloud } from '../../../../services/cloud';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { AppealQueue } from '../../components/AppealRow';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { RowButton, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import type { StaffAppealItem } from '../../types';
import '../../../../components/staff/staff.css';

const QUEUE = { action: 'reviewQueue' as const };

export default function ReviewQueue() {
  const { me, list } = useStaffQueue<StaffAppealItem>('staff', QUEUE);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<StaffAppealItem | null>(null);
  const [rejectError, setRejectError] = useState<string | null>(null);
  const lock = useRef(false);

  const send = async (event: { action: 'moderate'; id: string; decision: 'approve' | 'reject'; reason?: string }): Promise<string | null> => {
    const bad = checkInput(moderateInput, event);
    if (bad) return bad;
    if (lock.current) return null;
    lock.current = true;
    setBusyId(event.id);
    const env = await callCloud<{ statusLabel: string }>('staff', event);
    lock.current = false;
    setBusyId(null);
    if (!env.ok) return env.error.message;
    toast(event.decision === 'approve' ? `已通过：${env.data.statusLabel}` : '已不予受理，居民会看到原因', true);
    await list.reload();
    return null;
  };

  const approve = async (item: StaffAppealItem) => {
    const ok = await confirm('审核通过？', `${item.trackingNo} 将按规则自动分派给代表（找不到合适代表时进入待分派）。`, '通过');
    if (!ok) return;
    const error = await send({ action: 'moderate', id: item._id, decision: 'approve' });
    if (error) toast(error);
  };

  const reject = async (reason: string) => {
    if (!rejecting) return;
    const error = await send({ action: 'moderate', id: rejecting._id, decision: 'reject', reason });
    if (error) setRejectError(error);
    else setRejecting(null);
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <AppealQueue list={list} emptyTitle="没有待审核的诉求" emptyDescription="内容安全检查需要复核、或来自受限账号的诉求会出现在这里。">
            {(item) => (
              <View className="lxq-staff__buttons">
                <RowButton tone="primary" disabled={busyId !== null} loading={busyId === item._id && !rejecting} onClick={() => approve(item)} testId="approve">
                  通过
                </RowButton>
                <RowButton tone="danger" disabled={busyId !== null} onClick={() => (setRejectError(null), setRejecting(item))} testId="reject">
                  不予受理
                </RowButton>
              </View>
            )}
          </AppealQueue>
          {rejecting ? (
            <ReasonDialog
              draftKey={`reject.${rejecting._id}`}
              title="不予受理"
              description={`${rejecting.trackingNo}：请写明原因，居民会看到这段话。`}
              placeholder="例如：该事项属于物业合同纠纷，建议通过法律途径解决。"
              confirmText="确认不予受理"
              busy={busyId !== null}
              error={rejectError}
              onConfirm={reject}
              onCancel={() => setRejecting(null)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
