import { useRef } from 'react';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { AppealListItem } from '../../../contracts/appeal';
import { AppealItem } from '../../components/AppealItem';
import { AsyncView } from '../../components/AsyncView';
import { Empty } from '../../components/Empty';
import { LoadMore } from '../../components/LoadMore';
import { useDirectory } from '../../hooks/useDirectory';
import { usePaged } from '../../hooks/usePaged';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import './index.css';

const NEW_APPEAL = '/pages/appeal-new/index';
const WALL = '/pages/wall/index';

const MINE = { action: 'mine' };

export default function Appeals() {
  const list = usePaged<AppealListItem>('appeal', MINE);
  const dir = useDirectory();
  usePullToRefresh(list.reload);
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore();
  });
  // Back from submitting or from a detail page: show the latest statuses.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });

  return (
    <View className="lxq-page">
      <View className="lxq-mine__bar">
        <Button className="lxq-btn lxq-btn--primary lxq-mine__new" onClick={() => Taro.navigateTo({ url: NEW_APPEAL })}>
          我要反映诉求
        </Button>
        <Text className="lxq-mine__wall" onClick={() => Taro.navigateTo({ url: WALL })}>
          回音壁 ›
        </Text>
      </View>
      <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="还没有提交过诉求" description="身边有需要解决的问题，可以在这里反映给人大代表，每一步进展都看得到。">
              <Button className="lxq-btn lxq-btn--primary lxq-empty__action" onClick={() => Taro.navigateTo({ url: NEW_APPEAL })}>
                我要反映诉求
              </Button>
            </Empty>
          ) : (
            <>
              {items.map((item) => (
                <AppealItem
                  key={item._id}
                  item={item}
                  categoryName={dir.categoryName(item.category)}
                  onClick={() => Taro.navigateTo({ url: `/pages/appeal-detail/index?id=${item._id}` })}
                />
              ))}
              <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
            </>
          )
        }
      </AsyncView>
    </View>
  );
}
