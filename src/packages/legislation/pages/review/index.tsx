import { useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { LoadMore } from '../../../../components/LoadMore';
import { RoleGate } from '../../../../components/RoleGate';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePaged } from '../../../../hooks/usePaged';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../../services/types';
import { formatDateTime } from '../../../../utils/format';
import { DecisionForm } from '../../components/DecisionForm';
import { SubmissionPanel } from '../../components/SubmissionPanel';
import { YearFigures } from '../../components/YearFigures';
import { AdoptionChip, ADOPTION_LABELS, FN, periodLine, rollupLine, ROUTES, sectionName, StatusChip, type Adoption, type CommentItem, type DraftDetail, type DraftSummary } from '../../labels';
import { Btn } from '../../../../components/Btn';
import '../../../../styles/sheet.css';
import '../../legislation.css';

const WHOAMI = { action: 'whoami' as const };
const DRAFTS = { action: 'drafts' as const };
const TABS: Adoption[] = ['pending', 'adopted', 'partially_adopted', 'not_adopted'];

/** Pull to refresh, load more at the bottom, reload when coming back. */
function useLifecycle(reload: () => Promise<unknown>, more?: { hasMore: boolean; moreError: unknown; loadMore: () => Promise<void> }) {
  usePullToRefresh(reload);
  useReachBottom(() => {
    if (more && more.hasMore && !more.moreError) void more.loadMore();
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}

/** Without ?id: pick the draft whose comments to handle. */
function DraftPicker() {
  const drafts = useCloud<DraftSummary[]>(FN, DRAFTS);
  useLifecycle(drafts.reload);
  return (
    <AsyncView data={drafts.data} error={drafts.error} loading={drafts.loading} onRetry={drafts.reload}>
      {(list) =>
        list.length === 0 ? (
          <Empty title="还没有征求意见稿" />
        ) : (
          <>
            <YearFigures />
            <Text className="lxq-legislation__intro">选择一份征求意见稿：征求意见结束后汇总报送上级人大，答复回来后逐条录入采纳情况，意见提出人会收到通知。</Text>
            <Text className="lxq-legislation__link" onClick={() => Taro.navigateTo({ url: ROUTES.record })} data-testid="to-record">录入线下收集的意见 ›</Text>
            {list.map((d) => (
              <Card
                key={d._id}
                onClick={() => Taro.navigateTo({ url: `${ROUTES.review}?id=${encodeURIComponent(d._id)}` })}
                extra={d.rollup.pending > 0 ? <Text className="lxq-badge lxq-badge--red">{d.rollup.pending} 条待研究</Text> : undefined}
                title={<StatusChip status={d.status} />}
              >
                <View data-testid="review-draft">
                  <Text className="lxq-legislation__draft-title">《{d.title}》</Text>
                  <Text className="lxq-sheet__meta">{periodLine(d)}</Text>
                  <Text className="lxq-sheet__meta">{rollupLine(d.rollup)}</Text>
                </View>
              </Card>
            ))}
          </>
        )
      }
    </AsyncView>
  );
}

function Review({ draftId }: { draftId: string }) {
  const detail = useCloud<DraftDetail>(FN, { action: 'detail', draftId });
  const [tab, setTab] = useState<Adoption>('pending');
  const event = useMemo(() => ({ action: 'comments' as const, draftId, adoption: tab }), [draftId, tab]);
  const list = usePaged<CommentItem>(FN, event);
  useLifecycle(() => Promise.all([detail.reload(), list.reload()]), list);
  const dir = useDirectory();
  const [deciding, setDeciding] = useState<string | null>(null);
  const r = detail.data?.rollup;

  return (
    <>
      {detail.data ? (
        <View className="lxq-sheet__head">
          <View className="lxq-legislation__row">
            <StatusChip status={detail.data.status} />
            <Text className="lxq-sheet__meta">{periodLine(detail.data)}</Text>
          </View>
          <Text className="lxq-legislation__title">《{detail.data.title}》</Text>
          <Text className="lxq-sheet__outcome" data-testid="rollup">
            {rollupLine(detail.data.rollup)}
            {detail.data.rollup.not_adopted > 0 ? `，未采纳 ${detail.data.rollup.not_adopted} 条` : ''}
            {detail.data.rollup.pending > 0 ? `，待研究 ${detail.data.rollup.pending} 条` : ''}
          </Text>
        </View>
      ) : null}
      {detail.data ? <SubmissionPanel draft={detail.data} onCompiled={() => void Promise.all([detail.reload(), list.reload()])} /> : null}
      <View className="lxq-legislation__tabs">
        {TABS.map((t) => (
          <Text
            key={t}
            className={t === tab ? 'lxq-legislation__tab lxq-legislation__tab--on' : 'lxq-legislation__tab'}
            onClick={() => {
              setTab(t);
              setDeciding(null);
            }}
            data-testid={`tab-${t}`}
          >
            {ADOPTION_LABELS[t]}
            {r ? ` ${r[t]}` : ''}
          </Text>
        ))}
      </View>
      <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(items) =>
          items.length === 0 && !list.hasMore ? (
            <Empty title={tab === 'pending' ? '没有待研究的意见' : `没有「${ADOPTION_LABELS[tab]}」的意见`} />
          ) : (
            <>
              {items.map((c) => (
                <View key={c._id} className="lxq-legislation__comment" data-testid="review-comment">
                  <View className="lxq-legislation__row">
                    <Text className="lxq-legislation__where">{sectionName(detail.data?.sections, c.sectionId)}</Text>
                    <AdoptionChip adoption={c.adoption} />
                  </View>
                  <Text className="lxq-legislation__content">{c.content}</Text>
                  <Text className="lxq-sheet__meta">{[c.pointName, c.contributorName ?? '', c.communityId ? dir.communityName(c.communityId) : '', `${formatDateTime(c.createdAt)} ${c.channel === 'offline' ? '录入' : '提交'}`].filter(Boolean).join(' · ')}</Text>
                  {c.adoption !== 'pending' && c.adoptionReason ? (
                    <View className="lxq-legislation__reply">
                      <Text className="lxq-legislation__reply-head">理由{c.decidedAt ? ` · ${formatDateTime(c.decidedAt)}` : ''}</Text>
                      <Text className="lxq-legislation__reply-text">{c.adoptionReason}</Text>
                    </View>
                  ) : null}
                  {!c.submitted && c.adoption === 'pending' ? (
                    <Text className="lxq-sheet__meta">尚未汇总报送</Text>
                  ) : deciding === c._id ? (
                    <DecisionForm
                      item={c}
                      onCancel={() => setDeciding(null)}
                      onDone={() => {
                        setDeciding(null);
                        void Promise.all([list.reload(), detail.reload()]);
                      }}
                    />
                  ) : (
                    <View className="lxq-legislation__buttons">
                      <Btn tone="primary" size="small" onClick={() => setDeciding(c._id)} testId="decide">
                        {c.adoption === 'pending' ? '录入采纳情况' : '修改采纳情况'}
                      </Btn>
                    </View>
                  )}
                </View>
              ))}
              <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
            </>
          )
        }
      </AsyncView>
    </>
  );
}

export default function LegislationReview() {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  const id = usePageParam('id');
  return (
    <Page>
      <RoleGate me={me} role="staff" deniedTitle="仅工作人员可用">
        {() => (id ? <Review draftId={id} /> : <DraftPicker />)}
      </RoleGate>
    </Page>
  );
}
