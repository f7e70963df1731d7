import { useRef } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { DraftHead, FN, ROUTES, type DraftSummary } from '../../labels';
import '../../../../styles/sheet.css';
import '../../legislation.css';

const DRAFTS = { action: 'drafts' as const };

export default function Drafts() {
  const drafts = useCloud<DraftSummary[]>(FN, DRAFTS);
  usePullToRefresh(drafts.reload);
  // Coming back from a draft: the counts may have changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void drafts.reload();
    shown.current = true;
  });

  return (
    <Page>
      <Text className="lxq-legislation__intro">街道就涉及居民切身利益的规定公开征求意见。每条意见都会得到「是否采纳」的答复和理由。</Text>
      <View className="lxq-legislation__row lxq-legislation__mine-head">
        <Text className="lxq-section-title">征求意见稿</Text>
        <Text className="lxq-legislation__link" onClick={() => Taro.navigateTo({ url: ROUTES.mine })} data-testid="to-mine">
          我的立法意见 ›
        </Text>
      </View>
      <AsyncView data={drafts.data} error={drafts.error} loading={drafts.loading} onRetry={drafts.reload}>
        {(list) =>
          list.length === 0 ? (
            <Empty title="暂时没有征求意见的草案" description="有新的法规草案公开征求意见时，会在这里发布。" />
          ) : (
            list.map((d) => (
              <Card key={d._id} onClick={() => Taro.navigateTo({ url: `${ROUTES.draft}?id=${encodeURIComponent(d._id)}` })}>
                <View data-testid="draft-item">
                  <DraftHead draft={d} rollupClass="lxq-sheet__meta" rollupTestId="draft-rollup" />
                </View>
              </Card>
            ))
          )
        }
      </AsyncView>
    </Page>
  );
}
