import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { HeldDecisionResult, HeldItem } from '../../../../../contracts/moderation';
import { PagedList } from '../../../../components/PagedList';
import { useSubmit } from '../../../../hooks/useSubmit';
import { imageSrc } from '../../../../services/upload';
import { toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { RowButton, StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import '../../../../components/staff/staff.css';

const QUEUE = { action: 'heldContent' as const };
const VERDICT: Record<HeldItem['verdict'], string> = { pass: '通过', review: '内容安全：需人工复核', risky: '内容安全：有风险', error: '内容安全检查暂不可用' };

/** 待审内容: text and images the content check held; nothing was shown or sent until staff release it. */
export default function HeldContent() {
  const { me, list } = useStaffQueue<HeldItem>('staff', QUEUE);
  const [refusing, setRefusing] = useState<HeldItem | null>(null);
  const { sending, error, send } = useSubmit();

  const decide = async (item: HeldItem, decision: 'release' | 'refuse', reason?: string) => {
    const env = await send<HeldDecisionResult>('staff', { action: 'decideHeld', id: item._id, decision, ...(reason ? { reason } : {}) });
    if (!env?.ok) return;
    if (env.data.status === 'failed') toast(`未能发出：${env.data.reason ?? ''}`);
    else toast(decision === 'release' ? '已通过并发出' : '已退回，提交人会收到原因', true);
    setRefusing(null);
    await list.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Text className="lxq-staff__muted lxq-staff__intro">内容安全检查要求人工复核（或检查暂不可用）的答复、进展、评价留言、项目进度和图片。通过后才会显示并通知对方；不通过请写明原因，提交人会看到。</Text>
          <PagedList list={list} emptyTitle="没有待审内容" emptyDescription="需要人工复核的内容会出现在这里，最早的排在前面。">
            {(h) => (
              <View key={h._id} className="lxq-surface lxq-staff__item" data-testid="held-item" data-id={h._id}>
                <View className="lxq-spread">
                  <Text className="lxq-staff__summary">{h.kindLabel} · {h.label}</Text>
                  <Text className="lxq-staff__muted">{VERDICT[h.verdict]}</Text>
                </View>
                {h.fileId ? <Image className="lxq-staff__thumb" src={imageSrc(h.fileId)} mode="aspectFill" /> : <Text className="lxq-staff__summary">{h.text}</Text>}
                <Text className="lxq-staff__meta">{formatDateTime(h.createdAt)} 提交</Text>
                <View className="lxq-staff__buttons">
                  <RowButton tone="primary" disabled={sending} onClick={() => decide(h, 'release')} testId="release">通过</RowButton>
                  <RowButton tone="danger" disabled={sending} onClick={() => setRefusing(h)} testId="refuse">不通过</RowButton>
                </View>
              </View>
            )}
          </PagedList>
          {refusing ? (
            <ReasonDialog title="不通过这条内容？" description="提交人会收到通知并看到原因。" confirmText="确认不通过" busy={sending} error={error} onConfirm={(reason) => decide(refusing, 'refuse', reason)} onCancel={() => setRefusing(null)} />
          ) : null}
        </>
      )}
    </StaffGate>
  );
}
