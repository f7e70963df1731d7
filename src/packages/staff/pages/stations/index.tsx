import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { DeputyPublic, Station } from '../../../../../contracts/directory';
import type { CodeResult, StationPage } from '../../../../../contracts/presence';
import { HALF_DAY_LABELS, HALF_DAYS, slotWords, type HalfDay } from '../../../../../domain/presence/roster';
import { chinaDay, shiftDay } from '../../../../../domain/time';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { DraftNote } from '../../../../components/DraftNote';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { CheckBox, StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import { now } from '../../../../services/clock';
import { confirm, toast } from '../../../../utils/confirm';
import '../../../../components/staff/staff.css';
import '../../../../styles/presence.css';
import '../../presence.css';

function Code({ kind, id, label }: { kind: 'station' | 'deputy'; id: string; label: string }) {
  const { sending, error, send } = useSubmit();
  const [code, setCode] = useState<CodeResult | null>(null);
  const make = async () => {
    const env = await send('presence', { action: 'code', kind, id });
    if (env?.ok) setCode(env.data);
  };
  return (
    <View className="lxq-presence__row">
      <Btn size="small" busy={sending} onClick={() => void make()} testId={`code-${kind}`}>
        {label}
      </Btn>
      {code?.url ? <Image className="lxq-presence__qr" src={code.url} mode="aspectFit" showMenuByLongpress /> : null}
      {code?.error || error ? <Text className="lxq-presence__error">{code?.error ?? error}</Text> : null}
    </View>
  );
}

function Profile({ s, onSaved }: { s: StationPage; onSaved: () => void }) {
  const draft = useDraft(`lxq.draft.station.${s._id}`, { hours: s.hours, intro: s.intro }, (v) => v.hours === s.hours && v.intro === s.intro);
  const { sending, error, send } = useSubmit();
  const save = async () => {
    const env = await send('presence', { action: 'saveStation', stationId: s._id, hours: draft.value.hours, intro: draft.value.intro, ...(s.location ? { location: s.location } : {}) });
    if (env?.ok) {
      draft.clear({ hours: env.data.hours, intro: env.data.intro });
      toast('已保存', true);
      onSaved();
    }
  };
  return (
    <Card title="开放时间与简介">
      {draft.restored ? <DraftNote onDiscard={() => draft.clear({ hours: s.hours, intro: s.intro })} /> : null}
      <TextField label="开放时间" required value={draft.value.hours} maxlength={100} placeholder="如：周一至周五 9:00-17:00" sending={sending} onInput={(e) => draft.set({ hours: e.detail.value })} testId="field-hours" inputTestId="station-hours-input" />
      <TextField label="简介" multiline value={draft.value.intro} maxlength={300} placeholder="站点的一句话介绍" sending={sending} onInput={(e) => draft.set({ intro: e.detail.value })} testId="field-intro" />
      <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void save()} testId="station-save">
        保存
      </SubmitBar>
    </Card>
  );
}

function Roster({ s, deputies, onSaved }: { s: StationPage; deputies: DeputyPublic[]; onSaved: () => void }) {
  const today = chinaDay(now());
  const days = Array.from({ length: 14 }, (_, i) => shiftDay(today, i));
  const [day, setDay] = useState(today);
  const [half, setHalf] = useState<HalfDay>('am');
  const current = [...s.today, ...s.upcoming].filter((e) => e.day === day && e.half === half).map((e) => e.deputyId);
  const [picked, setPicked] = useState<string[] | null>(null);
  const chosen = picked ?? current;
  const { sending, error, send } = useSubmit();
  const mine = deputies.filter((d) => d.stationId === s._id);
  const shown = [...mine, ...deputies.filter((d) => !mine.includes(d))];
  const save = async () => {
    if (chosen.length === 0 && current.length > 0 && !(await confirm('取消这个时段的接待？', `${slotWords(day, half)}将没有代表接待。`, '取消接待'))) return;
    const env = await send('presence', { action: 'setRoster', stationId: s._id, day, half, deputyIds: chosen });
    if (env?.ok) {
      setPicked(null);
      toast('接待安排已保存', true);
      onSaved();
    }
  };
  return (
    <Card title="接待日安排">
      <Field label="日期">
        <Chips options={days.map((d) => ({ value: d, label: slotWords(d, 'am').replace('上午', '') }))} value={day} onChange={(d) => { setDay(d); setPicked(null); }} />
      </Field>
      <Field label="时段">
        <Chips options={HALF_DAYS.map((h) => ({ value: h, label: HALF_DAY_LABELS[h] }))} value={half} onChange={(h) => { setHalf(h); setPicked(null); }} />
      </Field>
      <Field label="接待代表" hint="点选代表；不选任何人即取消这个时段的安排。">
        {shown.map((d) => {
          const on = chosen.includes(d._id);
          return (
            <View key={d._id} className="lxq-presence__row" onClick={() => setPicked(on ? chosen.filter((x) => x !== d._id) : [...chosen, d._id])} data-testid="roster-deputy">
              <CheckBox on={on} />
              <Text className="lxq-presence__line">{d.name} 代表</Text>
            </View>
          );
        })}
      </Field>
      <SubmitBar error={error} errorClass="lxq-presence__error" sending={sending} onSubmit={() => void save()} testId="roster-save">
        保存{slotWords(day, half)}的安排
      </SubmitBar>
    </Card>
  );
}

function StationEditor({ stationId, deputies }: { stationId: string; deputies: DeputyPublic[] }) {
  const page = useCloud<StationPage>('presence', { action: 'station', stationId });
  return (
    <AsyncView data={page.data} error={page.error} loading={page.loading} onRetry={page.reload}>
      {(s) => (
        <>
          <Profile key={`p-${s._id}`} s={s} onSaved={() => void page.reload()} />
          <Roster key={`r-${s._id}`} s={s} deputies={deputies} onSaved={() => void page.reload()} />
          <Card title="码上见代表（小程序码）">
            <Text className="lxq-presence__meta">打印张贴：群众扫码即打开反映诉求页，并选好这个站点或这位代表。</Text>
            <Code kind="station" id={s._id} label={`生成${s.name}的码`} />
            {s.deputies.map((d) => (
              <Code key={d._id} kind="deputy" id={d._id} label={`生成${d.name}代表的码`} />
            ))}
          </Card>
        </>
      )}
    </AsyncView>
  );
}

export default function StaffStations() {
  const me = useStaffMe();
  const stations = useCloud<Station[]>('directory', { action: 'stations' });
  const deputies = useCloud<DeputyPublic[]>('directory', { action: 'deputies' });
  const [stationId, setStationId] = useState('');
  return (
    <StaffGate me={me}>
      {() => (
        <AsyncView data={stations.data && deputies.data ? { s: stations.data, d: deputies.data } : undefined} error={stations.error || deputies.error} loading={stations.loading || deputies.loading} onRetry={() => void Promise.all([stations.reload(), deputies.reload()])}>
          {({ s, d }) => (
            <>
              <Card title="选择站点">
                <Chips options={s.map((x) => ({ value: x._id, label: x.name }))} value={stationId} onChange={setStationId} />
              </Card>
              {stationId ? <StationEditor key={stationId} stationId={stationId} deputies={d} /> : <Text className="lxq-presence__meta">先选择一个站点，再编辑开放时间、接待日和小程序码。</Text>}
            </>
          )}
        </AsyncView>
      )}
    </StaffGate>
  );
}
