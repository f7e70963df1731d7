import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import type { BallotDetail } from '../../../../../contracts/ballot';
import { checkChoices } from '../../../../../domain/ballots/rules';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useReloadOnShow } from '../../../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { BALLOT_RESULTS, BALLOT_STATUS_LABEL, ELECTORATE_LABEL, ELECTORATE_NOTE, choiceHint, closingLine, timeLeft } from '../../../../pages/ballots/ballot';
import type { BallotResults } from '../../../../../contracts/ballot';
import { CandidateCard } from '../../components/Candidate';
import { Btn } from '../../../../components/Btn';
import '../../ballot.css';
import './index.css';

const STAFF_BALLOT = '/packages/ballot/pages/staff-ballot/index';

/** Why this person cannot vote here (the server decides; this only explains). */
function notVotingReason(d: BallotDetail, who: WhoAmI | undefined): string {
  if (d.status === 'upcoming') return `票决尚未开始（${timeLeft(d)}），届时可以在这里投票。`;
  if (d.status === 'closed') return '票决已经结束，感谢关注。';
  if (who?.role === 'staff') return '工作人员不参与投票，可在后台查看实时结果、录入纸质票。';
  return d.electorate === 'deputy' ? '本次票决仅限街道审议代表投票，您可以关注结果。' : '本次意愿征集仅限辖区居民参与。';
}

function Voting({ d, onVoted }: { d: BallotDetail; onVoted: (conflict: boolean) => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>([]);
  const { sending, error, setError, busy, send } = useSubmit();
  const dir = useDirectory();
  const { minChoices: min, maxChoices: max } = d;
  const n = picked.length;
  const inRange = n >= min && n <= max;

  const toggle = (id: string) => {
    setError(null);
    if (picked.includes(id)) return setPicked(picked.filter((x) => x !== id));
    if (n >= max) {
      toast(`最多只能选择 ${max} 项`);
      return;
    }
    setPicked([...picked, id]);
  };

  const cast = async () => {
    if (busy()) return;
    const check = checkChoices(picked, d.candidates.map((c) => c._id), min, max);
    if (!check.ok) {
      setError(check.reason);
      return;
    }
    const titles = d.candidates.filter((c) => picked.includes(c._id)).map((c) => `「${c.title}」`);
    const ok = await confirm('确认投票？', `您选择了 ${titles.length} 项：${titles.join('、')}。投票后不能修改。`, '确认投票');
    if (!ok) return;
    const env = await send<{ ballotId: string; projectIds: string[]; at: string }>('ballot', { action: 'cast', ballotId: d._id, projectIds: check.projectIds });
    if (!env) return;
    if (env.ok) {
      toast('投票成功', true);
      await onVoted(false);
      return;
    }
    if (env.error.code === 'CONFLICT') {
      // Voted before (another device, a retried request): say so kindly and show what was recorded.
      setError('您已经投过票了，每人只能投一次。');
      await onVoted(true);
      return;
    }
    setError(env.error.code === 'NETWORK' ? '网络不太好，投票可能没有成功。请稍后刷新查看，重复提交也只会记一票。' : env.error.message);
  };

  const counter = `${choiceHint(min, max)} · 已选 ${n} 项${n < min ? `，还需选 ${min - n} 项` : ''}`;

  return (
    <>
      {d.candidates.map((c) => (
        <CandidateCard
          key={c._id}
          c={c}
          communityName={c.communityId ? dir.communityName(c.communityId) : undefined}
          selected={picked.includes(c._id)}
          disabled={sending || undefined}
          onToggle={() => toggle(c._id)}
        />
      ))}
      {error ? (
        <Text className="lxq-ballot-page__error" data-testid="vote-error">
          {error}
        </Text>
      ) : null}
      <View className="lxq-ballot-page__bottom">
        <Text className={inRange ? 'lxq-ballot-page__counter' : 'lxq-ballot-page__counter lxq-ballot-page__counter--bad'} data-testid="counter">
          {counter}
        </Text>
        <Btn tone="primary" block disabled={!inRange || sending} busy={sending} onClick={cast} testId="cast">
          投票
        </Btn>
      </View>
    </>
  );
}

/**
 * The deputies' binding vote weighs the residents' advisory one: show it beside the ballot, project by
 * project, once the residents' ballot has closed (results stay hidden while people still vote).
 */
function Advisory({ d }: { d: BallotDetail }) {
  const results = useCloud<BallotResults>('ballot', d.pairedBallotId ? { action: 'results', ballotId: d.pairedBallotId } : null);
  if (!d.pairedBallotId || d.electorate !== 'deputy') return null;
  const title = (id: string) => d.candidates.find((c) => c._id === id)?.title ?? '（不在本次候选中）';
  const pending = results.error?.code === 'FAILED_PRECONDITION';
  return (
    <Card title="居民意愿（供您参考）">
      <View data-testid="advisory">
        {pending ? (
          <Text className="lxq-ballot-page__muted" data-testid="advisory-pending">居民意愿征集还没有结束，结束后这里会显示居民的选择，供您票决时参考。</Text>
        ) : (
          <AsyncView data={results.data} error={results.error} loading={results.loading} onRetry={results.reload}>
            {(r) => {
              const sum = r.tallies.reduce((n, t) => n + t.total, 0);
              const rows = [...r.tallies].sort((a, b) => b.total - a.total);
              if (sum === 0) return <Text className="lxq-ballot-page__muted">居民意愿征集已结束，没有收到投票。</Text>;
              return (
                <>
                  <Text className="lxq-ballot-page__muted">{r.voters} 位居民线上投票（另含纸质票），按得票排列：</Text>
                  {rows.map((t, i) => (
                    <View key={t.projectId} className="lxq-advisory__row" data-testid="advisory-row">
                      <Text className="lxq-advisory__rank">第 {i + 1} 名</Text>
                      <Text className="lxq-advisory__title">{title(t.projectId)}</Text>
                      <Text className="lxq-advisory__votes">
                        {t.total} 票{sum > 0 ? ` · ${Math.round((t.total / sum) * 100)}%` : ''}
                      </Text>
                    </View>
                  ))}
                </>
              );
            }}
          </AsyncView>
        )}
      </View>
    </Card>
  );
}

function MyVote({ d }: { d: BallotDetail }) {
  const dir = useDirectory();
  const mine = new Set(d.myVote!.projectIds);
  const chosen = d.candidates.filter((c) => mine.has(c._id));
  return (
    <>
      <Card title="您的选择">
        <View data-testid="my-vote">
          {chosen.map((c) => (
            <Text key={c._id} className="lxq-ballot-page__line">
              ✓ {c.title}
            </Text>
          ))}
        </View>
        <Text className="lxq-ballot-page__muted">{formatDateTime(d.myVote!.at)} 投票 · 每人只能投一次，投票后不能修改。</Text>
      </Card>
      <Text className="lxq-section-title">全部候选项目</Text>
      {d.candidates.map((c) => (
        <CandidateCard key={c._id} c={c} communityName={c.communityId ? dir.communityName(c.communityId) : undefined} voted={mine.has(c._id)} />
      ))}
    </>
  );
}

export default function BallotDetailPage() {
  const id = usePageParam('id');
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const detail = useCloud<BallotDetail>('ballot', id ? { action: 'detail', ballotId: id } : null);
  const dir = useDirectory();
  const [conflict, setConflict] = useState(false);
  usePullToRefresh(() => Promise.all([detail.reload(), me.reload()]));
  useReloadOnShow(detail.reload);

  if (!id) return <Empty title="没有找到这次票决" description="请从「票决」页打开。" />;

  return (
    <Page className="lxq-vote">
      <AsyncView data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(d) => {
          const canVote = d.status === 'open' && d.mayVote && !d.myVote;
          const showResults = d.status === 'closed' || me.data?.role === 'staff';
          return (
            <>
              <Card title={d.title}>
                <View className="lxq-ballot-page__meta">
                  <Text className="lxq-badge lxq-badge--warn">{ELECTORATE_LABEL[d.electorate]}</Text>
                  <Text className={d.status === 'open' ? 'lxq-badge lxq-badge--red' : 'lxq-badge'} data-testid="status">
                    {BALLOT_STATUS_LABEL[d.status]}
                  </Text>
                  <Text className="lxq-vote__left" data-testid="time-left">
                    {timeLeft(d)}
                  </Text>
                </View>
                {d.description ? <Text className="lxq-ballot-page__desc">{d.description}</Text> : null}
                <Text className="lxq-ballot-page__muted lxq-vote__rule">
                  {ELECTORATE_NOTE[d.electorate]}。{choiceHint(d.minChoices, d.maxChoices)}，{closingLine(d)}。
                </Text>
              </Card>

              <Advisory d={d} />

              {conflict && d.myVote ? (
                <Text className="lxq-ballot-page__notice" data-testid="vote-conflict">
                  您已经投过票了，每人只能投一次。下面是您之前的选择。
                </Text>
              ) : null}
              {d.myVote ? (
                <MyVote d={d} />
              ) : canVote ? (
                <Voting
                  d={d}
                  onVoted={async (c) => {
                    setConflict(c);
                    await detail.reload();
                  }}
                />
              ) : (
                <>
                  <Text className="lxq-ballot-page__notice" data-testid="no-vote">
                    {notVotingReason(d, me.data)}
                  </Text>
                  {d.candidates.map((c) => (
                    <CandidateCard key={c._id} c={c} communityName={c.communityId ? dir.communityName(c.communityId) : undefined} />
                  ))}
                </>
              )}

              {showResults || me.data?.role === 'staff' ? (
                <View className="lxq-actions">
                  {showResults ? (
                    <Btn tone="ghost" onClick={() => Taro.navigateTo({ url: `${BALLOT_RESULTS}?id=${d._id}` })} testId="open-results">
                      {d.status === 'closed' ? '查看结果' : '查看实时结果'}
                    </Btn>
                  ) : null}
                  {me.data?.role === 'staff' ? (
                    <Btn tone="ghost" onClick={() => Taro.navigateTo({ url: `${STAFF_BALLOT}?id=${d._id}` })}>
                      票决管理
                    </Btn>
                  ) : null}
                </View>
              ) : d.status !== 'closed' ? (
                <Text className="lxq-ballot-page__muted lxq-vote__foot">票决结束后公布结果。</Text>
              ) : null}
            </>
          );
        }}
      </AsyncView>
    </Page>
  );
}
