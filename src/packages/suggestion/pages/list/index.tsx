import Taro, { useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { LoadMore } from '../../../../components/LoadMore';
import { Page } from '../../../../components/Page';
import { useCloud } from '../../../../hooks/useCloud';
import { usePaged } from '../../../../hooks/usePaged';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../../services/types';
import { formatDateTime } from '../../../../utils/format';
import { FN, ROUTES, type SuggestionItem } from '../../labels';
import '../../../../styles/sheet.css';
import '../../suggestion.css';

const LIST = { action: 'list' as const };
const WHOAMI = { action: 'whoami' as const };

/** Public 代表建议 and their outcomes; deputies and staff also find the proposed clusters here. */
export default function SuggestionList() {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  const list = usePaged<SuggestionItem>(FN, LIST);
  usePullToRefresh(list.reload);
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore();
  });
  const handler = me.data?.role === 'deputy' || me.data?.role === 'staff';
  return (
    <Page>
      <Text className="lxq-suggestion__intro">许多居民反映的同一个问题，代表会汇总成一条正式的代表建议，交有关部门办理，办理结果公开在这里。</Text>
      {handler ? (
        <Text className="lxq-suggestion__link" onClick={() => Taro.navigateTo({ url: ROUTES.clusters })} data-testid="to-clusters">
          查看相似诉求，形成代表建议 ›
        </Text>
      ) : null}
      <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="还没有公开的代表建议" description="代表把相似的诉求汇总成建议后，会在这里公开办理进展。" />
          ) : (
            <>
              {items.map((s) => (
                <Card key={s._id} title={<Text className="lxq-badge">{s.statusLabel}</Text>} onClick={() => Taro.navigateTo({ url: `${ROUTES.detail}?id=${encodeURIComponent(s._id)}` })}>
                  <View data-testid="suggestion-item">
                    <Text className="lxq-suggestion__title">{s.title}</Text>
                    <Text className="lxq-sheet__meta">{`承办：${s.department} · 汇集 ${s.appealCount} 件诉求 · ${formatDateTime(s.createdAt)} 提出`}</Text>
                  </View>
                </Card>
              ))}
              <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
