import { useRef } from 'react';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from './usePullToRefresh';

/**
 * Coming back to the page (from a detail page, a form, a notification) loads it again; the first show
 * does not (the data is loading already).
 */
export function useReloadOnShow(reload: () => Promise<unknown>): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}

export interface MoreSource {
  hasMore: boolean;
  moreError: unknown;
  loadMore: () => Promise<void>;
}

/** Reaching the bottom loads the next page; after a failed attempt LoadMore offers the retry instead. */
export function useLoadMoreAtBottom(more?: MoreSource): void {
  useReachBottom(() => {
    if (more && more.hasMore && !more.moreError) void more.loadMore();
  });
}

/** A list page: pull to refresh, load more at the bottom, reload when coming back to the page. */
export function useListLifecycle(reload: () => Promise<unknown>, more?: MoreSource): void {
  usePullToRefresh(reload);
  useLoadMoreAtBottom(more);
  useReloadOnShow(reload);
}
