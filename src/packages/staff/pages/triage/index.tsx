import { useRef, useState } from 'react';
import { Button, View } from '@tarojs/components';
import type { DeputyPublic } from '../../../../../contracts/directory';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePaged } from '../../../../hooks/usePaged';
import { callCloud } from '../../../../services/cloud';
import { toast } from '../../../../utils/confirm';
import { AppealRow } from '../../components/AppealRow';
import { DeputyPicker } from '../../components/DeputyPicker';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { PagedList } from '../../../../components/PagedList';
import { StaffGate, useStaffMe } from '../../components/Staff';
import type { StaffAppealItem } from '../../types';
import '../../staff.css';

const QUEUE = { action: 'triageQueue' };

export default function TriageQueue() {
  const me = useStaffMe();
  const list = usePaged<StaffAppealItem>('staff', me.isStaff ? QUEUE : null);
  useListLifecycle(() => Promise.all([me.reload(), list.reload()]), list);
  const dir = useDirectory();
  const [assigning, setAssigning] = useState<StaffAppealItem | null>(null);
  const [rejecting, setRejecting] = useState<StaffAppealItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lock = useRef(false);

  const run = async (event: Record<string, unknown>, success: string) => {
    if (lock.current) return;
    lock.current = true;
    setBusy(true);
    setError(null);
    const env = await callCloud('staff', event);
    lock.current = false;
    setBusy(false);
    if (!env.ok) return setError(env.error.message);
    toast(success, true);
    setAssigning(null);
    setRejecting(null);
    await list.reload();
  };

  const assign = (d: DeputyPublic) => assigning && run({ action: 'assign', id: assigning._id, deputyId: d._id }, `已分派给${d.name}代表`);

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <PagedList list={list} emptyTitle="没有待分派的诉求" emptyDescription="自动分派找不到合适代表的诉求会出现在这里。">
            {(item) => (
              <AppealRow key={item._id} item={item} categoryName={dir.categoryName(item.category)} communityName={dir.communityName(item.communityId)}>
                <View className="lxq-s__buttons">
                  <Button
                    className="lxq-btn lxq-btn--primary lxq-btn--small"
                    disabled={busy || undefined}
                    onClick={() => {
                      setError(null);
                      setAssigning(item);
                    }}
                    data-testid="assign"
                  >
                    分派代表
                  </Button>
                  <Button
                    className="lxq-btn lxq-btn--danger lxq-btn--small"
                    disabled={busy || undefined}
                    onClick={() => {
                      setError(null);
                      setRejecting(item);
                    }}
                  >
                    不予受理
                  </Button>
                </View>
              </AppealRow>
            )}
          </PagedList>
          {assigning ? <DeputyPicker title={`分派 ${assigning.trackingNo}`} communityId={assigning.communityId} busy={busy} error={error} onPick={assign} onCancel={() => setAssigning(null)} /> : null}
          {rejecting ? (
            <ReasonDialog
              title="不予受理"
              description={`${rejecting.trackingNo}：请写明原因，居民会看到这段话。`}
              confirmText="确认不予受理"
              busy={busy}
              error={error}
              onConfirm={(reason) => run({ action: 'moderate', id: rejecting._id, decision: 'reject', reason }, '已不予受理')}
              onCancel={() => setRejecting(null)}
            />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
