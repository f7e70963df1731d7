import { Text, View } from '@tarojs/components';
import { RoleGate } from '../../../../components/RoleGate';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../../services/types';

export default function Workbench() {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  usePullToRefresh(me.reload);
  return (
    <View className="lxq-page">
      <RoleGate me={me} role="deputy" deniedTitle="仅代表可用">
        {(who) => (
          <>
            <Card title={`您好，${who.name || '代表'}`}>
              <Text className="lxq-muted">这里将汇集分派给您的群众诉求和待办事项。</Text>
            </Card>
            <Empty title="暂无待办" description="诉求处理功能正在建设中。" />
          </>
        )}
      </RoleGate>
    </View>
  );
}
