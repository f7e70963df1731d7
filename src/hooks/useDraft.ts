import { useCallback, useEffect, useRef, useState } from 'react';
import { readStorage, removeStorage, writeStorage } from '../utils/storage';

export interface DraftState<T> {
  value: T;
  set: (patch: Partial<T>) => void;
  /** The form was sent: forget the draft and start from `fresh` (default: the initial value). */
  clear: (fresh?: T) => void;
  /** Sent, but the form stays on screen (a dialog the caller closes): drop the stored copy, keep what is shown. */
  forget: () => void;
  /** A draft with something typed in it was restored when the form opened. */
  restored: boolean;
  dismissRestored: () => void;
}

/**
 * What a form holds, kept in storage while it is being filled in (debounced, and once more when the page
 * goes), so leaving the page, a reload or a failed send loses nothing — as the appeal form does.
 * `key` names the form and what it is about (e.g. `lxq.draft.reply.<appealId>`); `isEmpty` says when there is
 * nothing worth keeping (then nothing is stored).
 */
export function useDraft<T extends Record<string, unknown>>(key: string, initial: T, isEmpty: (v: T) => boolean): DraftState<T> {
  const [state, setState] = useState(() => {
    const raw = readStorage(key);
    const stored = raw && typeof raw === 'object' ? ({ ...initial, ...(raw as Partial<T>) } as T) : null;
    const usable = stored && Object.keys(initial).every((k) => typeof stored[k] === typeof initial[k]) ? stored : null;
    return { value: usable ?? initial, restored: !!usable && !isEmpty(usable) };
  });
  const latest = useRef(state.value);
  latest.current = state.value;
  const emptyRef = useRef(isEmpty);
  emptyRef.current = isEmpty;
  const done = useRef(false);
  const initialRef = useRef(initial);

  const persist = useCallback(
    (v: T) => {
      if (emptyRef.current(v)) removeStorage(key);
      else writeStorage(key, v);
    },
    [key],
  );

  useEffect(() => {
    if (done.current) return;
    const t = setTimeout(() => {
      if (!done.current) persist(state.value);
    }, 300);
    return () => clearTimeout(t);
  }, [state.value, persist]);
  useEffect(
    () => () => {
      if (!done.current) persist(latest.current);
    },
    [persist],
  );

  const set = useCallback((patch: Partial<T>) => {
    done.current = false;
    setState((s) => ({ ...s, value: { ...s.value, ...patch } }));
  }, []);
  const clear = useCallback(
    (fresh?: T) => {
      removeStorage(key);
      const next = fresh ?? initialRef.current;
      latest.current = next;
      // Sent: a debounced save still pending must not write the old text back (appeal form lesson).
      done.current = true;
      setState({ value: next, restored: false });
    },
    [key],
  );
  const forget = useCallback(() => {
    removeStorage(key);
    done.current = true;
  }, [key]);
  const dismissRestored = useCallback(() => setState((s) => ({ ...s, restored: false })), []);
  return { value: state.value, set, clear, forget, restored: state.restored, dismissRestored };
}
