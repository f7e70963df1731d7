import { useCallback, useRef, useState } from 'react';
import { callCloud } from '../services/cloud';
import type { CloudEvent, Envelope } from '../services/types';

export interface Submit {
  /** A call is under way: buttons show loading, inputs are disabled. */
  sending: boolean;
  /** The last failure in words (the server's message), or what a local check said. */
  error: string | null;
  setError: (message: string | null) => void;
  /** A call is under way, known without waiting for a render (guards double taps). */
  busy: () => boolean;
  /** Calls the function unless a call is under way (then null); clears the error first, sets it on failure. */
  send: <T = unknown>(fn: string, event: CloudEvent) => Promise<Envelope<T> | null>;
}

/** One write at a time from a form or a button: the lock, the busy flag and the error it leaves. */
export function useSubmit(): Submit {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lock = useRef(false);
  const busy = useCallback(() => lock.current, []);
  const send = useCallback(async <T,>(fn: string, event: CloudEvent): Promise<Envelope<T> | null> => {
    if (lock.current) return null;
    lock.current = true;
    setSending(true);
    setError(null);
    const env = await callCloud<T>(fn, event);
    lock.current = false;
    setSending(false);
    if (!env.ok) setError(env.error.message);
    return env;
  }, []);
  return { sending, error, setError, busy, send };
}
