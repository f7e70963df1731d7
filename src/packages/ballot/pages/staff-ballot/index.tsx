import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { paperInput, type BallotDetail, type BallotResults } from '../../../../../contracts/ballot';
import type { Tally } from '../../../../../domain/ballots/rules';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { useSubmit } from '../../../../hooks/useSubmit';
import { confirm, toast } from '../../../../utils/confirm';
import { checkInput } from '../../../../utils/validation';
import { BALLOT_RESULTS, BALLOT_STATUS_LABEL, ELECTORATE_LABEL, closingLine } from '../../../../pages/ballots/ballot';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { STAFF_ROUTES as ROUTES } from '../../../../components/staff/routes';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';
import './index.css';

function PaperRow({ ballotId, title, tally, onSaved }: { ballotId: string; title: string; tally: Tally; onSaved: () => Promise<void> }) {
  const [value, setValue] = useState(String(tally.paper));
  const { sending, error, setError, busy, send } = useSubmit();
  const save = async () => {
    if (busy()) return;
    const raw = value.trim();
    if (!/^\d+$/.test(raw)) return setError('请填写整数票数');
    const count = Number(raw);
    const event = { action: 'paper' as const, ballotId, projectId: tally.projectId, count };
    const bad = checkInput(paperInput, event);
    if (bad) return setError(bad);
    if (count === tally.paper) return toast('票数没有变化');
    const ok = await confirm('录入纸质票？', `「${title}」纸质票 ${tally.paper} → ${count}（覆盖原数，记入操作记录）。`, '确认录入');
    if (!ok) return;
    const env = await send('ballot', event);
    if (!env?.ok) return;
    toast('已录入', true);
    await onSaved();
  };
  return (
    <View className="lxq-paper" data-testid="paper-row">
      <Text className="lxq-paper__title">{title}</Text>
      <Text className="lxq-staff__meta" data-testid="paper-counts">
        线上 {tally.online} · 纸质 {tally.paper} · 合计 {tally.total}
      </Text>
      <View className="lxq-staff__row lxq-paper__edit">
        <Input className="lxq-input" type="number" value={value} disabled={sending || undefined} onInput={(e) => (setValue(e.detail.value), setError(null))} />
        <Btn tone="ghost" size="small" disabled={sending} busy={sending} onClick={save} testId="paper-save">
          保存
        </Btn>
      </View>
      {error ? <Text className="lxq-staff__error">{error}</Text> : null}
    </View>
  );
}

export default function BallotAdmin() {
  const me = useStaffMe();
  const id = usePageParam('id');
  const detail = useCloud<BallotDetail>('ballot', id ? { action: 'detail', ballotId: id } : null);
  const results = useCloud<BallotResults>('ballot', id && me.isStaff ? { action: 'results', ballotId: id } : null);
  const reloadAll = () => Promise.all([detail.reload(), results.reload()]);
  useListLifecycle(() => Promise.all([me.reload(), reloadAll()]));
  const { sending: closing, busy, send } = useSubmit();

  const close = async (d: BallotDetail) => {
    if (busy()) return;
    const ok = await confirm('提前结束票决？', `「${d.title}」结束后不能再投票，结果将向所有人公布。此操作不能撤销。`, '结束票决');
    if (!ok) return;
    const env = await send('ballot', { action: 'close', ballotId: d._id });
    if (!env) return;
    if (!env.ok) toast(env.error.message);
    else toast('票决已结束', true);
    await reloadAll();
  };

  if (!id) return <Empty title="没有找到这次票决" />;

  return (
    <StaffGate me={me}>
      {() => (
        <AsyncView data={detail.data} error={detail.error} loading={detail.loading} onRetry={reloadAll}>
          {(d) => {
            const title = (pid: string) => d.candidates.find((c) => c._id === pid)?.title ?? pid;
            return (
              <>
                <Card title={d.title} extra={<Text className={d.status === 'open' ? 'lxq-badge lxq-badge--red' : 'lxq-badge'} data-testid="admin-status">{BALLOT_STATUS_LABEL[d.status]}</Text>}>
                  <Text className="lxq-staff__meta">
                    {ELECTORATE_LABEL[d.electorate]} · {closingLine(d)}
                  </Text>
                  <Text className="lxq-staff__meta">线上投票 {results.data ? results.data.voters : '…'} 人</Text>
                  <View className="lxq-staff__buttons">
                    {d.status !== 'closed' ? (
                      <Btn tone="danger" size="small" disabled={closing} busy={closing} onClick={() => close(d)} testId="close-ballot">
                        结束票决
                      </Btn>
                    ) : null}
                    <Btn tone="ghost" size="small" onClick={() => Taro.navigateTo({ url: `${BALLOT_RESULTS}?id=${d._id}` })} testId="live-results">
                      结果图表
                    </Btn>
                  </View>
                  <View className="lxq-staff__buttons">
                    <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=ballot&id=${d._id}&no=${encodeURIComponent(d.title)}` })}>
                      操作记录 ›
                    </Text>
                  </View>
                </Card>

                <Card title="纸质票录入（现场投票站）">
                  <Text className="lxq-staff__muted">按候选项目填写纸质票的累计票数，保存即覆盖该项目原有的纸质票数。线上票由系统按投票记录实时统计。</Text>
                  <AsyncView data={results.data} error={results.error} loading={results.loading} onRetry={results.reload}>
                    {(r) => (
                      <>
                        {r.tallies.map((t) => (
                          <PaperRow key={`${t.projectId}:${t.paper}`} ballotId={d._id} title={title(t.projectId)} tally={t} onSaved={results.reload} />
                        ))}
                      </>
                    )}
                  </AsyncView>
                </Card>
              </>
            );
          }}
        </AsyncView>
      )}
    </StaffGate>
  );
}
