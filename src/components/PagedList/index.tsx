import type { ReactNode } from 'react';
import type { PagedState, PageReply } from '../../hooks/usePaged';
import { AsyncView } from '../AsyncView';
import { Empty } from '../Empty';
import { LoadMore } from '../LoadMore';

interface Props<T> {
  list: PagedState<T, PageReply<T>>;
  emptyTitle: string;
  emptyDescription?: string;
  /** Shown under the empty text (e.g. a button). */
  emptyAction?: ReactNode;
  /** Show only some of the loaded items (the rest stay loaded for paging). */
  filter?: (item: T) => boolean;
  children: (item: T) => ReactNode;
}

/** A cursor-paged list (usePaged): loading / error, the empty state, the items and "load more" at the bottom. */
export function PagedList<T>({ list, emptyTitle, emptyDescription, emptyAction, filter, children }: Props<T>) {
  return (
    <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
      {(items) => {
        const shown = filter ? items.filter(filter) : items;
        return shown.length === 0 && !list.hasMore ? (
          <Empty title={emptyTitle} description={emptyDescription}>
            {emptyAction}
          </Empty>
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
