// Loading, empty and error states: every panel shows one of them instead of going blank.
import type { ReactNode } from 'react';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load this.</strong> <span>{error.message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Renders loading/error/empty for a loaded value, else the children with the data. */
export function Async<T>({
  data,
  error,
  loading,
  reload,
  empty,
  isEmpty,
  children,
}: {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload?: () => void;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (error && data === undefined) return <ErrorNote error={error} onRetry={reload} />;
  if (data === undefined) return loading ? <Loading /> : null;
  if (isEmpty?.(data)) return <Empty>{empty ?? 'Nothing here yet.'}</Empty>;
  return <>{children(data)}</>;
}
