import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import type { AppealListItem } from '../../../../../contracts/appeal';
import { AppealItem } from '../../../../components/AppealItem';
import { Card, Cell } from '../../../../components/Card';
import { PagedList } from '../../../../components/PagedList';
import { RoleGate } from '../../../../components/RoleGate';
import { SubscribeCard } from '../../../../components/SubscribeCard';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { usePaged } from '../../../../hooks/usePaged';
import { templatesFor } from '../../../../services/templates';
import type { WhoAmI } from '../../../../services/types';
import { RECORD_PAGE } from '../../../../utils/points';
import './index.css';

type QueueStatus = 'assigned' | 'in_progress' | 'replied' | 'closed';

interface QueuePage {
  items: AppealListItem[];
  counts: Record<QueueStatus, number>;
  nextCursor?: string;
}

const TABS: { status: QueueStatus; label: string; empty: string }[] = [
  { status: 'assigned', label: '待受理', empty: '没有待受理的诉求' },
  { status: 'in_progress', label: '办理中', empty: '没有正在办理的诉求' },
  { status: 'replied', label: '已答复', empty: '没有等待居民评价的诉求' },
  { status: 'closed', label: '已办结', empty: '还没有办结的诉求' },
];

function Queue({ me }: { me: WhoAmI }) {
  const [status, setStatus] = useState<QueueStatus>('assigned');
  const [counts, setCounts] = useState<Partial<Record<QueueStatus, number>>>({});
  const list = usePaged<AppealListItem, QueuePage>('deputy', { action: 'queue', status });
  const dir = useDirectory();
  // Back from an appeal after acting on it: counts and lists move.
  useListLifecycle(list.reload, list);

  const latest = list.head?.counts;
  if (latest && TABS.some((t) => latest[t.status] !== counts[t.status])) setCounts(latest);
  const tab = TABS.find((t) => t.status === status)!;

  return (
    <>
      <Card title={`您好，${me.name || '代表'}`}>
        <Text className="lxq-muted">
          {counts.assigned ? `有 ${counts.assigned} 件新诉求等您受理。` : '群众反映的诉求会分派到这里，请及时受理和答复。'}
          {status === 'assigned' || status === 'in_progress' ? '期限最近的排在前面。' : ''}
        </Text>
      </Card>
      <View className="lxq-workbench__cells">
        <Cell label="我的履职档案（履职积分）" arrow onClick={() => Taro.navigateTo({ url: RECORD_PAGE })} />
        <Cell label="接待日与代表活动" arrow onClick={() => Taro.navigateTo({ url: '/packages/deputy/pages/presence/index' })} />
        <Cell label="代客录入（到站、电话、走访）" arrow onClick={() => Taro.navigateTo({ url: '/packages/deputy/pages/intake/index' })} />
        <Cell label="清茶议事（纠纷调解）" arrow onClick={() => Taro.navigateTo({ url: '/packages/deputy/pages/mediation/index' })} />
      </View>
      <View className="lxq-workbench__tabs" data-testid="queue-tabs">
        {TABS.map((t) => (
          <View key={t.status} className={t.status === status ? 'lxq-workbench__tab lxq-workbench__tab--on' : 'lxq-workbench__tab'} onClick={() => setStatus(t.status)}>
            <Text className="lxq-workbench__label">{t.label}</Text>
            <Text className="lxq-workbench__count">{counts[t.status] ?? '-'}</Text>
          </View>
        ))}
      </View>
      <PagedList list={list} emptyTitle={tab.empty}>
        {(item) => (
          <AppealItem
            key={item._id}
            item={item}
            categoryName={dir.categoryName(item.category)}
            audience="deputy"
            onClick={() => Taro.navigateTo({ url: `/packages/deputy/pages/appeal/index?id=${item._id}` })}
          />
        )}
      </PagedList>
      <SubscribeCard keys={templatesFor('deputy')} />
    </>
  );
}

export default function Workbench() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  return (
    <Page>
      <RoleGate me={me} role="deputy" deniedTitle="仅代表可用">
        {(who) => <Queue me={who} />}
      </RoleGate>
    </Page>
  );
}
