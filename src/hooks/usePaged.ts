import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientFunction, EventOf, PerFunction, ReplyOf } from '../services/api';
import { callCloud } from '../services/cloud';
import { CloudError, type LooseCallCloud } from '../services/gateway';
import { onIdentityChange } from '../services/identity';
import type { CloudEvent } from '../services/types';

export interface PageReply<T> {
  items: T[];
  nextCursor?: string;
}

export interface PagedState<T, P extends PageReply<T>> {
  /** All items loaded so far; undefined until the first page arrives. */
  items: T[] | undefined;
  /** The latest first-page reply (counts, unread…). */
  head: P | undefined;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  /** First-page error (AsyncView shows it). */
  error: CloudError | null;
  /** Error of the last "load more" (shown at the bottom, keeps what is loaded). */
  moreError: CloudError | null;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

interface Snap<T, P> {
  items: T[] | undefined;
  head: P | undefined;
  cursor: string | undefined;
  loading: boolean;
  loadingMore: boolean;
  error: CloudError | null;
  moreError: CloudError | null;
}

const initial = <T, P>(loading: boolean): Snap<T, P> => ({ items: undefined, head: undefined, cursor: undefined, loading, loadingMore: false, error: null, moreError: null });

function merge<T>(list: T[], more: T[]): T[] {
  const key = (x: T) => (x as { _id?: string })._id;
  const seen = new Set(list.map(key));
  return [...list, ...more.filter((x) => !seen.has(key(x)))];
}

type ItemOf<P> = P extends PageReply<infer T> ? T : never;

/** usePaged(fn, event): the event checked against the manifest, items and page typed by it (or explicit T, P). */
export type TypedUsePaged = PerFunction<{
  [F in ClientFunction]: {
    <E extends EventOf<F>>(fn: F, event: E | null): PagedState<ItemOf<ReplyOf<F, E>>, ReplyOf<F, E> & PageReply<ItemOf<ReplyOf<F, E>>>>;
    <T, P extends PageReply<T> = PageReply<T>>(fn: F, event: EventOf<F> | null): PagedState<T, P>;
  };
}>;

/**
 * Cursor paging over a cloud function action: `event` without the cursor; pass null to wait.
 * Reads retry once on network trouble; a failed "load more" keeps what is on screen.
 */
export const usePaged = usePagedCall as TypedUsePaged;

function usePagedCall<T, P extends PageReply<T> = PageReply<T>>(fn: string, event: CloudEvent | null): PagedState<T, P> {
  const key = event === null ? null : JSON.stringify(event);
  const [snap, setSnap] = useState<Snap<T, P>>(() => initial(key !== null));
  const seq = useRef(0);
  const mounted = useRef(true);
  const cursorRef = useRef<string | undefined>(undefined);
  const busyMore = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const first = useCallback(
    async (reset: boolean) => {
      if (key === null) return;
      const id = ++seq.current;
      busyMore.current = false;
      setSnap((s) => (reset ? initial<T, P>(true) : { ...s, loading: true, error: null }));
      const env = await (callCloud as LooseCallCloud)<P>(fn, JSON.parse(key) as CloudEvent, { retries: 1 });
      if (!mounted.current || id !== seq.current) return;
      if (env.ok) {
        cursorRef.current = env.data.nextCursor;
        setSnap({ items: env.data.items, head: env.data, cursor: env.data.nextCursor, loading: false, loadingMore: false, error: null, moreError: null });
      } else {
        setSnap((s) => ({ ...s, loading: false, error: CloudError.from(env.error) }));
      }
    },
    [fn, key],
  );

  useEffect(() => {
    void first(true);
  }, [first]);

  useEffect(() => onIdentityChange(() => void first(true)), [first]);

  const loadMore = useCallback(async () => {
    const cursor = cursorRef.current;
    if (key === null || !cursor || busyMore.current) return;
    busyMore.current = true;
    const id = seq.current;
    setSnap((s) => ({ ...s, loadingMore: true, moreError: null }));
    const env = await (callCloud as LooseCallCloud)<P>(fn, { ...(JSON.parse(key) as CloudEvent), cursor }, { retries: 1 });
    if (!mounted.current || id !== seq.current) return;
    busyMore.current = false;
    if (env.ok) {
      cursorRef.current = env.data.nextCursor;
      setSnap((s) => ({ ...s, items: merge(s.items ?? [], env.data.items), cursor: env.data.nextCursor, loadingMore: false }));
    } else {
      setSnap((s) => ({ ...s, loadingMore: false, moreError: CloudError.from(env.error) }));
    }
  }, [fn, key]);

  const reload = useCallback(() => first(false), [first]);

  return {
    items: snap.items,
    head: snap.head,
    hasMore: !!snap.cursor,
    loading: snap.loading,
    loadingMore: snap.loadingMore,
    error: snap.error,
    moreError: snap.moreError,
    reload,
    loadMore,
  };
}
