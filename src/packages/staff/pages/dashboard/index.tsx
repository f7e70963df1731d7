import { Text, View } from '@tarojs/components';
import { RoleGate } from '../../../../components/RoleGate';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../../services/types';

export default function Dashboard() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  usePullToRefresh(me.reload);
  return (
    <View className="lxq-page">
      <RoleGate me={me} role="staff" deniedTitle="仅工作人员可用">
        {(who) => (
          <>
            <Card title={`您好，${who.name || '工作人员'}`}>
              <Text className="lxq-muted">这里将用于诉求分派、进度跟踪和票决管理。</Text>
            </Card>
            <Empty title="暂无待处理事项" description="工作人员后台正在建设中。" />
          </>
        )}
      </RoleGate>
    </View>
  );
}
