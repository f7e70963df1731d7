import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClientFunction, EventOf, PerFunction, ReplyOf } from '../services/api';
import { callCloud } from '../services/cloud';
import { CloudError, type CallOptions, type LooseCallCloud } from '../services/gateway';
import { onIdentityChange } from '../services/identity';
import type { CloudEvent } from '../services/types';

export interface CloudState<T> {
  data: T | undefined;
  error: CloudError | null;
  loading: boolean;
  /** Calls again; never rejects (errors land in `error`). */
  reload: () => Promise<void>;
}

interface Snapshot<T> {
  data: T | undefined;
  error: CloudError | null;
  loading: boolean;
}

/** useCloud(fn, event): the event checked against the manifest, the data typed by it (or an explicit T). */
export type TypedUseCloud = PerFunction<{
  [F in ClientFunction]: {
    <E extends EventOf<F>>(fn: F, event: E | null, options?: CallOptions): CloudState<ReplyOf<F, E>>;
    <T>(fn: F, event: EventOf<F> | null, options?: CallOptions): CloudState<T>;
  };
}>;

/**
 * Calls a cloud function on mount (React effect, so it also runs in tests) and whenever
 * fn/event change or the dev identity switches. Pass event = null to skip the call.
 */
export const useCloud = useCloudCall as TypedUseCloud;

function useCloudCall<T>(fn: string, event: CloudEvent | null = {}, options: CallOptions = {}): CloudState<T> {
  const key = event === null ? null : JSON.stringify(event);
  const [snap, setSnap] = useState<Snapshot<T>>({ data: undefined, error: null, loading: event !== null });
  const seq = useRef(0);
  const mounted = useRef(true);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const run = useCallback(
    async (reset: boolean) => {
      if (key === null) return;
      const id = ++seq.current;
      setSnap((s) => ({ data: reset ? undefined : s.data, error: null, loading: true }));
      // Reads are safe to retry once on network trouble.
      const env = await (callCloud as LooseCallCloud)<T>(fn, JSON.parse(key) as CloudEvent, { retries: 1, ...optionsRef.current });
      if (!mounted.current || id !== seq.current) return; // unmounted or superseded
      if (env.ok) setSnap({ data: env.data, error: null, loading: false });
      else setSnap((s) => ({ data: s.data, error: CloudError.from(env.error), loading: false }));
    },
    [fn, key],
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    void run(true);
  }, [run]);

  // Another dev identity means other data: drop what we have and load again.
  useEffect(() => onIdentityChange(() => void run(true)), [run]);

  const reload = useCallback(() => run(false), [run]);
  return { ...snap, reload };
}
