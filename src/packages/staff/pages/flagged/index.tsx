import { Text } from '@tarojs/components';
import { formatDateTime } from '../../../../utils/format';
import { AppealQueue } from '../../components/AppealRow';
import { StaffGate, useStaffQueue } from '../../../../components/staff/Staff';
import type { StaffAppealItem } from '../../types';
import '../../../../components/staff/staff.css';

const QUEUE = { action: 'flagged' as const };

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export default function FlaggedList() {
  const { me, list } = useStaffQueue<StaffAppealItem>('staff', QUEUE);

  return (
    <StaffGate me={me}>
      {() => (
        <>
          <Text className="lxq-staff__muted lxq-staff__intro">
            在云开发控制台直接修改诉求记录（<Text data-code>staffDecision</Text> 等字段）但未能生效的，会列在这里。请按原因修正后重新填写，或在小程序里处理。
          </Text>
          <AppealQueue list={list} emptyTitle="没有未生效的控制台修改" emptyDescription="控制台修改都已按规则处理。">
            {(item) =>
              item.consoleError ? (
                <Text className="lxq-staff__warn" data-testid="console-error">
                  未生效：{item.consoleError.reason}
                  {'\n'}填写的值：{shown(item.consoleError.value)} · {formatDateTime(item.consoleError.at)}
                </Text>
              ) : null
            }
          </AppealQueue>
        </>
      )}
    </StaffGate>
  );
}
