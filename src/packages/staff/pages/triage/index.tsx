import { useState } from 'react';
import { View } from '@tarojs/components';
import type { DeputyPublic } from '../../../../../contracts/directory';
import { useSubmit } from '../../../../hooks/useSubmit';
import { toast } from '../../../../utils/confirm';
import { AppealQueue } from '../../components/AppealRow';
import { DeputyPicker } from '../../components/DeputyPicker';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { RowButton, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import type { StaffAppealItem } from '../../types';
import type { EventOf } from '../../../../services/api';
import '../../../../components/staff/staff.css';

const QUEUE = { action: 'triageQueue' as const };

export default function TriageQueue() {
  const { me, list } = useStaffQueue<StaffAppealItem>('staff', QUEUE);
  const [assigning, setAssigning] = useState<StaffAppealItem | null>(null);
  const [rejecting, setRejecting] = useState<StaffAppealItem | null>(null);
  const { sending: busy, error, setError, send } = useSubmit();

  const run = async (event: EventOf<'staff'>, success: string) => {
    const env = await send('staff', event);
    if (!env?.ok) return;
    toast(success, true);
    setAssigning(null);
    setRejecting(null);
    await list.reload();
  };

  const assign = (d: DeputyPublic) => assigning && run({ action: 'assign' as const, id: assigning._id, deputyId: d._id }, `已分派给${d.name}代表`);

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <AppealQueue list={list} emptyTitle="没有待分派的诉求" emptyDescription="自动分派找不到合适代表的诉求会出现在这里。">
            {(item) => (
              <View className="lxq-staff__buttons">
                <RowButton tone="primary" disabled={busy} onClick={() => (setError(null), setAssigning(item))} testId="assign">
                  分派代表
                </RowButton>
                <RowButton tone="danger" disabled={busy} onClick={() => (setError(null), setRejecting(item))}>
                  不予受理
                </RowButton>
              </View>
            )}
          </AppealQueue>
          {assigning ? <DeputyPicker title={`分派 ${assigning.trackingNo}`} communityId={assigning.communityId} busy={busy} error={error} onPick={assign} onCancel={() => setAssigning(null)} /> : null}
          {rejecting ? (
            <ReasonDialog
              draftKey={`reject.${rejecting._id}`}
              title="不予受理"
              description={`${rejecting.trackingNo}：请写明原因，居民会看到这段话。`}
              confirmText="确认不予受理"
              busy={busy}
              error={error}
              onConfirm={(reason) => run({ action: 'moderate' as const, id: rejecting._id, decision: 'reject', reason }, '已不予受理')}
              onCancel={() => setRejecting(null)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
