import { useRef, type ReactNode } from 'react';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { AsyncView } from '../../../components/AsyncView';
import { Empty } from '../../../components/Empty';
import { LoadMore } from '../../../components/LoadMore';
import { RoleGate } from '../../../components/RoleGate';
import { useCloud, type CloudState } from '../../../hooks/useCloud';
import type { PagedState, PageReply } from '../../../hooks/usePaged';
import { usePullToRefresh } from '../../../hooks/usePullToRefresh';
import type { WhoAmI } from '../../../services/types';

const WHOAMI = { action: 'whoami' };

export function useStaffMe(): CloudState<WhoAmI> & { isStaff: boolean } {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  return { ...me, isStaff: me.data?.role === 'staff' };
}

/** Whole-page gate: only staff see the content (the functions check the role again). */
export function StaffGate({ me, children }: { me: CloudState<WhoAmI>; children: (who: WhoAmI) => ReactNode }) {
  return (
    <View className="lxq-page">
      <RoleGate me={me} role="staff" deniedTitle="仅工作人员可用">
        {children}
      </RoleGate>
    </View>
  );
}

/** Pull to refresh, load more at the bottom, reload when coming back to the page. */
export function useListLifecycle(reload: () => Promise<unknown>, more?: { hasMore: boolean; moreError: unknown; loadMore: () => Promise<void> }): void {
  usePullToRefresh(reload);
  useReachBottom(() => {
    if (more && more.hasMore && !more.moreError) void more.loadMore();
  });
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}

interface QueueProps<T> {
  list: PagedState<T, PageReply<T>>;
  emptyTitle: string;
  emptyDescription?: string;
  filter?: (item: T) => boolean;
  children: (item: T) => ReactNode;
}

export function QueueList<T>({ list, emptyTitle, emptyDescription, filter, children }: QueueProps<T>) {
  return (
    <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
      {(items) => {
        const shown = filter ? items.filter(filter) : items;
        return shown.length === 0 && !list.hasMore ? (
          <Empty title={emptyTitle} description={emptyDescription} />
        ) : (
          <>
            {shown.map(children)}
            <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
          </>
        );
      }}
    </AsyncView>
  );
}
