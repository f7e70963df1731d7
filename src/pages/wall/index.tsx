import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import type { WallItem } from '../../../contracts/appeal';
import { RATING_LABELS, RESOLUTION_LABELS } from '../../../domain/appeals/labels';
import { PagedList } from '../../components/PagedList';
import { useDirectory } from '../../hooks/useDirectory';
import { useLoadMoreAtBottom } from '../../hooks/usePageLifecycle';
import { usePaged } from '../../hooks/usePaged';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { formatDate } from '../../utils/format';
import './index.css';

const WALL = { action: 'wall' as const };

function WallCard({ item, categoryName }: { item: WallItem; categoryName: string }) {
  return (
    <View className="lxq-surface lxq-wall" data-testid="wall-item">
      <View className="lxq-spread">
        <Text className="lxq-wall__where">
          {item.communityName || '本街道'}
          {categoryName ? ` · ${categoryName}` : ''}
        </Text>
        <Text className="lxq-badge lxq-badge--ok">{RESOLUTION_LABELS[item.resolution]}</Text>
      </View>
      <Text className="lxq-wall__label">居民反映</Text>
      <Text className="lxq-wall__text">{item.summary}</Text>
      <Text className="lxq-wall__label">代表答复</Text>
      <Text className="lxq-wall__text lxq-wall__reply">{item.reply}</Text>
      <Text className="lxq-wall__meta">
        {formatDate(item.closedAt)} 办结{item.rating ? ` · 居民评价：${RATING_LABELS[item.rating]}` : ' · 居民未评价'}
      </Text>
    </View>
  );
}

export default function Wall() {
  const list = usePaged<WallItem>('appeal', WALL);
  const dir = useDirectory();
  usePullToRefresh(list.reload);
  useLoadMoreAtBottom(list);

  return (
    <Page>
      <Text className="lxq-wall__intro">这里公开已经办结的诉求和代表的答复（不含反映人的姓名和联系方式），看看身边的事是怎么办的。</Text>
      <PagedList list={list} emptyTitle="回音壁还是空的" emptyDescription="诉求办结并且居民同意公开后，会出现在这里。">
        {(item) => <WallCard key={item._id} item={item} categoryName={dir.categoryName(item.category)} />}
      </PagedList>
    </Page>
  );
}
