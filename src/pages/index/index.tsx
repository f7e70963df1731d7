import { useMemo } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StreetContact } from '../../../contracts/directory';
import { useCloud } from '../../hooks/useCloud';
import { useA11y } from '../../hooks/useA11y';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { AsyncView } from '../../components/AsyncView';
import { Btn } from '../../components/Btn';
import { Card } from '../../components/Card';
import { Empty } from '../../components/Empty';
import { DevSwitcher } from '../../components/DevSwitcher';
import { Page } from '../../components/Page';
import { PhoneLink } from '../../components/Phone';
import { PulseLine } from '../../components/PulseLine';
import { LARGE_SYSTEM_FONT, setA11y, systemScale } from '../../services/a11y';
import { STATION_KIND_LABEL, type Community, type Station, type WhoAmI } from '../../services/types';
import { buildNetwork } from './network';
import { RoleHome } from './RoleHome';
import { STATION_PAGE, TodayAtStation } from './TodayAtStation';
import './index.css';

const NEW_APPEAL = '/packages/appeal/pages/new/index';
const MY_APPEALS = '/pages/appeals/index';
const WALL = '/pages/wall/index';
const DRAFTS = '/packages/legislation/pages/drafts/index';
const PROJECTS = '/packages/ballot/pages/projects/index';

function StationCard({ station, communities }: { station: Station; communities: Community[] }) {
  return (
    <Card title={station.name} extra={<Btn size="small" onClick={() => void Taro.navigateTo({ url: `${STATION_PAGE}?id=${station._id}` })} testId="station-open">开放时间与接待</Btn>}>
      {station.address ? <Text className="lxq-station__address">地址：{station.address}</Text> : null}
      {station.phone ? <PhoneLink phone={station.phone} label="电话" testId="station-phone" /> : null}
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

/** One tap from home: the wall, the drafts out for comment, progress, the year's projects. */
const ENTRIES = [
  { url: WALL, title: '回音壁', subtitle: '邻居反映的事，代表怎么办的', testId: 'wall-entry' },
  { url: DRAFTS, title: '立法意见征询', subtitle: '对法规草案逐条提意见', testId: 'legislation-entry' },
  { url: MY_APPEALS, title: '查看进度', subtitle: '我反映的事办得怎么样', testId: 'progress-entry', tab: true },
  { url: PROJECTS, title: '民生实事', subtitle: '今年的实事办到哪一步', testId: 'projects-entry' },
];

function go(url: string, tab = false) {
  void (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
}

/** 长辈模式: the three things an older resident comes for, as big as a thumb, and the numbers to call. */
function ElderHome({ me, stations, communities }: { me: WhoAmI | undefined; stations: Station[]; communities: Community[] }) {
  const contact = useCloud<StreetContact>('directory', { action: 'contact' });
  const mine = me?.communityId ? communities.find((c) => c._id === me.communityId) : undefined;
  const nearby = stations.filter((s) => s.phone && (s.communityIds.includes(me?.communityId ?? '') || s._id === mine?.stationId));
  const home = stations.find((s) => s.kind === 'home' && s.phone);
  const phones = [...nearby, ...(home && !nearby.includes(home) ? [home] : [])];
  return (
    <View className="lxq-elder-home" data-testid="elder-home">
      <Text className="lxq-elder-home__hello">您好{me?.name ? `，${me.name}` : ''}</Text>
      <View className="lxq-elder-home__tile lxq-elder-home__tile--primary" hoverClass="lxq-pressed" onClick={() => go(NEW_APPEAL)} data-testid="elder-appeal">
        <Text className="lxq-elder-home__title">反映诉求</Text>
        <Text className="lxq-elder-home__subtitle">有什么难事，说给代表听（可以用语音）</Text>
      </View>
      <View className="lxq-elder-home__tile" hoverClass="lxq-pressed" onClick={() => go(MY_APPEALS, true)} data-testid="elder-progress">
        <Text className="lxq-elder-home__title">查看进度</Text>
        <Text className="lxq-elder-home__subtitle">我反映的事办得怎么样了</Text>
      </View>
      <View className="lxq-elder-home__tile lxq-elder-home__tile--call" data-testid="elder-call">
        <Text className="lxq-elder-home__title">打电话给代表联络站</Text>
        <Text className="lxq-elder-home__subtitle">点号码就能拨打</Text>
        {phones.map((s) => (
          <View key={s._id} className="lxq-elder-home__phone">
            <Text className="lxq-elder-home__who">{s.name}</Text>
            <PhoneLink phone={s.phone!} />
          </View>
        ))}
        {contact.data?.phone && !phones.some((s) => s.phone === contact.data!.phone) ? (
          <View className="lxq-elder-home__phone">
            <Text className="lxq-elder-home__who">街道办事处</Text>
            <PhoneLink phone={contact.data.phone} />
          </View>
        ) : null}
      </View>
      <View className="lxq-elder-home__more">
        <Text className="lxq-elder-home__link" onClick={() => go(WALL)}>
          回音壁 ›
        </Text>
        <Text className="lxq-elder-home__link" onClick={() => setA11y({ elder: false })} data-testid="elder-off">
          换回标准首页
        </Text>
      </View>
    </View>
  );
}

export default function Index() {
  const a11y = useA11y();
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const stations = useCloud<Station[]>('directory', { action: 'stations' });
  const communities = useCloud<Community[]>('directory', { action: 'communities' });
  const reloadAll = () => Promise.all([stations.reload(), communities.reload(), me.reload()]);
  usePullToRefresh(reloadAll);

  const loaded = stations.data !== undefined && communities.data !== undefined;
  const network = useMemo(
    () => (loaded ? buildNetwork(stations.data ?? [], communities.data ?? []) : undefined),
    [loaded, stations.data, communities.data],
  );
  const role = me.data?.role;
  const suggestElder = !a11y.elder && systemScale() >= LARGE_SYSTEM_FONT;

  return (
    <Page className="lxq-home">
      <DevSwitcher variant="chip" />
      {role === 'deputy' || role === 'staff' ? <RoleHome role={role} name={me.data?.name} /> : null}
      {a11y.elder ? (
        <ElderHome me={me.data} stations={stations.data ?? []} communities={communities.data ?? []} />
      ) : (
        <>
          {role !== 'deputy' && role !== 'staff' ? (
            <View className="lxq-hero">
              <Text className="lxq-hero__title">连心桥</Text>
              <Text className="lxq-hero__subtitle">身边的人大代表，随时听您说</Text>
              <Btn className="lxq-hero__cta" onClick={() => go(NEW_APPEAL)} testId="hero-appeal">
                我要反映诉求
              </Btn>
            </View>
          ) : null}
          <PulseLine />
          {suggestElder ? (
            <View className="lxq-home__suggest" onClick={() => setA11y({ elder: true })} data-testid="suggest-elder">
              <Text>您的微信字体较大，点此开启「长辈模式」：字更大、按钮更大、首页更简单。</Text>
            </View>
          ) : null}
          <View className="lxq-home__entries">
            {ENTRIES.map((e) => (
              <View key={e.url} className="lxq-home__entry" hoverClass="lxq-pressed" onClick={() => go(e.url, e.tab)} data-testid={e.testId}>
                <Text className="lxq-home__entry-title">{e.title}</Text>
                <Text className="lxq-home__entry-subtitle">{e.subtitle}</Text>
              </View>
            ))}
          </View>
        </>
      )}

      {me.data?.communityId && !a11y.elder ? <TodayAtStation communityId={me.data.communityId} /> : null}
      <AsyncView data={network} error={stations.error || communities.error} loading={stations.loading || communities.loading} onRetry={reloadAll}>
        {(groups) =>
          groups.length === 0 ? (
            <Empty title="暂无代表联络站信息" description="街道正在完善代表之家和联络站信息，请稍后再来看看。" />
          ) : a11y.elder ? null : (
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
