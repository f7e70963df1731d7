import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../utils/format';
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
    <View className="lxq-surface lxq-s__item" data-testid="staff-item" data-id={item._id}>
      <View className="lxq-spread">
        <Text className="lxq-s__no">{item.trackingNo}</Text>
        <View>
          {item.overdue ? <Text className="lxq-badge lxq-badge--red">已超期</Text> : null}
          <Text className="lxq-badge">{item.statusLabel}</Text>
        </View>
      </View>
      <Text className="lxq-s__summary">{item.summary}</Text>
      <Text className="lxq-s__meta">
        {[categoryName, communityName, `${formatDateTime(item.createdAt)} 提交`].filter(Boolean).join(' · ')}
        {item.assignee ? ` · 办理：${item.assignee}` : ''}
        {item.overdueAt ? ` · 超期于 ${formatDateTime(item.overdueAt)}` : ''}
      </Text>
      {item.contentCheck && item.contentCheck !== 'pass' ? <Text className="lxq-s__meta">{CONTENT_CHECK_LABEL[item.contentCheck]}</Text> : null}
      {children}
      <View className="lxq-s__buttons">
        <Text className="lxq-s__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.appeal}?id=${item._id}` })}>
          查看详情 ›
        </Text>
        <Text className="lxq-s__link" onClick={() => Taro.navigateTo({ url: `${ROUTES.history}?type=appeal&id=${item._id}&no=${item.trackingNo}` })} data-testid="open-history">
          操作记录 ›
        </Text>
      </View>
    </View>
  );
}
