import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { BallotSummary } from '../../../../../contracts/ballot';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { useListLifecycle } from '../../../../hooks/usePageLifecycle';
import { BALLOT_STATUS_LABEL, ELECTORATE_LABEL, timeLeft } from '../../../../pages/ballots/ballot';
import { StaffGate, useStaffMe } from '../../../../components/staff/Staff';
import { STAFF_ROUTES as ROUTES } from '../../../../components/staff/routes';
import { Btn } from '../../../../components/Btn';
import '../../../../components/staff/staff.css';

const LIST = { action: 'list' as const };

export default function BallotAdminList() {
  const me = useStaffMe();
  const list = useCloud<BallotSummary[]>('ballot', LIST);
  useListLifecycle(() => Promise.all([me.reload(), list.reload()]));
  return (
    <StaffGate me={me}>
      {() => (
        <>
          <View className="lxq-actions">
            <Btn tone="primary" onClick={() => Taro.navigateTo({ url: ROUTES.ballotNew })} testId="new-ballot">
              新建票决
            </Btn>
          </View>
          <AsyncView data={list.data} error={list.error} loading={list.loading} onRetry={list.reload}>
            {(ballots) =>
              ballots.length === 0 ? (
                <Empty title="暂无票决" description="点上方「新建票决」创建一次票决。" />
              ) : (
                <>
                  {ballots.map((b) => (
                    <Card
                      key={b._id}
                      title={b.title}
                      extra={<Text className={b.status === 'open' ? 'lxq-badge lxq-badge--red' : 'lxq-badge'}>{BALLOT_STATUS_LABEL[b.status]}</Text>}
                      onClick={() => Taro.navigateTo({ url: `${ROUTES.ballot}?id=${b._id}` })}
                    >
                      <View data-testid="admin-ballot">
                        <Text className="lxq-staff__meta">
                          {ELECTORATE_LABEL[b.electorate]} · {b.candidateCount} 个候选项目 · {timeLeft(b)}
                        </Text>
                      </View>
                    </Card>
                  ))}
                </>
              )
            }
          </AsyncView>
        </>
      )}
    </StaffGate>
  );
}
