import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { findInput } from '../../../../../contracts/staff';
import { APPEAL_STATUSES, type AppealStatus } from '../../../../../domain/appeals/lifecycle';
import { statusLabel } from '../../../../../domain/appeals/labels';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { PagedList } from '../../../../components/PagedList';
import { usePaged } from '../../../../hooks/usePaged';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { callCloud } from '../../../../services/cloud';
import { formatDateTime } from '../../../../utils/format';
import { checkInput } from '../../../../utils/validation';
import { StaffGate, useStaffMe } from '../../components/Staff';
import { ACTOR_LABEL, SOURCE_LABEL, actionLabel, type HistoryEntry, type StaffAppealItem } from '../../types';
import '../../staff.css';

type EntityType = 'appeal' | 'ballot' | 'setting' | 'user' | 'proposal' | 'street' | 'deputy' | 'calendar';
const TYPES: EntityType[] = ['appeal', 'ballot', 'setting', 'user', 'proposal', 'street', 'deputy', 'calendar'];
const TYPE_LABEL: Record<EntityType, string> = { appeal: '诉求', ballot: '票决', setting: '设置', user: '用户', proposal: '项目', street: '街道', deputy: '代表', calendar: '节假日' };

const word = (v: string | undefined) => {
  if (!v) return '';
  if (v === 'new') return '新提交';
  return (APPEAL_STATUSES as readonly string[]).includes(v) ? statusLabel(v as AppealStatus) : v;
};

function Entries({ type, id }: { type: EntityType; id: string }) {
  const history = usePaged('staff', { action: 'history', entityType: type, entityId: id });
  return (
    <Card title="操作记录">
      <PagedList list={history} emptyTitle="没有操作记录">
        {(e: HistoryEntry) => (
          <View key={e._id} className="lxq-history" data-testid="history-entry">
            <View className="lxq-history__head">
              <Text className="lxq-history__what">{actionLabel(e.action)}</Text>
              <Text className={e.source === 'console' ? 'lxq-history__source lxq-history__source--console' : 'lxq-history__source'}>{SOURCE_LABEL[e.source] ?? e.source}</Text>
            </View>
            <Text className="lxq-staff__meta">
              {formatDateTime(e.at)} · {ACTOR_LABEL[e.actorRole] ?? e.actorRole}
              {e.from || e.to ? ` · ${word(e.from) || '—'} → ${word(e.to) || '—'}` : ''}
            </Text>
            {e.note ? <Text className="lxq-staff__summary">{e.note}</Text> : null}
          </View>
        )}
      </PagedList>
    </Card>
  );
}

export default function History() {
  const me = useStaffMe();
  const typeParam = usePageParam('type');
  const idParam = usePageParam('id');
  const noParam = usePageParam('no');
  const [type] = useState<EntityType>(TYPES.includes(typeParam as EntityType) ? (typeParam as EntityType) : 'appeal');
  const [id, setId] = useState(idParam);
  const [label, setLabel] = useState(noParam);
  // Pull to refresh: remount the entries, which loads them again.
  const [round, setRound] = useState(0);
  usePullToRefresh(async () => {
    setRound((n) => n + 1);
    await me.reload();
  });
  const [trackingNo, setTrackingNo] = useState('');
  const [finding, setFinding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const find = async () => {
    const no = trackingNo.trim().replace(/\s+/g, '').replace(/^(\d{8})(\d{5})$/, '$1-$2');
    const event = { action: 'find' as const, trackingNo: no };
    const bad = checkInput(findInput, event);
    if (bad) return setError(bad);
    setFinding(true);
    setError(null);
    const env = await callCloud<StaffAppealItem>('staff', event);
    setFinding(false);
    if (!env.ok) return setError(env.error.message);
    setId(env.data._id);
    setLabel(`${env.data.trackingNo} · ${env.data.statusLabel}`);
  };

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Card title="按受理编号查找诉求">
            <View className="lxq-staff__row">
              <Input className="lxq-input" value={trackingNo} placeholder="如 20261128-04217" maxlength={20} onInput={(e) => setTrackingNo(e.detail.value)} onConfirm={find} />
              <Button className="lxq-btn lxq-btn--primary lxq-btn--small" disabled={finding || undefined} loading={finding} onClick={find}>
                查找
              </Button>
            </View>
            {error ? <Text className="lxq-staff__error">{error}</Text> : null}
          </Card>
          {id ? (
            <>
              <Text className="lxq-section-title">
                {TYPE_LABEL[type]} {label || id}
              </Text>
              <Entries key={`${type}:${id}:${round}`} type={type} id={id} />
            </>
          ) : (
            <Empty title="请输入受理编号" description="可查看一条诉求从提交到办结的每一步：谁、在哪里（小程序 / 控制台 / 定时任务）、做了什么。" />
          )}
        </>
      )}
    </StaffGate>
  );
}
