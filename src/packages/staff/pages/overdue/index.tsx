import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DeputyPublic } from '../../../../../contracts/directory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useSubmit } from '../../../../hooks/useSubmit';
import { toast } from '../../../../utils/confirm';
import { AppealQueue } from '../../components/AppealRow';
import { DeputyPicker } from '../../components/DeputyPicker';
import { RowButton, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import type { StaffAppealItem } from '../../types';
import '../../../../components/staff/staff.css';

const QUEUE = { action: 'overdue' as const };

export default function OverdueList() {
  const { me, list } = useStaffQueue<StaffAppealItem>('staff', QUEUE);
  // From the dashboard: one deputy's overdue appeals (filtered on the loaded pages, oldest first).
  const deputy = usePageParam('deputy');
  const [moving, setMoving] = useState<StaffAppealItem | null>(null);
  const { sending: busy, error, setError, send } = useSubmit();

  const reassign = async (d: DeputyPublic) => {
    if (!moving) return;
    const env = await send('staff', { action: 'assign', id: moving._id, deputyId: d._id });
    if (!env?.ok) return;
    toast(`已改派给${d.name}代表`, true);
    setMoving(null);
    await list.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          {deputy ? <Text className="lxq-section-title">{deputy} 代表的超期诉求</Text> : null}
          <AppealQueue list={list} emptyTitle="没有超期的诉求" emptyDescription="超过受理或答复时限的诉求会出现在这里，最早超期的排在前面。" filter={deputy ? (i) => i.assignee === deputy : undefined}>
            {(item) => (
              <View className="lxq-staff__buttons">
                <RowButton tone="ghost" disabled={busy} onClick={() => (setError(null), setMoving(item))}>
                  改派代表
                </RowButton>
              </View>
            )}
          </AppealQueue>
          {moving ? (
            <DeputyPicker title={`改派 ${moving.trackingNo}`} communityId={moving.communityId} current={moving.assignee} busy={busy} error={error} onPick={reassign} onCancel={() => setMoving(null)} />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
