import { useState } from 'react';
import { Image, Picker, Text, View } from '@tarojs/components';
import type { DeputyPublic, Station } from '../../../../../contracts/directory';
import type { ActivityView, CodeResult } from '../../../../../contracts/presence';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, type ActivityKind } from '../../../../../domain/presence/activities';
import { chinaDay, fromChinaWallClock, shiftDay } from '../../../../../domain/time';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { DraftNote } from '../../../../components/DraftNote';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { PagedList } from '../../../../components/PagedList';
import { CheckBox, StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useDraft } from '../../../../hooks/useDraft';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { usePaged } from '../../../../hooks/usePaged';
import { useSubmit } from '../../../../hooks/useSubmit';
import { now } from '../../../../services/clock';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { newRequestId } from '../../../../utils/storage';
import '../../../../components/staff/staff.css';
import '../../../../styles/presence.css';
import '../../presence.css';

const LIST = { action: 'activities' as const };
const blank = () => ({ requestId: newRequestId(), kind: 'inspection', title: '', place: '', day: shiftDay(chinaDay(now()), 1), from: '09:00', to: '11:00', capacity: '20', stationId: '', deputyIds: '' });

function CreateForm({ deputies, stations, onCreated }: { deputies: DeputyPublic[]; stations: Station[]; onCreated: () => void }) {
  const draft = useDraft('lxq.draft.activity', blank(), (v) => !v.title.trim() && !v.place.trim() && !v.deputyIds);
  const v = draft.value;
  const ids = v.deputyIds ? v.deputyIds.split(',') : [];
  const { sending, error, setError, send } = useSubmit();
  const submit = async () => {
    const startsAt = fromChinaWallClock(v.day, v.from);
    const endsAt = fromChinaWallClock(v.day, v.to);
    if (!startsAt || !endsAt) return setError('请选择日期和时间');
    const env = await send('presence', {
      action: 'createActivity', requestId: v.requestId, kind: v.kind as ActivityKind, title: v.title, place: v.place, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(),
      capacity: Number(v.capacity), deputyIds: ids, ...(v.stationId ? { stationId: v.stationId } : {}),
    });
    if (env?.ok) {
      draft.clear(blank());
      toast('活动已创建', true);
      onCreated();
    }
  };
  return (
    <Card title="新建活动">
      {draft.restored ? <DraftNote onDiscard={() => draft.clear(blank())} /> : null}
      <Field label="活动类型" required>
        <Chips options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }))} value={v.kind} onChange={(kind) => draft.set({ kind })} />
      </Field>
      <TextField label="活动名称" required value={v.title} maxlength={40} placeholder="如：背街小巷环境整治视察" sending={sending} onInput={(e) => draft.set({ title: e.detail.value })} inputTestId="activity-title" />
      <TextField label="地点" required value={v.place} maxlength={60} placeholder="在哪里集合" sending={sending} onInput={(e) => draft.set({ place: e.detail.value })} inputTestId="activity-place" />
      <Field label="日期与时间" required>
        <View className="lxq-presence__row">
          <Picker mode="date" value={v.day} onChange={(e) => draft.set({ day: String(e.detail.value) })}>
            <View className="lxq-picker"><Text>{v.day}</Text></View>
          </Picker>
          <Picker mode="time" value={v.from} onChange={(e) => draft.set({ from: String(e.detail.value) })}>
            <View className="lxq-picker"><Text>{v.from}</Text></View>
          </Picker>
          <Picker mode="time" value={v.to} onChange={(e) => draft.set({ to: String(e.detail.value) })}>
            <View className="lxq-picker"><Text>{v.to}</Text></View>
          </Picker>
        </View>
      </Field>
      <TextField label="人数上限" required type="digit" value={v.capacity} maxlength={3} sending={sending} onInput={(e) => draft.set({ capacity: e.detail.value })} />
      <Field label="所在站点" hint="选了站点，活动简报会显示在这个站点的页面上。">
        <Chips options={[{ value: '', label: '不关联' }, ...stations.map((s) => ({ value: s._id, label: s.name }))]} value={v.stationId} onChange={(stationId) => draft.set({ stationId })} />
      </Field>
      <Field label="邀请代表" required>
        {deputies.map((d) => {
          const on = ids.includes(d._id);
          return (
            <View key={d._id} className="lxq-presence__row" onClick={() => draft.set({ deputyIds: (on ? ids.filter((x) => x !== d._id) : [...ids, d._id]).join(',') })}>
              <CheckBox on={on} />
              <Text className="lxq-presence__line">{d.name} 代表</Text>
            </View>
          );
        })}
      </Field>
      <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void submit()} testId="activity-create">
        创建并邀请
      </SubmitBar>
    </Card>
  );
}

function ActivityCard({ a, onChanged }: { a: ActivityView; onChanged: () => void }) {
  const { sending, error, send } = useSubmit();
  const report = useDraft(`lxq.draft.report.${a._id}`, { text: '' }, (x) => !x.text.trim());
  const [code, setCode] = useState<CodeResult | null>(null);
  const after = now().getTime() > new Date(a.endsAt).getTime();
  const run = async (event: Parameters<typeof send>[1]) => {
    const env = await send('presence', event as never);
    if (env?.ok) onChanged();
    return env?.ok === true;
  };
  const settle = async () => {
    if (!(await confirm('完成考勤？', '未签到且未请假的代表将记为缺席，积分提交审核后不能再改考勤。', '完成考勤'))) return;
    if (await run({ action: 'settle', id: a._id })) toast('考勤已完成，积分待审核', true);
  };
  const publish = async () => {
    if (await run({ action: 'publishReport', id: a._id, text: report.value.text, photos: [] })) {
      report.clear();
      toast('简报已提交', true);
    }
  };
  return (
    <Card title={a.title} extra={<Text className="lxq-tag">{a.kindLabel}</Text>}>
      <Text className="lxq-presence__line">{formatDateTime(a.startsAt)} 至 {formatDateTime(a.endsAt)}</Text>
      <Text className="lxq-presence__meta">{a.place} · 上限 {a.capacity} 人 · {a.status === 'settled' ? '已完成考勤' : '进行中'}</Text>
      {a.invitees.map((i) => (
        <View key={i.deputyId} className="lxq-presence__row" data-testid="activity-invitee">
          <Text className="lxq-presence__line">{i.name}：{i.statusLabel}{i.leaveReason ? `（${i.leaveReason}）` : ''}</Text>
          {a.status === 'open' && i.status !== 'attended' ? (
            <Btn size="small" busy={sending} onClick={() => void run({ action: 'markAttendance', id: a._id, deputyId: i.deputyId })}>
              补登签到
            </Btn>
          ) : null}
        </View>
      ))}
      <View className="lxq-presence__actions">
        {a.status === 'open' ? (
          <Btn size="small" busy={sending} onClick={() => void send('presence', { action: 'code', kind: 'activity', id: a._id }).then((env) => env?.ok && setCode(env.data))}>
            签到码
          </Btn>
        ) : null}
        {a.status === 'open' && after ? (
          <Btn size="small" tone="primary" busy={sending} onClick={() => void settle()} testId="settle">
            完成考勤
          </Btn>
        ) : null}
      </View>
      {code?.url ? <Image className="lxq-presence__qr" src={code.url} mode="aspectFit" showMenuByLongpress /> : null}
      {a.report ? <Text className="lxq-presence__meta">简报{a.report.status === 'published' ? '已发布' : '待审核'}：{a.report.text}</Text> : null}
      {a.status === 'settled' && !a.report ? (
        <>
          <TextField label="活动简报" multiline value={report.value.text} maxlength={800} placeholder="做了什么、代表提出了哪些意见（至少 10 个字）" sending={sending} onInput={(e) => report.set({ text: e.detail.value })} inputTestId="report-text" />
          <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void publish()} testId="report-publish">
            发布简报
          </SubmitBar>
        </>
      ) : error ? (
        <Text className="lxq-presence__error">{error}</Text>
      ) : null}
    </Card>
  );
}

export default function StaffActivities() {
  const me = useStaffMe();
  const list = usePaged<ActivityView>('presence', LIST);
  useListLifecycle(list.reload, list);
  const deputies = useCloud<DeputyPublic[]>('directory', { action: 'deputies' });
  const stations = useCloud<Station[]>('directory', { action: 'stations' });
  const [creating, setCreating] = useState(false);
  return (
    <StaffGate me={me}>
      {() => (
        <>
          {creating ? (
            <AsyncView data={deputies.data && stations.data ? { d: deputies.data, s: stations.data } : undefined} error={deputies.error || stations.error} loading={deputies.loading || stations.loading} onRetry={() => void Promise.all([deputies.reload(), stations.reload()])}>
              {({ d, s }) => <CreateForm deputies={d} stations={s} onCreated={() => { setCreating(false); void list.reload(); }} />}
            </AsyncView>
          ) : (
            <View className="lxq-presence__actions lxq-presence__form">
              <Btn tone="primary" onClick={() => setCreating(true)} testId="activity-new">
                新建活动
              </Btn>
            </View>
          )}
          <PagedList list={list} emptyTitle="还没有代表活动">
            {(a) => <ActivityCard key={a._id} a={a} onChanged={() => void list.reload()} />}
          </PagedList>
        </>
      )}
    </StaffGate>
  );
}
