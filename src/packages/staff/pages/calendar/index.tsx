import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CalendarOverview, CalendarYearDetail, SetCalendarYearResult } from '../../../../../contracts/calendar';
import { checkOfficialYear } from '../../../../../domain/calendar';
import { formatPeriods, parseHolidayNotice, parsePeriodLines } from '../../../../../domain/holidayNotice';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { TextField } from '../../../../components/Field/TextField';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { ROUTES } from '../../types';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

const OVERVIEW = { action: 'calendar' as const };
const SOURCE = { package: '内置数据', entered: '工作人员录入' } as const;

function Editor({ overview, onSaved }: { overview: CalendarOverview; onSaved: () => Promise<void> }) {
  const { status } = overview;
  const [year, setYear] = useState(String(status.known ? status.nextYear : status.year));
  // A pasted notice and the lines being checked survive leaving the page until saved.
  const draft = useDraft('lxq.draft.calendar', { notice: '', lines: '' }, (v) => !v.notice.trim() && !v.lines.trim());
  const { notice, lines } = draft.value;
  const setNotice = (v: string) => draft.set({ notice: v });
  const setLines = (v: string) => draft.set({ lines: v });
  const [problems, setProblems] = useState<string[]>([]);
  const call = useSubmit();
  const y = Number(year);
  const yearOk = /^\d{4}$/.test(year) && y >= 2000 && y <= 2100;

  const read = () => {
    if (!yearOk) return setProblems(['请先填写年份（如 2027）']);
    if (!notice.trim()) return setProblems(['请先粘贴通知原文']);
    const parsed = parseHolidayNotice(notice, y);
    setProblems(parsed.problems);
    if (parsed.periods.length > 0) setLines(formatPeriods(parsed.periods));
  };

  const load = async () => {
    if (!yearOk) return setProblems(['请先填写年份（如 2027）']);
    const env = await call.send<CalendarYearDetail>('staff', { action: 'calendarYear', year: y });
    if (!env?.ok) return;
    setLines(formatPeriods(env.data.periods));
    setNotice(env.data.notice ?? '');
    setProblems([]);
  };

  const save = async () => {
    if (call.busy()) return;
    if (!yearOk) return setProblems(['请先填写年份（如 2027）']);
    const parsed = parsePeriodLines(lines);
    const found = [...parsed.problems, ...(parsed.problems.length ? [] : checkOfficialYear({ year: y, periods: parsed.periods }))];
    setProblems(found);
    if (found.length > 0) return;
    const days = parsed.periods.length;
    if (!(await confirm(`保存 ${y} 年节假日安排？`, `共 ${days} 个节日。保存后按此计算办理期限（覆盖内置数据），期限只按周末计算的在办诉求会重新计算。`, '保存'))) return;
    const env = await call.send<SetCalendarYearResult>('staff', { action: 'setCalendarYear', year: y, periods: parsed.periods, ...(notice.trim() ? { notice: notice.trim() } : {}) });
    if (!env?.ok) return;
    draft.clear();
    toast(env.data.recounted ? `已保存，${env.data.recounted} 件诉求期限已重算` : '已保存', true);
    await onSaved();
  };

  return (
    <>
      <Text className="lxq-section-title">录入一年的安排</Text>
      <TextField label="年份" required type="digit" value={year} maxlength={4} sending={call.sending} onInput={(e) => setYear(e.detail.value)} inputTestId="cal-year" />
      <TextField
        label="国务院办公厅通知原文（可选）"
        hint="每年 11 月前后发布《国务院办公厅关于某年部分节假日安排的通知》，整段粘贴后点“识别”。"
        multiline
        value={notice}
        maxlength={4000}
        placeholder="一、元旦：1月1日（周五）至3日（周日）放假，共3天。…"
        sending={call.sending}
        onInput={(e) => setNotice(e.detail.value)}
        inputTestId="cal-notice"
      />
      <View className="lxq-staff__buttons lxq-flag__intro">
        <Btn tone="ghost" size="small" disabled={call.sending} onClick={read} testId="cal-read">
          识别
        </Btn>
        <Btn tone="ghost" size="small" disabled={call.sending} onClick={load} testId="cal-load">
          载入已有安排
        </Btn>
      </View>
      <TextField
        label="放假安排（每行一个节日，请核对）"
        required
        hint="格式：春节：2027-02-05 至 2027-02-13；上班 2027-01-31、2027-02-20（“上班”为调休上班的周末）。"
        multiline
        value={lines}
        maxlength={2000}
        sending={call.sending}
        onInput={(e) => (setLines(e.detail.value), setProblems([]))}
        inputTestId="cal-lines"
      />
      {problems.map((p) => (
        <Text key={p} className="lxq-staff__error lxq-flag__intro" data-testid="cal-problem">
          {p}
        </Text>
      ))}
      {call.error ? <Text className="lxq-staff__error lxq-flag__intro">{call.error}</Text> : null}
      <View className="lxq-actions">
        <Btn tone="primary" disabled={call.sending || !lines.trim()} busy={call.sending} onClick={save} testId="cal-save">
          保存
        </Btn>
      </View>
    </>
  );
}

/** 节假日安排: which years the working calendar knows; staff enter next year's official schedule. */
export default function CalendarPage() {
  const me = useStaffMe();
  const overview = useCloud<CalendarOverview>('staff', me.isStaff ? OVERVIEW : null);
  useListLifecycle(() => Promise.all([me.reload(), overview.reload()]));
  return (
    <StaffGate me={me}>
      {() => (
        <AsyncView data={overview.data} error={overview.error} loading={overview.loading} onRetry={overview.reload}>
          {(o) => (
            <>
              {o.status.warning ? (
                <Card title="需要录入节假日">
                  <Text className="lxq-staff__warn" data-testid="calendar-warning">
                    {o.status.warning}
                  </Text>
                </Card>
              ) : null}
              <Card title="办理期限按这些年份的安排计算">
                {o.years.map((y) => (
                  <View key={y.year} className="lxq-staff__line" data-testid="calendar-year">
                    <Text className="lxq-option__name">{y.year} 年</Text>
                    <Text className="lxq-staff__meta">
                      {SOURCE[y.source]} · 放假 {y.holidayCount} 天 · 调休上班 {y.workdayCount} 天{y.updatedAt ? ` · ${formatDateTime(y.updatedAt)}` : ''}
                    </Text>
                    {y.source === 'entered' ? (
                      <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=calendar&id=${y.year}&no=${encodeURIComponent(`${y.year} 年节假日`)}` })}>
                        记录 ›
                      </Text>
                    ) : null}
                  </View>
                ))}
                <Text className="lxq-staff__muted">没有安排的年份只按周末计算工作日，相关期限会标注“仅按周末计算”。</Text>
              </Card>
              <Editor overview={o} onSaved={overview.reload} />
            </>
          )}
        </AsyncView>
      )}
    </StaffGate>
  );
}
