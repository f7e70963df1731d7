import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import type { WallItem } from '../../../../../contracts/appeal';
import { PagedList } from '../../../../components/PagedList';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { usePaged } from '../../../../hooks/usePaged';
import { useSubmit } from '../../../../hooks/useSubmit';
import { toast } from '../../../../utils/confirm';
import { formatDate } from '../../../../utils/format';
import { Dialog } from '../../../../components/staff/Dialog';
import { ReasonDialog } from '../../../../components/staff/ReasonDialog';
import { RowButton, StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import '../../../../components/staff/staff.css';

const WALL = { action: 'wall' as const };

/** 回音壁管理: staff correct a published case's public text (it is redacted again) or take it off the wall. */
export default function WallAdmin() {
  const me = useStaffMe();
  const list = usePaged<WallItem>('appeal', me.isStaff ? WALL : null);
  useListLifecycle(() => Promise.all([me.reload(), list.reload()]), list);
  const [editing, setEditing] = useState<{ item: WallItem; summary: string; reply: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState<WallItem | null>(null);
  const { sending, error, send } = useSubmit();

  const save = async () => {
    if (!editing) return;
    const env = await send('staff', { action: 'wallEdit', id: editing.item._id, summary: editing.summary.trim(), reply: editing.reply.trim() });
    if (!env?.ok) return;
    toast('已修改（电话、姓名等会自动隐藏）', true);
    setEditing(null);
    await list.reload();
  };
  const withdraw = async (reason: string) => {
    if (!withdrawing) return;
    const env = await send('staff', { action: 'wallWithdraw', id: withdrawing._id, reason });
    if (!env?.ok) return;
    toast('已撤下，居民会收到原因', true);
    setWithdrawing(null);
    await list.reload();
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Text className="lxq-staff__muted lxq-staff__intro">回音壁上是居民确认公开的内容副本。可以修改措辞（保存时会再次隐藏电话、姓名、门牌号等），或撤下并写明原因。</Text>
          <PagedList list={list} emptyTitle="回音壁还是空的" emptyDescription="居民确认公开的办结诉求会出现在这里。">
            {(item) => (
              <View key={item._id} className="lxq-surface lxq-staff__item" data-testid="wall-admin-item">
                <Text className="lxq-staff__summary">{item.summary}</Text>
                <Text className="lxq-staff__meta">代表答复：{item.reply}</Text>
                <Text className="lxq-staff__meta">{item.communityName} · {formatDate(item.closedAt)} 办结</Text>
                <View className="lxq-staff__buttons">
                  <RowButton tone="primary" disabled={sending} onClick={() => setEditing({ item, summary: item.summary, reply: item.reply })} testId="wall-edit">修改</RowButton>
                  <RowButton tone="danger" disabled={sending} onClick={() => setWithdrawing(item)} testId="wall-withdraw">撤下</RowButton>
                </View>
              </View>
            )}
          </PagedList>
          {editing ? (
            <Dialog title="修改公开内容" confirmText="保存" busy={sending} onConfirm={save} onCancel={() => setEditing(null)} testId="wall-edit-dialog">
              <Textarea className="lxq-textarea" value={editing.summary} maxlength={60} onInput={(e) => setEditing({ ...editing, summary: e.detail.value })} />
              <Textarea className="lxq-textarea" value={editing.reply} maxlength={1000} onInput={(e) => setEditing({ ...editing, reply: e.detail.value })} />
              {error ? <Text className="lxq-staff__error">{error}</Text> : null}
            </Dialog>
          ) : null}
          {withdrawing ? <ReasonDialog title="从回音壁撤下？" description="居民会收到通知并看到原因。" confirmText="确认撤下" busy={sending} error={error} onConfirm={withdraw} onCancel={() => setWithdrawing(null)} /> : null}
        </>
      )}
    </StaffGate>
  );
}
