import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { createBallotInput, type BallotSummary } from '../../../../../contracts/ballot';
import { parseInput } from '../../../../../contracts/validation';
import { checkBallotShape, type Electorate } from '../../../../../domain/ballots/rules';
import { AsyncView } from '../../../../components/AsyncView';
import { Chips } from '../../../../components/Chips';
import { Empty } from '../../../../components/Empty';
import { Field } from '../../../../components/Field';
import { TextField } from '../../../../components/Field/TextField';
import { SubmitBar } from '../../../../components/SubmitBar';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import { DraftNote } from '../../../../components/DraftNote';
import { confirm, toast } from '../../../../utils/confirm';
import { fieldReason } from '../../../../utils/validation';
import { chinaDay, chinaWall, fromChinaWallClock } from '../../../../../domain/time';
import { now } from '../../../../services/clock';
import { charCount, formatDateTime } from '../../../../utils/format';
import { BALLOT_STATUS_LABEL, choiceHint, ELECTORATE_LABEL, ELECTORATE_NOTE, formatWan } from '../../../../pages/ballots/ballot';
import { CheckBox, StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { Stepper } from '../../../../components/staff/Stepper';
import { STAFF_ROUTES as ROUTES } from '../../../../components/staff/routes';
import '../../../../components/staff/staff.css';
import './index.css';

/** What project.list gives per project (only what this form shows). */
interface ProjectRow {
  _id: string;
  title: string;
  cost: number | null;
  communityId: string | null;
  status: string;
}

type Key = 'title' | 'description' | 'electorate' | 'projects' | 'choices' | 'window' | 'paired';
type Errors = Partial<Record<Key, string>>;

const PROJECTS = { action: 'list' as const };
const BALLOTS = { action: 'list' as const };
/** createBallotInput allows at most 30 candidates, so no choice count beyond that makes sense. */
const MAX_CHOICES = 30;

const ELECTORATES: { value: Electorate; label: string }[] = [
  { value: 'resident', label: ELECTORATE_LABEL.resident },
  { value: 'deputy', label: ELECTORATE_LABEL.deputy },
];

/** Default window: from the next full hour (China time), for a week, closing at 20:00. */
function defaultWindow(at: Date) {
  const opens = chinaWall(at).startOf('hour').add(1, 'hour');
  const closes = opens.add(7, 'day').hour(20).minute(0);
  return { opensDate: opens.format('YYYY-MM-DD'), opensTime: opens.format('HH:mm'), closesDate: closes.format('YYYY-MM-DD'), closesTime: closes.format('HH:mm') };
}

/** Which block of the form a server-schema field belongs to. */
function keyOf(field: string | undefined): Key | null {
  if (!field) return null;
  if (field === 'title' || field === 'description' || field === 'electorate') return field;
  if (field.startsWith('projectIds')) return 'projects';
  if (field === 'minChoices' || field === 'maxChoices') return 'choices';
  if (field === 'opensAt' || field === 'closesAt') return 'window';
  if (field === 'pairedBallotId') return 'paired';
  return null;
}

function DateTime({ date, time, start, disabled, onDate, onTime, testId }: { date: string; time: string; start?: string; disabled: boolean; onDate: (v: string) => void; onTime: (v: string) => void; testId: string }) {
  return (
    <View className="lxq-ballot-new__when">
      <Picker className="lxq-ballot-new__date" mode="date" value={date} start={start} disabled={disabled || undefined} onChange={(e) => onDate(String(e.detail.value))} data-testid={`${testId}-date`}>
        <View className="lxq-picker">
          <Text>{date || '选择日期'}</Text>
          <Text className="lxq-muted">›</Text>
        </View>
      </Picker>
      <Picker className="lxq-ballot-new__time" mode="time" value={time} disabled={disabled || undefined} onChange={(e) => onTime(String(e.detail.value))} data-testid={`${testId}-time`}>
        <View className="lxq-picker">
          <Text>{time || '时间'}</Text>
          <Text className="lxq-muted">›</Text>
        </View>
      </Picker>
    </View>
  );
}

function BallotForm() {
  const dir = useDirectory();
  const projects = useCloud<ProjectRow[]>('project', PROJECTS);
  const ballots = useCloud<BallotSummary[]>('ballot', BALLOTS);
  const [initial] = useState(() => defaultWindow(now()));
  const [today] = useState(() => chinaDay(now()));
  // The form is long: what was filled in survives leaving the page until the ballot is created.
  const draft = useDraft('lxq.draft.ballotNew', { title: '', description: '', electorate: '' as Electorate | '', picked: [] as string[], minChoices: 1, maxChoices: 1, pairedId: '' }, (v) => !v.title.trim() && !v.description.trim() && v.picked.length === 0);
  const { title, description, electorate, picked, minChoices, maxChoices, pairedId } = draft.value;
  const setTitle = (v: string) => draft.set({ title: v });
  const setDescription = (v: string) => draft.set({ description: v });
  const setElectorate = (v: Electorate | '') => draft.set({ electorate: v });
  const setPicked = (f: (x: string[]) => string[]) => draft.set({ picked: f(draft.value.picked) });
  const setMin = (n: number) => draft.set({ minChoices: n });
  const setMax = (n: number) => draft.set({ maxChoices: n });
  const setPairedId = (v: string) => draft.set({ pairedId: v });
  const [opensDate, setOpensDate] = useState(initial.opensDate);
  const [opensTime, setOpensTime] = useState(initial.opensTime);
  const [closesDate, setClosesDate] = useState(initial.closesDate);
  const [closesTime, setClosesTime] = useState(initial.closesTime);
  const [errors, setErrors] = useState<Errors>({});
  const { sending, error: formError, setError: setFormError, busy, send } = useSubmit();

  const candidates = useMemo(() => (projects.data ?? []).filter((p) => p.status === 'candidate'), [projects.data]);
  // A pair is one ballot of each kind (residents' advisory preference beside the deputies' binding vote).
  const pairable = useMemo(() => (ballots.data ?? []).filter((b) => electorate && b.electorate !== electorate), [ballots.data, electorate]);
  const paired = pairable.find((b) => b._id === pairedId);

  /** Changing a block clears its error and the form-level one. */
  const edited = (key: Key) => {
    setErrors((x) => (x[key] ? { ...x, [key]: undefined } : x));
    setFormError(null);
  };
  const toggle = (id: string) => {
    if (sending) return;
    setPicked((x) => (x.includes(id) ? x.filter((i) => i !== id) : [...x, id]));
    edited('projects');
  };

  const submit = async () => {
    if (busy()) return;
    const opens = fromChinaWallClock(opensDate, opensTime);
    const closes = fromChinaWallClock(closesDate, closesTime);
    if (!opens || !closes) return setErrors({ window: '请选择开始和截止的日期与时间' });
    // Candidates in the order they are listed (the ballot shows them in this order).
    const projectIds = candidates.filter((p) => picked.includes(p._id)).map((p) => p._id);
    const event = {
      action: 'create',
      title,
      description,
      electorate,
      projectIds,
      minChoices,
      maxChoices,
      opensAt: opens.toISOString(),
      closesAt: closes.toISOString(),
      ...(paired ? { pairedBallotId: paired._id } : {}),
    };
    // The server's own schema and rule, so the form says exactly what the server would.
    const r = parseInput(createBallotInput, event);
    if (!r.ok) {
      const reason = fieldReason(r);
      const key = keyOf(r.field);
      if (key) setErrors({ [key]: reason });
      else setFormError(reason);
      return;
    }
    const shape = checkBallotShape({ minChoices, maxChoices, candidateCount: projectIds.length, opensAt: opens, closesAt: closes });
    if (shape) return setErrors({ [shape.includes('时间') ? 'window' : 'choices']: shape });
    if (closes.getTime() <= now().getTime()) return setErrors({ window: '截止时间已经过去，请重新选择' });
    setErrors({});

    const kind = ELECTORATE_LABEL[r.value.electorate];
    const lines = [
      `「${r.value.title}」· ${kind}`,
      `${projectIds.length} 个候选项目，每人${choiceHint(minChoices, maxChoices).replace('请', '')}`,
      `${formatDateTime(r.value.opensAt)} 开始，${formatDateTime(r.value.closesAt)} 截止`,
      paired ? `与「${paired.title}」配对展示结果` : '',
      '创建后候选项目和时间不能修改，到开始时间自动开放投票。',
    ];
    const ok = await confirm('创建票决？', lines.filter(Boolean).join('\n'), '确认创建');
    if (!ok) return;
    const env = await send<BallotSummary>('ballot', r.value);
    if (!env?.ok) return;
    draft.clear();
    toast('票决已创建', true);
    void Taro.redirectTo({ url: `${ROUTES.ballot}?id=${env.data._id}` });
  };

  const pairOptions = ['不配对', ...pairable.map((b) => `${b.title}（${BALLOT_STATUS_LABEL[b.status]}）`)];
  const pairIndex = paired ? pairable.indexOf(paired) + 1 : 0;
  const other: Electorate | '' = electorate === 'resident' ? 'deputy' : electorate === 'deputy' ? 'resident' : '';

  return (
    <View data-testid="ballot-form">
      {draft.restored ? <DraftNote onDiscard={() => draft.clear()} /> : null}
      <TextField
        label="标题"
        required
        error={errors.title}
        hint="4–60 个字，例如：2027 年民生实事项目代表票决"
        testId="field-title"
        value={title}
        maxlength={60}
        placeholder="这次票决的名称"
        sending={sending}
        onInput={(e) => (setTitle(e.detail.value), edited('title'))}
        inputTestId="title-input"
      />
      <TextField
        label="说明（选填）"
        error={errors.description}
        extra={<Text className="lxq-muted">{charCount(description)}/1000</Text>}
        testId="field-description"
        multiline
        value={description}
        maxlength={1000}
        placeholder="票决的背景、规则和结果的用途，投票人会看到"
        sending={sending}
        onInput={(e) => (setDescription(e.detail.value), edited('description'))}
        inputTestId="description-input"
      />
      <Field label="投票对象" required error={errors.electorate} hint={electorate ? ELECTORATE_NOTE[electorate] : '居民意愿征集供参考；代表票决的结果决定实施的项目。'} testId="field-electorate">
        <Chips
          options={ELECTORATES}
          value={electorate}
          disabled={sending}
          onChange={(v) => {
            setElectorate(v);
            if (paired && paired.electorate === v) setPairedId('');
            edited('electorate');
          }}
        />
      </Field>

      <Field label="候选项目" required error={errors.projects} extra={<Text className="lxq-muted" data-testid="picked-count">已选 {picked.length} 项</Text>} hint="至少 2 个、最多 30 个；只列出状态为「候选项目」的民生实事。" testId="field-projects">
        <AsyncView data={projects.data} error={projects.error} loading={projects.loading} onRetry={projects.reload}>
          {() =>
            candidates.length === 0 ? (
              <Empty title="暂无候选项目" description="请先在「居民建议整理」中把居民建议整理为候选项目。">
                <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: ROUTES.proposals })}>
                  去整理建议 ›
                </Text>
              </Empty>
            ) : (
              <View>
                {candidates.map((p) => {
                  const on = picked.includes(p._id);
                  const meta = [p.cost ? formatWan(p.cost) : '未估算费用', p.communityId ? dir.communityName(p.communityId) : ''].filter(Boolean).join(' · ');
                  return (
                    <View key={p._id} className={on ? 'lxq-option lxq-option--on' : 'lxq-option'} onClick={() => toggle(p._id)} data-testid="project-option" data-id={p._id}>
                      <View className="lxq-staff__row lxq-ballot-new__option">
                        <CheckBox on={on} />
                        <View className="lxq-ballot-new__option-text">
                          <Text className="lxq-option__name">{p.title}</Text>
                          <Text className="lxq-option__subtitle">{meta}</Text>
                        </View>
                      </View>
                    </View>
                  );
                })}
              </View>
            )
          }
        </AsyncView>
      </Field>

      <Field label="每人可选项目数" required error={errors.choices} hint={`投票页将提示：${choiceHint(minChoices, maxChoices)}`} testId="field-choices">
        <View className="lxq-ballot-new__steps">
          <View className="lxq-ballot-new__step">
            <Text className="lxq-ballot-new__step-label">最少</Text>
            <Stepper value={minChoices} min={1} max={MAX_CHOICES} disabled={sending} onChange={(n) => (setMin(n), edited('choices'))} testId="min-choices" />
          </View>
          <View className="lxq-ballot-new__step">
            <Text className="lxq-ballot-new__step-label">最多</Text>
            <Stepper value={maxChoices} min={1} max={MAX_CHOICES} disabled={sending} onChange={(n) => (setMax(n), edited('choices'))} testId="max-choices" />
          </View>
        </View>
      </Field>

      <Field label="投票时间" required error={errors.window} hint="按本机时间填写；到开始时间自动开放，截止后自动结束并公布结果。" testId="field-window">
        <Text className="lxq-ballot-new__when-label">开始</Text>
        <DateTime
          date={opensDate}
          time={opensTime}
          start={today}
          disabled={sending}
          onDate={(v) => (setOpensDate(v), edited('window'))}
          onTime={(v) => (setOpensTime(v), edited('window'))}
          testId="opens"
        />
        <Text className="lxq-ballot-new__when-label">截止</Text>
        <DateTime
          date={closesDate}
          time={closesTime}
          start={today}
          disabled={sending}
          onDate={(v) => (setClosesDate(v), edited('window'))}
          onTime={(v) => (setClosesTime(v), edited('window'))}
          testId="closes"
        />
      </Field>

      <Field
        label="配对票决（选填）"
        error={errors.paired}
        hint={other ? `选一次${ELECTORATE_LABEL[other]}与之配对，结果页并排显示居民意愿（参考）和代表票决（决定）。` : '先选择投票对象，再选另一类票决与之配对。'}
        testId="field-paired"
      >
        <Picker
          mode="selector"
          range={pairOptions}
          value={pairIndex}
          disabled={sending || !electorate || undefined}
          onChange={(e) => {
            const i = Number(e.detail.value);
            setPairedId(i > 0 ? (pairable[i - 1]?._id ?? '') : '');
            edited('paired');
          }}
          data-testid="paired-picker"
        >
          <View className="lxq-picker">
            <Text className={paired ? '' : 'lxq-muted'}>{paired ? paired.title : '不配对'}</Text>
            <Text className="lxq-muted">›</Text>
          </View>
        </Picker>
        {ballots.error ? <Text className="lxq-staff__error">{ballots.error.message}</Text> : null}
      </Field>

      <SubmitBar error={formError} errorClass="lxq-staff__error lxq-ballot-new__form-error" errorTestId="form-error" sending={sending} onSubmit={submit} testId="create-ballot">
        创建票决
      </SubmitBar>
    </View>
  );
}

export default function BallotNew() {
  const me = useStaffMe();
  return <StaffGate me={me}>{() => <BallotForm />}</StaffGate>;
}
