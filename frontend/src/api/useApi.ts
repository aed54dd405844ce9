// Loads data for a page: loading / error / data, a reload function, and a logout on 401.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';
import { useAuth } from '../auth/AuthContext';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(load: (key: string | null) => Promise<T>, deps: unknown[]): Loaded<T> {
  const { key, logout } = useAuth();
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    loadRef.current(key).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 401) logout();
        setState({ error, loading: false });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick, ...deps]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
