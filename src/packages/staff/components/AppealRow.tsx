import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PagedList } from '../../../components/PagedList';
import { useDirectory } from '../../../hooks/useDirectory';
import type { PagedState, PageReply } from '../../../hooks/usePaged';
import { formatDateTime } from '../../../utils/format';
import { Deadline } from '../../../components/Deadline';
import { CONTENT_CHECK_LABEL, ROUTES, type StaffAppealItem } from '../types';

interface Props {
  item: StaffAppealItem;
  categoryName: string;
  communityName: string;
  children?: ReactNode;
}

/** An appeal as staff see it in the queues, with links to its detail and its audit history. */
export function AppealRow({ item, categoryName, communityName, children }: Props) {
  return (
    <View className="lxq-surface lxq-staff__item" data-testid="staff-item" data-id={item._id}>
      <View className="lxq-spread">
        <Text className="lxq-staff__tracking-no">{item.trackingNo}</Text>
        <View className="lxq-staff__badges">
          {item.overdue ? <Text className="lxq-badge lxq-badge--red">已超期</Text> : null}
          <Text className="lxq-badge">{item.statusLabel}</Text>
        </View>
      </View>
      <Text className="lxq-staff__summary">{item.summary}</Text>
      <Text className="lxq-staff__meta">
        {[categoryName, communityName, `${formatDateTime(item.createdAt)} 提交`].filter(Boolean).join(' · ')}
        {item.assignee ? ` · 办理：${item.assignee}` : ''}
        {item.overdueAt ? ` · ${formatDateTime(item.overdueAt)} 列入督办` : ''}
      </Text>
      <Deadline deadline={item.deadline} audience="staff" compact />
      {item.heldBecause ? (
        <Text className="lxq-staff__held" data-testid="held-because">
          待审核原因：{item.heldBecause}
        </Text>
      ) : null}
      {item.contentCheck && item.contentCheck !== 'pass' && !item.heldBecause ? <Text className="lxq-staff__meta">{CONTENT_CHECK_LABEL[item.contentCheck] ?? '内容安全检查未完成'}</Text> : null}
      {children}
      <View className="lxq-staff__buttons">
        <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.appeal}?id=${item._id}` })}>
          查看详情 ›
        </Text>
        <Text className="lxq-staff__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=appeal&id=${item._id}&no=${item.trackingNo}` })} data-testid="open-history">
          操作记录 ›
        </Text>
      </View>
    </View>
  );
}

interface QueueProps {
  list: PagedState<StaffAppealItem, PageReply<StaffAppealItem>>;
  emptyTitle: string;
  emptyDescription?: string;
  filter?: (item: StaffAppealItem) => boolean;
  /** What goes under each row (its buttons, a warning). */
  children?: (item: StaffAppealItem) => ReactNode;
}

/** A paged staff queue of appeals, each row with its category and community by name. */
export function AppealQueue({ list, emptyTitle, emptyDescription, filter, children }: QueueProps) {
  const dir = useDirectory();
  return (
    <PagedList list={list} emptyTitle={emptyTitle} emptyDescription={emptyDescription} filter={filter}>
      {(item) => (
        <AppealRow key={item._id} item={item} categoryName={dir.categoryName(item.category)} communityName={dir.communityName(item.communityId)}>
          {children?.(item)}
        </AppealRow>
      )}
    </PagedList>
  );
}
