import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import { useCloud } from '../../hooks/useCloud';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { AsyncView } from '../../components/AsyncView';
import { Card } from '../../components/Card';
import { Empty } from '../../components/Empty';
import { DevSwitcher } from '../../components/DevSwitcher';
import { STATION_KIND_LABEL, type Community, type Station } from '../../services/types';
import { buildNetwork } from './network';
import { Btn } from '../../components/Btn';
import './index.css';

function StationCard({ station, communities }: { station: Station; communities: Community[] }) {
  return (
    <Card title={station.name}>
      {station.address ? <Text className="lxq-station__address">地址：{station.address}</Text> : null}
      {communities.length > 0 ? (
        <View className="lxq-station__communities">
          <Text className="lxq-station__label">联系社区</Text>
          <View className="lxq-tags">
            {communities.map((c) => (
              <Text key={c._id} className="lxq-tag">
                {c.name}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
    </Card>
  );
}

export default function Index() {
  const stations = useCloud<Station[]>('directory', { action: 'stations' });
  const communities = useCloud<Community[]>('directory', { action: 'communities' });
  const reloadAll = () => Promise.all([stations.reload(), communities.reload()]);
  usePullToRefresh(reloadAll);

  const loaded = stations.data !== undefined && communities.data !== undefined;
  const network = useMemo(
    () => (loaded ? buildNetwork(stations.data ?? [], communities.data ?? []) : undefined),
    [loaded, stations.data, communities.data],
  );

  return (
    <Page className="lxq-home">
      <DevSwitcher variant="chip" />
      <View className="lxq-hero">
        <Text className="lxq-hero__title">连心桥</Text>
        <Text className="lxq-hero__subtitle">身边的人大代表，随时听您说</Text>
        <Btn className="lxq-hero__cta" onClick={() => Taro.navigateTo({ url: '/pages/appeal-new/index' })}>
          我要反映诉求
        </Btn>
      </View>

      <View className="lxq-home__wall" hoverClass="lxq-home__wall--hover" onClick={() => Taro.navigateTo({ url: '/pages/wall/index' })} data-testid="wall-entry">
        <View className="lxq-home__wall-text">
          <Text className="lxq-home__wall-title">回音壁</Text>
          <Text className="lxq-home__wall-subtitle">看看邻居反映的事，代表是怎么答复、怎么办的</Text>
        </View>
        <Text className="lxq-home__wall-arrow">›</Text>
      </View>

      <View className="lxq-home__wall" hoverClass="lxq-home__wall--hover" onClick={() => Taro.navigateTo({ url: '/packages/legislation/pages/drafts/index' })} data-testid="legislation-entry">
        <View className="lxq-home__wall-text">
          <Text className="lxq-home__wall-title">立法意见征询</Text>
          <Text className="lxq-home__wall-subtitle">对街道法规草案逐条提意见，每条都有是否采纳的答复</Text>
        </View>
        <Text className="lxq-home__wall-arrow">›</Text>
      </View>

      <AsyncView
        data={network}
        error={stations.error || communities.error}
        loading={stations.loading || communities.loading}
        onRetry={reloadAll}
      >
        {(groups) =>
          groups.length === 0 ? (
            <Empty title="暂无代表联络站信息" description="街道正在完善代表之家和联络站信息，请稍后再来看看。" />
          ) : (
            groups.map((group) => (
              <View key={group.kind} className="lxq-home__group">
                <Text className="lxq-section-title">{STATION_KIND_LABEL[group.kind]}</Text>
                {group.stations.map(({ station, communities: list }) => (
                  <StationCard key={station._id} station={station} communities={list} />
                ))}
              </View>
            ))
          )
        }
      </AsyncView>
    </Page>
  );
}
