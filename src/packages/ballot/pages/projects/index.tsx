import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Chips } from '../../../../components/Chips';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { formatWan, PROJECT } from '../../../../pages/ballots/ballot';
import { ProgressBar } from '../../components/Progress';
import { PROJECT_STATUS_LABEL, type Project, type ProjectStatus } from '../../labels';
import '../../ballot.css';
import './index.css';

const LIST = { action: 'list' as const };
type Filter = ProjectStatus | 'all';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'delivering', label: '实施中' },
  { value: 'delivered', label: '已完工' },
  { value: 'candidate', label: '候选' },
];
// Delivery first: that is what people come here to follow.
const ORDER: Record<ProjectStatus, number> = { delivering: 0, delivered: 1, candidate: 2 };

export default function Projects() {
  const list = useCloud<Project[]>('project', LIST);
  const dir = useDirectory();
  const [filter, setFilter] = useState<Filter>('all');
  usePullToRefresh(list.reload);
  const shown = useMemo(
    () => (list.data ? [...list.data].filter((p) => filter === 'all' || p.status === filter).sort((a, b) => ORDER[a.status] - ORDER[b.status]) : undefined),
    [list.data, filter],
  );

  return (
    <Page>
      <View className="lxq-projects__filter">
        <Chips options={FILTERS} value={filter} onChange={setFilter} />
      </View>
      <AsyncView data={shown} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="暂无项目" description={filter === 'all' ? '民生实事项目确定后，实施进度会在这里公开。' : '这一类暂时没有项目。'} />
          ) : (
            <>
              {items.map((p) => (
                <Card
                  key={p._id}
                  title={p.title}
                  extra={<Text className={p.status === 'delivered' ? 'lxq-badge lxq-badge--ok' : p.status === 'delivering' ? 'lxq-badge lxq-badge--warn' : 'lxq-badge'}>{PROJECT_STATUS_LABEL[p.status]}</Text>}
                  onClick={() => Taro.navigateTo({ url: `${PROJECT}?id=${p._id}` })}
                >
                  <View data-testid="project-item">
                    <Text className="lxq-ballot-page__muted">
                      {[p.cost !== null ? `预算 ${formatWan(p.cost)}` : '', p.communityId ? dir.communityName(p.communityId) : ''].filter(Boolean).join(' · ')}
                    </Text>
                    {p.status !== 'candidate' ? (
                      <>
                        <ProgressBar percent={p.percent} />
                        <Text className="lxq-ballot-page__muted">
                          进度 {p.percent}%{p.milestones.length ? ` · ${p.milestones[p.milestones.length - 1].milestone}` : ''}
                        </Text>
                      </>
                    ) : null}
                  </View>
                </Card>
              ))}
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
