import { useCallback, useRef, useState } from 'react';
import type { ClientFunction, EventOf, PerFunction, ReplyOf } from '../services/api';
import { callCloud } from '../services/cloud';
import type { LooseCallCloud } from '../services/gateway';
import type { CloudEvent, Envelope } from '../services/types';

/** send(fn, event): the event checked against the manifest, the answer typed by it (or an explicit T). */
export type TypedSend = PerFunction<{
  [F in ClientFunction]: {
    <E extends EventOf<F>>(fn: F, event: E): Promise<Envelope<ReplyOf<F, E>> | null>;
    <T = unknown>(fn: F, event: EventOf<F>): Promise<Envelope<T> | null>;
  };
}>;

export interface Submit {
  /** A call is under way: buttons show loading, inputs are disabled. */
  sending: boolean;
  /** The last failure in words (the server's message), or what a local check said. */
  error: string | null;
  setError: (message: string | null) => void;
  /** A call is under way, known without waiting for a render (guards double taps). */
  busy: () => boolean;
  /** Calls the function unless a call is under way (then null); clears the error first, sets it on failure. */
  send: TypedSend;
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
    const env = await (callCloud as LooseCallCloud)<T>(fn, event);
    lock.current = false;
    setSending(false);
    if (!env.ok) setError(env.error.message);
    return env;
  }, []);
  return { sending, error, setError, busy, send: send as TypedSend };
}
