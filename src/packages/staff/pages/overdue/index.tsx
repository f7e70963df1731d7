import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { DeputyPublic } from '../../../../../contracts/directory';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePaged } from '../../../../hooks/usePaged';
import { callCloud } from '../../../../services/cloud';
import { toast } from '../../../../utils/confirm';
import { AppealRow } from '../../components/AppealRow';
import { DeputyPicker } from '../../components/DeputyPicker';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { PagedList } from '../../../../components/PagedList';
import { StaffGate, useStaffMe } from '../../components/Staff';
import type { StaffAppealItem } from '../../types';
import '../../staff.css';

const QUEUE = { action: 'overdue' };

export default function OverdueList() {
  const me = useStaffMe();
  const list = usePaged<StaffAppealItem>('staff', me.isStaff ? QUEUE : null);
  useListLifecycle(() => Promise.all([me.reload(), list.reload()]), list);
  const dir = useDirectory();
  // From the dashboard: one deputy's overdue appeals (filtered on the loaded pages, oldest first).
  const deputy = usePageParam('deputy');
  const [moving, setMoving] = useState<StaffAppealItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lock = useRef(false);

  const reassign = async (d: DeputyPublic) => {
    if (!moving || lock.current) return;
    lock.current = true;
    setBusy(true);
    setError(null);
    const env = await callCloud('staff', { action: 'assign', id: moving._id, deputyId: d._id });
    lock.current = false;
    setBusy(false);
    if (!env.ok) return setError(env.error.message);
    toast(`已改派给${d.name}代表`, true);
    setMoving(null);
    await list.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          {deputy ? <Text className="lxq-section-title">{deputy} 代表的超期诉求</Text> : null}
          <PagedList list={list} emptyTitle="没有超期的诉求" emptyDescription="超过受理或答复时限的诉求会出现在这里，最早超期的排在前面。" filter={deputy ? (i) => i.assignee === deputy : undefined}>
            {(item) => (
              <AppealRow key={item._id} item={item} categoryName={dir.categoryName(item.category)} communityName={dir.communityName(item.communityId)}>
                <View className="lxq-s__buttons">
                  <Button
                    className="lxq-btn lxq-btn--ghost lxq-btn--small"
                    disabled={busy || undefined}
                    onClick={() => {
                      setError(null);
                      setMoving(item);
                    }}
                  >
                    改派代表
                  </Button>
                </View>
              </AppealRow>
            )}
          </PagedList>
          {moving ? (
            <DeputyPicker title={`改派 ${moving.trackingNo}`} communityId={moving.communityId} current={moving.assignee} busy={busy} error={error} onPick={reassign} onCancel={() => setMoving(null)} />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
