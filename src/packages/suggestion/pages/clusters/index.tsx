import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { AsyncView } from '../../../../components/AsyncView';
import { Btn } from '../../../../components/Btn';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { Page } from '../../../../components/Page';
import { useCloud } from '../../../../hooks/useCloud';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../../services/types';
import { ProposeForm } from '../../components/ProposeForm';
import { FN, type ClusterView } from '../../labels';
import '../../../../styles/sheet.css';
import '../../suggestion.css';

const CLUSTERS = { action: 'clusters' as const };
const WHOAMI = { action: 'whoami' as const };

function Clusters() {
  const clusters = useCloud<ClusterView[]>(FN, CLUSTERS);
  usePullToRefresh(clusters.reload);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <AsyncView data={clusters.data} error={clusters.error} loading={clusters.loading} onRetry={clusters.reload}>
      {(list) =>
        list.length === 0 ? (
          <Empty title="暂时没有相似的诉求" description="同一社区或站点片区、同一类别、内容相近的诉求会在这里归为一组。" />
        ) : (
          <>
            <Text className="lxq-suggestion__intro">系统按同一社区或片区、同一类别、位置相近、文字相似，把诉求归为一组。可以把一组诉求形成一条代表建议。</Text>
            {list.map((c) => (
              <Card key={c.key} title={<Text className="lxq-badge">{`${c.categoryName} · ${c.appeals.length} 件`}</Text>} extra={<Text className="lxq-sheet__meta">{c.communityNames.join('、')}</Text>}>
                <View data-testid="cluster">
                  {c.appeals.map((a) => (
                    <Text key={a._id} className="lxq-suggestion__text">{`${a.summary}（${a.statusLabel}${a.supporters > 0 ? `，${a.supporters} 人也遇到` : ''}）`}</Text>
                  ))}
                  <Text className="lxq-sheet__meta">{`为什么归为一组：${c.reasons[0] ?? ''}`}</Text>
                  {open === c.key ? (
                    <ProposeForm cluster={c} onCancel={() => setOpen(null)} />
                  ) : (
                    <View className="lxq-suggestion__buttons">
                      <Btn tone="primary" size="small" onClick={() => setOpen(c.key)} testId="propose">形成代表建议</Btn>
                    </View>
                  )}
                </View>
              </Card>
            ))}
          </>
        )
      }
    </AsyncView>
  );
}

/** Deputies and staff: proposed clusters of similar appeals, each a possible formal suggestion. */
export default function ClustersPage() {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  return (
    <Page>
      <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
        {(who) => (who.role === 'deputy' || who.role === 'staff' ? <Clusters /> : <Empty title="仅代表和工作人员可用" description="代表和街道工作人员在这里把相似诉求形成代表建议。" />)}
      </AsyncView>
    </Page>
  );
}
