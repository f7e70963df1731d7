import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import type { BallotDetail, BallotResults } from '../../../../../contracts/ballot';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useReloadOnShow } from '../../../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { BALLOT_STATUS_LABEL, ELECTORATE_LABEL, timeLeft } from '../../../../pages/ballots/ballot';
import { Bars, Legend } from '../../components/Bars';
import { pairRows, tallyRows, turnoutRows, type PairRow } from '../../results';
import '../../ballot.css';
import './index.css';

/** The two sides of a paired result: the deputies' binding vote and the residents' advisory one. */
const SIDES = [
  { key: 'binding', name: '代表票决（决定）', voters: '位代表投票', tone: 'deputy' },
  { key: 'advisory', name: '居民意愿（参考）', voters: '位居民投票', tone: 'resident' },
] as const;

function Pair({ rows, bindingVoters, advisoryVoters }: { rows: PairRow[]; bindingVoters: number; advisoryVoters: number }) {
  const voters = { binding: bindingVoters, advisory: advisoryVoters };
  return (
    <View className="lxq-pair" data-testid="paired">
      <View className="lxq-pair__cols lxq-pair__cols--head">
        {SIDES.map((side) => (
          <View key={side.key} className="lxq-pair__col">
            <Text className={`lxq-pair__name lxq-pair__name--${side.key}`}>{side.name}</Text>
            <Text className="lxq-pair__voters" data-testid={`${side.key}-voters`}>
              {voters[side.key]} {side.voters}
            </Text>
          </View>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.projectId} className="lxq-pair__row" data-testid="pair-row">
          <Text className="lxq-pair__title">{r.title}</Text>
          <View className="lxq-pair__cols">
            {SIDES.map((side) => (
              <View key={side.key} className="lxq-pair__col">
                <View className="lxq-pair__track">
                  <View className={`lxq-pair__fill lxq-bars__segment--${side.tone}`} style={{ width: `${r[side.key].width}%` }} />
                </View>
                <Text className="lxq-pair__num" data-testid={`${side.key}-value`}>
                  {r[side.key].total} 票 · 占 {r[side.key].share}%
                </Text>
              </View>
            ))}
          </View>
        </View>
      ))}
      <Text className="lxq-ballot-page__muted lxq-pair__foot">占比 = 该项目得票 ÷ 该组全部得票（含纸质票）。代表票决结果决定实施项目，居民意愿供代表审议时参考。</Text>
    </View>
  );
}

export default function BallotResultsPage() {
  const id = usePageParam('id');
  const results = useCloud<BallotResults>('ballot', id ? { action: 'results', ballotId: id } : null);
  const detail = useCloud<BallotDetail>('ballot', id ? { action: 'detail', ballotId: id } : null);
  const pairedId = results.data?.paired?.ballotId;
  const paired = useCloud<BallotDetail>('ballot', pairedId ? { action: 'detail', ballotId: pairedId } : null);
  const reloadAll = () => Promise.all([results.reload(), detail.reload()]);
  usePullToRefresh(reloadAll);
  useReloadOnShow(results.reload);

  if (!id) return <Empty title="没有找到这次票决" description="请从「票决」页打开。" />;

  // Residents and deputies see results only after the ballot closes (no bandwagon effect).
  if (results.error?.code === 'FAILED_PRECONDITION' && !results.data) {
    return (
      <Page>
        <Empty title="票决结束后公布结果" description={detail.data ? `${detail.data.title}（${timeLeft(detail.data)}）` : '为了不影响大家独立投票，结果在票决结束后公布。'} />
      </Page>
    );
  }

  const titles = new Map<string, string>();
  for (const c of paired.data?.candidates ?? []) titles.set(c._id, c.title);
  for (const c of detail.data?.candidates ?? []) titles.set(c._id, c.title);
  const title = (projectId: string) => titles.get(projectId) ?? projectId;

  return (
    <Page>
      <AsyncView data={results.data} error={results.error ?? detail.error} loading={results.loading} onRetry={reloadAll}>
        {(r) => {
          const chart = tallyRows(r.tallies, title);
          const turnout = turnoutRows(r);
          const electorate = detail.data?.electorate ?? (r.paired?.electorate === 'deputy' ? 'resident' : 'deputy');
          const pair = pairRows(r, electorate, title);
          const paper = r.tallies.reduce((s, t) => s + t.paper, 0);
          return (
            <>
              <Card title={detail.data?.title ?? '票决结果'}>
                <View className="lxq-ballot-page__meta">
                  <Text className="lxq-badge lxq-badge--warn">{ELECTORATE_LABEL[electorate]}</Text>
                  <Text className="lxq-badge" data-testid="status">
                    {r.status === 'closed' ? '最终结果' : `${BALLOT_STATUS_LABEL[r.status]} · 实时结果（仅工作人员可见）`}
                  </Text>
                </View>
                <View className="lxq-results__stats">
                  <View className="lxq-results__stat">
                    <Text className="lxq-results__num" data-testid="voters">
                      {r.voters}
                    </Text>
                    <Text className="lxq-results__label">线上投票人数</Text>
                  </View>
                  <View className="lxq-results__stat">
                    <Text className="lxq-results__num">{paper}</Text>
                    <Text className="lxq-results__label">纸质票（项次）</Text>
                  </View>
                  <View className="lxq-results__stat">
                    <Text className="lxq-results__num">{r.tallies.length}</Text>
                    <Text className="lxq-results__label">候选项目</Text>
                  </View>
                </View>
              </Card>

              <Card title="各项目得票">
                <Legend
                  items={[
                    { tone: 'online', label: '线上投票' },
                    { tone: 'paper', label: '纸质票（现场投票站）' },
                  ]}
                />
                {r.tallies.length === 0 ? <Text className="lxq-ballot-page__muted">暂无候选项目</Text> : <Bars rows={chart.rows} max={chart.max} />}
              </Card>

              {pair ? (
                <Card title="代表票决与居民意愿对照">
                  <Pair rows={pair.rows} bindingVoters={pair.binding.voters} advisoryVoters={pair.advisory.voters} />
                </Card>
              ) : null}

              <Card title="各社区参与情况（线上）">
                {turnout.rows.length === 0 ? (
                  <Text className="lxq-ballot-page__muted">还没有线上投票</Text>
                ) : (
                  <Bars rows={turnout.rows} max={turnout.max} testId="turnout" />
                )}
              </Card>
            </>
          );
        }}
      </AsyncView>
    </Page>
  );
}
