import { Text, View } from '@tarojs/components';
import type { AppealListItem } from '../../../contracts/appeal';
import type { AppealStatus } from '../../../domain/appeals/lifecycle';
import type { Audience } from '../../../domain/appeals/deadlineWords';
import { formatDate } from '../../utils/format';
import { Deadline } from '../Deadline';
import './index.css';

const TONE: Partial<Record<AppealStatus, string>> = {
  replied: 'lxq-badge--warn',
  closed: 'lxq-badge--ok',
  rejected: 'lxq-badge--red',
};

/** The server's honest status words, coloured by status. */
export function StatusTag({ status, label }: { status: AppealStatus; label: string }) {
  return (
    <Text className={`lxq-badge lxq-status ${TONE[status] ?? ''}`} data-testid="status">
      {label}
    </Text>
  );
}

export function OverdueTag() {
  return <Text className="lxq-badge lxq-badge--red">已超期</Text>;
}

interface Props {
  item: AppealListItem;
  categoryName: string;
  /** Whose list: the deadline is worded for them (a deputy is asked to act, a resident told what to expect). */
  audience?: Audience;
  onClick: () => void;
}

export function AppealItem({ item, categoryName, audience = 'resident', onClick }: Props) {
  return (
    <View className="lxq-surface lxq-appeal" onClick={onClick} hoverClass="lxq-pressed" data-testid="appeal-item">
      <View className="lxq-spread">
        <Text className="lxq-appeal__category">{categoryName || '诉求'}</Text>
        <View className="lxq-appeal__tags">
          {item.overdue ? <OverdueTag /> : null}
          <StatusTag status={item.status} label={item.statusLabel} />
        </View>
      </View>
      <Text className="lxq-appeal__summary">{item.summary}</Text>
      <Deadline deadline={item.deadline} audience={audience} compact />
      <Text className="lxq-appeal__meta">
        {formatDate(item.createdAt)} 提交 · 编号 {item.trackingNo}
      </Text>
    </View>
  );
}
