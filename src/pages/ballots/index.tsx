import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import type { BallotDetail, BallotSummary } from '../../../contracts/ballot';
import { AsyncView } from '../../components/AsyncView';
import { Empty } from '../../components/Empty';
import { useCloud } from '../../hooks/useCloud';
import { useReloadOnShow } from '../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { callCloud } from '../../services/cloud';
import { BALLOT_DETAIL, BALLOT_STATUS_LABEL, ELECTORATE_LABEL, PROJECTS, PROPOSE, choiceHint, timeLeft } from './ballot';
import './index.css';

const LIST = { action: 'list' as const };

type Mine = Record<string, { voted: boolean; mayVote: boolean }>;

const STATUS_BADGE: Record<BallotSummary['status'], string> = {
  open: 'lxq-badge lxq-badge--red',
  upcoming: 'lxq-badge lxq-badge--warn',
  closed: 'lxq-badge',
};

/** For open ballots only: did I vote, may I vote (one detail call each; there are few). */
function useMyVotes(ballots: BallotSummary[] | undefined): Mine {
  const [mine, setMine] = useState<Mine>({});
  useEffect(() => {
    if (!ballots) return;
    let alive = true;
    const open = ballots.filter((b) => b.status === 'open');
    void Promise.all(
      open.map(async (b) => {
        const env = await callCloud<BallotDetail>('ballot', { action: 'detail', ballotId: b._id }, { retries: 1 });
        return env.ok ? ([b._id, { voted: !!env.data.myVote, mayVote: env.data.mayVote }] as const) : null;
      }),
    ).then((rows) => {
      if (!alive) return;
      const next: Mine = {};
      for (const r of rows) if (r) next[r[0]] = r[1];
      setMine(next);
    });
    return () => {
      alive = false;
    };
  }, [ballots]);
  return mine;
}

function BallotRow({ b, mine }: { b: BallotSummary; mine?: { voted: boolean; mayVote: boolean } }) {
  return (
    <View
      className="lxq-surface lxq-ballot"
      hoverClass="lxq-pressed"
      data-testid="ballot-item"
      onClick={() => Taro.navigateTo({ url: `${BALLOT_DETAIL}?id=${b._id}` })}
    >
      <View className="lxq-spread">
        <Text className={`lxq-ballot__kind lxq-ballot__kind--${b.electorate}`}>{ELECTORATE_LABEL[b.electorate]}</Text>
        <Text className={STATUS_BADGE[b.status]} data-testid="ballot-status">
          {BALLOT_STATUS_LABEL[b.status]}
        </Text>
      </View>
      <Text className="lxq-ballot__title">{b.title}</Text>
      <View className="lxq-ballot__meta">
        <Text>
          {b.candidateCount} 个候选项目 · {choiceHint(b.minChoices, b.maxChoices)} · {timeLeft(b)}
        </Text>
        {mine?.voted ? (
          <Text className="lxq-badge lxq-badge--ok" data-testid="voted">
            我已投票
          </Text>
        ) : b.status === 'open' && mine?.mayVote ? (
          <Text className="lxq-badge lxq-badge--warn">待投票</Text>
        ) : null}
      </View>
    </View>
  );
}

export default function Ballots() {
  const list = useCloud<BallotSummary[]>('ballot', LIST);
  const mine = useMyVotes(list.data);
  usePullToRefresh(list.reload);
  // Back from voting: show the new state.
  useReloadOnShow(list.reload);

  return (
    <Page>
      <View className="lxq-ballots__entries">
        <View className="lxq-surface lxq-ballots__entry" hoverClass="lxq-pressed" onClick={() => Taro.navigateTo({ url: PROPOSE })} data-testid="entry-propose">
          <Text className="lxq-ballots__entry-title">我要提建议</Text>
          <Text className="lxq-ballots__entry-subtitle">群众点单：希望明年办的实事</Text>
        </View>
        <View className="lxq-surface lxq-ballots__entry" hoverClass="lxq-pressed" onClick={() => Taro.navigateTo({ url: PROJECTS })} data-testid="entry-projects">
          <Text className="lxq-ballots__entry-title">项目进度</Text>
          <Text className="lxq-ballots__entry-subtitle">民生实事办得怎么样</Text>
        </View>
      </View>
      <Text className="lxq-section-title">民生实事项目票决</Text>
      <AsyncView data={list.data} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(ballots) =>
          ballots.length === 0 ? (
            <Empty title="暂无票决" description="民生实事项目票决开始后，会在这里显示。" />
          ) : (
            <>
              {ballots.map((b) => (
                <BallotRow key={b._id} b={b} mine={mine[b._id]} />
              ))}
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
