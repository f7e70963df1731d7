import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import type { AppealListItem } from '../../../contracts/appeal';
import { AppealItem } from '../../components/AppealItem';
import { PagedList } from '../../components/PagedList';
import { useDirectory } from '../../hooks/useDirectory';
import { useListLifecycle } from '../../hooks/usePageLifecycle';
import { usePaged } from '../../hooks/usePaged';
import { Btn } from '../../components/Btn';
import './index.css';

const NEW_APPEAL = '/packages/appeal/pages/new/index';
const WALL = '/pages/wall/index';

const MINE = { action: 'mine' as const };

export default function Appeals() {
  const list = usePaged<AppealListItem>('appeal', MINE);
  const dir = useDirectory();
  // Back from submitting or from a detail page: show the latest statuses.
  useListLifecycle(list.reload, list);

  return (
    <Page>
      <View className="lxq-my-appeals__bar">
        <Btn tone="primary" className="lxq-my-appeals__new" onClick={() => Taro.navigateTo({ url: NEW_APPEAL })}>
          我要反映诉求
        </Btn>
        <Text className="lxq-my-appeals__wall" onClick={() => Taro.navigateTo({ url: WALL })}>
          回音壁 ›
        </Text>
      </View>
      <PagedList
        list={list}
        emptyTitle="还没有提交过诉求"
        emptyDescription="身边有需要解决的问题，可以在这里反映给人大代表，每一步进展都看得到。"
        emptyAction={
          <Btn tone="primary" className="lxq-empty__action" onClick={() => Taro.navigateTo({ url: NEW_APPEAL })}>
            我要反映诉求
          </Btn>
        }
      >
        {(item) => (
          <AppealItem
            key={item._id}
            item={item}
            categoryName={dir.categoryName(item.category)}
            onClick={() => Taro.navigateTo({ url: `/pages/appeal-detail/index?id=${item._id}` })}
          />
        )}
      </PagedList>
    </Page>
  );
}
