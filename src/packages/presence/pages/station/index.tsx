import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { RosterEntryView, StationPage } from '../../../../../contracts/presence';
import { STATION_KIND_LABELS } from '../../../../../contracts/directory';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { Page } from '../../../../components/Page';
import { PhoneLink } from '../../../../components/Phone';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { imageSrc } from '../../../../services/upload';
import '../../../../styles/presence.css';

const NEW_APPEAL = '/packages/appeal/pages/new/index';

function Roster({ title, entries, empty }: { title: string; entries: RosterEntryView[]; empty: string }) {
  return (
    <Card title={title}>
      {entries.length === 0 ? (
        <Text className="lxq-presence__meta">{empty}</Text>
      ) : (
        entries.map((e) => (
          <Text key={e._id} className="lxq-presence__line" data-testid="roster-entry">
            {e.when}　{e.deputyName} 代表
          </Text>
        ))
      )}
    </Card>
  );
}

function Station({ s }: { s: StationPage }) {
  const openMap = () => {
    if (!s.location) return;
    void Taro.openLocation({ latitude: s.location.latitude, longitude: s.location.longitude, name: s.name, address: s.address, scale: 16 }).catch(() => undefined);
  };
  return (
    <>
      <Card title={s.name} extra={<Text className="lxq-tag">{STATION_KIND_LABELS[s.kind]}</Text>}>
        {s.intro ? <Text className="lxq-presence__line">{s.intro}</Text> : null}
        <Text className="lxq-presence__line" data-testid="station-hours">开放时间：{s.hours || '请电话咨询'}</Text>
        {s.address ? <Text className="lxq-presence__line">地址：{s.address}</Text> : null}
        {s.phone ? <PhoneLink phone={s.phone} label="电话" testId="station-phone" /> : null}
        <View className="lxq-presence__actions">
          {s.location ? (
            <Btn size="small" onClick={openMap} testId="open-map">
              在地图中查看
            </Btn>
          ) : null}
          <Btn size="small" tone="primary" onClick={() => Taro.navigateTo({ url: `${NEW_APPEAL}?stationId=${s._id}` })} testId="appeal-to-station">
            向这里的代表反映
          </Btn>
        </View>
      </Card>
      <Roster title="今天在站的代表" entries={s.today} empty="今天没有安排代表接待，可以电话咨询或留言反映。" />
      <Roster title="近期接待安排" entries={s.upcoming} empty="近两周暂无接待安排。" />
      {s.deputies.length > 0 ? (
        <Card title="驻站代表">
          {s.deputies.map((d) => (
            <View key={d._id} className="lxq-spread">
              <Text className="lxq-presence__line">{d.name} 代表</Text>
              <Btn size="small" onClick={() => Taro.navigateTo({ url: `${NEW_APPEAL}?deputyId=${d._id}` })} testId="appeal-to-deputy">
                找这位代表
              </Btn>
            </View>
          ))}
        </Card>
      ) : null}
      <Text className="lxq-section-title">活动简报</Text>
      {s.reports.length === 0 ? (
        <Empty title="暂无活动简报" description="代表在这里开展视察、调研、接待后，简报会发布在这里。" />
      ) : (
        s.reports.map((r) => (
          <Card key={r.activityId} title={r.title} extra={<Text className="lxq-tag">{r.kindLabel}</Text>}>
            <Text className="lxq-presence__meta">{r.day}</Text>
            <Text className="lxq-presence__line" data-testid="report-text">{r.text}</Text>
            {r.photos.length > 0 ? (
              <View className="lxq-presence__photos">
                {r.photos.map((p) => (
                  <Image key={p} className="lxq-presence__photo" src={imageSrc(p)} mode="aspectFill" />
                ))}
              </View>
            ) : null}
          </Card>
        ))
      )}
    </>
  );
}

export default function StationScreen() {
  const id = usePageParam('id');
  const page = useCloud<StationPage>('presence', { action: 'station', stationId: id || 'none' });
  usePullToRefresh(page.reload);
  return (
    <Page>
      {id ? (
        <AsyncView data={page.data} error={page.error} loading={page.loading} onRetry={page.reload}>
          {(s) => <Station s={s} />}
        </AsyncView>
      ) : (
        <Empty title="没有指定站点" description="请从首页的站点列表进入。" />
      )}
    </Page>
  );
}
