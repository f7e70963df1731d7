import type { ReactNode } from 'react';
import { Loading } from '../Loading';
import { ErrorRetry } from '../ErrorRetry';

interface Props<T> {
  data: T | undefined;
  error: { message: string; code?: string } | null;
  loading: boolean;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** The one place that turns loading / error / data into UI. */
export function AsyncView<T>({ data, error, loading, onRetry, children }: Props<T>) {
  if (data === undefined) {
    if (error && !loading) return <ErrorRetry message={error.message} code={error.code} onRetry={onRetry} />;
    return <Loading />;
  }
  return (
    <>
      {error && !loading ? <ErrorRetry compact message={error.message} onRetry={onRetry} /> : null}
      {children(data)}
    </>
  );
}
