import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ActivityView, MyDuties } from '../../../../../contracts/presence';
import { parseScene } from '../../../../../domain/presence/codes';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { TextField } from '../../../../components/Field/TextField';
import { Page } from '../../../../components/Page';
import { RoleGate } from '../../../../components/RoleGate';
import { SubscribeCard } from '../../../../components/SubscribeCard';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import '../../../../styles/presence.css';

/** One invitation: what it is, the deputy's answer, and exactly the answers the rules allow now. */
function ActivityCard({ a, scanned, onChanged }: { a: ActivityView; scanned: boolean; onChanged: () => void }) {
  const { sending, error, send } = useSubmit();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const act = async (event: { action: 'respond'; id: string; response: 'confirm' | 'leave'; reason?: string } | { action: 'checkIn'; id: string }) => {
    const env = await send('presence', event);
    if (env?.ok) {
      toast(event.action === 'checkIn' ? '签到成功' : event.response === 'confirm' ? '已确认参加' : '已请假', true);
      setAsking(false);
      onChanged();
    }
  };
  return (
    <Card title={a.title} extra={<Text className="lxq-tag">{a.kindLabel}</Text>}>
      <View data-testid="duty-activity">
        <Text className="lxq-presence__line">时间：{formatDateTime(a.startsAt)} 至 {formatDateTime(a.endsAt)}</Text>
        <Text className="lxq-presence__line">地点：{a.place}</Text>
        {a.mine ? <Text className="lxq-presence__meta" data-testid="duty-my-status">我的状态：{a.mine.statusLabel}{a.mine.leaveReason ? `（${a.mine.leaveReason}）` : ''}</Text> : null}
        {scanned && a.allowed.includes('check_in') ? <Text className="lxq-presence__ok">您扫描了这次活动的签到码，请点「签到」。</Text> : null}
        {asking ? (
          <TextField label="请假事由" required value={reason} maxlength={100} placeholder="例如：参加区人代会培训" sending={sending} onInput={(e) => setReason(e.detail.value)} testId="field-leave" inputTestId="leave-reason" />
        ) : null}
        {error ? <Text className="lxq-presence__error">{error}</Text> : null}
        <View className="lxq-presence__actions">
          {a.allowed.includes('check_in') ? (
            <Btn tone="primary" size="small" busy={sending} onClick={() => void act({ action: 'checkIn', id: a._id })} testId="check-in">
              签到
            </Btn>
          ) : null}
          {a.allowed.includes('confirm') && !asking ? (
            <Btn tone="primary" size="small" busy={sending} onClick={() => void act({ action: 'respond', id: a._id, response: 'confirm' })} testId="confirm">
              确认参加
            </Btn>
          ) : null}
          {a.allowed.includes('leave') ? (
            asking ? (
              <Btn size="small" busy={sending} onClick={() => void act({ action: 'respond', id: a._id, response: 'leave', reason })} testId="send-leave">
                提交请假
              </Btn>
            ) : (
              <Btn size="small" onClick={() => setAsking(true)} testId="ask-leave">
                请假
              </Btn>
            )
          ) : null}
        </View>
      </View>
    </Card>
  );
}

function Duties({ scannedId }: { scannedId: string }) {
  const duties = useCloud<MyDuties>('presence', { action: 'myDuties' });
  usePullToRefresh(duties.reload);
  return (
    <AsyncView data={duties.data} error={duties.error} loading={duties.loading} onRetry={duties.reload}>
      {(d) => {
        const scanned = scannedId ? d.activities.find((a) => a._id === scannedId) : undefined;
        const rest = d.activities.filter((a) => a._id !== scanned?._id);
        return (
          <>
            {scannedId && !scanned ? <Text className="lxq-presence__error">您不在这次活动的邀请名单中，或活动已结束；如需补登请联系工作人员。</Text> : null}
            {scanned ? <ActivityCard a={scanned} scanned onChanged={() => void duties.reload()} /> : null}
            <Text className="lxq-section-title">我的接待日</Text>
            {d.receptions.length === 0 ? (
              <Empty title="近两周没有接待安排" description="街道人大工委排好接待日后会显示在这里，前一天会提醒您。" />
            ) : (
              <Card>
                {d.receptions.map((r) => (
                  <Text key={r._id} className="lxq-presence__line" data-testid="duty-reception">
                    {r.when}　{r.stationName}
                  </Text>
                ))}
              </Card>
            )}
            <Text className="lxq-section-title">邀请我参加的活动</Text>
            {rest.length === 0 ? <Empty title="暂时没有活动邀请" /> : rest.map((a) => <ActivityCard key={a._id} a={a} scanned={false} onChanged={() => void duties.reload()} />)}
            <SubscribeCard keys={['dutyReminder']} />
          </>
        );
      }}
    </AsyncView>
  );
}

export default function DeputyPresence() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const scene = parseScene(usePageParam('scene'));
  return (
    <Page>
      <RoleGate me={me} role="deputy" deniedTitle="仅代表可用">
        {() => <Duties scannedId={scene?.kind === 'activity' ? scene.id : ''} />}
      </RoleGate>
    </Page>
  );
}
