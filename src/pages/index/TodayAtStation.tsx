import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TodayAtStations } from '../../../contracts/presence';
import { Card } from '../../components/Card';
import { useCloud } from '../../hooks/useCloud';

export const STATION_PAGE = '/packages/presence/pages/station/index';

/** 今天在站的代表: who receives today at the stations serving the resident's community (nothing until one is set). */
export function TodayAtStation({ communityId }: { communityId: string }) {
  const today = useCloud<TodayAtStations>('presence', { action: 'today', communityId });
  const entries = today.data?.entries ?? [];
  if (entries.length === 0) return null;
  return (
    <Card title="今天在站的代表">
      {entries.map((e) => (
        <View key={e._id} className="lxq-spread lxq-today" hoverClass="lxq-pressed" onClick={() => void Taro.navigateTo({ url: `${STATION_PAGE}?id=${e.stationId}` })} data-testid="today-entry">
          <Text>{e.deputyName} 代表 · {e.half === 'am' ? '上午' : '下午'}</Text>
          <Text className="lxq-muted">{e.stationName} ›</Text>
        </View>
      ))}
    </Card>
  );
}
