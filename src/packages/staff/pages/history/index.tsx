import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { findInput } from '../../../../../contracts/staff';
import { APPEAL_STATUSES, type AppealStatus } from '../../../../../domain/appeals/lifecycle';
import { statusLabelFor } from '../../../../../domain/appeals/labels';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { PagedList } from '../../../../components/PagedList';
import { usePaged } from '../../../../hooks/usePaged';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { callCloud } from '../../../../services/cloud';
import { formatDateTime } from '../../../../utils/format';
import { checkInput } from '../../../../utils/validation';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { ACTOR_LABEL, SOURCE_LABEL, actionLabel, type HistoryEntry, type StaffAppealItem } from '../../types';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

type EntityType = 'appeal' | 'ballot' | 'setting' | 'user' | 'proposal' | 'street' | 'deputy' | 'calendar';
const TYPES: EntityType[] = ['appeal', 'ballot', 'setting', 'user', 'proposal', 'street', 'deputy', 'calendar'];
const TYPE_LABEL: Record<EntityType, string> = { appeal: '诉求', ballot: '票决', setting: '设置', user: '用户', proposal: '项目', street: '街道', deputy: '代表', calendar: '节假日' };

const SETTING_WORDS: Record<string, string> = { acceptWorkingDays: '受理时限', replyWorkingDays: '答复时限', dailySubmitLimit: '每日上限' };
const STATE_WORDS: Record<string, string> = { new: '新提交', active: '正常', blocked: '受限', pending: '待审核', approved: '已计入', rejected: '不计入', open: '进行中', upcoming: '未开始', closed: '已结束' };

const word = (v: string | undefined, type: EntityType) => {
  if (!v) return '';
  if (type === 'appeal' && (APPEAL_STATUSES as readonly string[]).includes(v)) return statusLabelFor(v as AppealStatus, {}, 'staff');
  if (STATE_WORDS[v]) return STATE_WORDS[v];
  // A settings change is stored as JSON: say it in words (受理时限 1 · 答复时限 5 · 每日上限 5).
  if (v.startsWith('{')) {
    try {
      return Object.entries(JSON.parse(v) as Record<string, unknown>).map(([k, x]) => `${SETTING_WORDS[k] ?? '其他'} ${String(x)}`).join(' · ');
    } catch {
      return v;
    }
  }
  return v;
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
              {(e.from || e.to) && e.from !== e.to ? ` · ${word(e.from, type) || '—'} → ${word(e.to, type) || '—'}` : ''}
            </Text>
            {e.note ? <Text className="lxq-staff__summary">{e.note.replace(/（overdue）/g, '')}</Text> : null}
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
              <Btn tone="primary" size="small" disabled={finding} busy={finding} onClick={find}>
                查找
              </Btn>
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
