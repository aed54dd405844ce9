// The API key lives in sessionStorage: it survives a reload, not the closing of the tab.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { ROLE_RANK, type Role, type WhoAmI } from '../api/types';

const STORAGE_KEY = 'incidentmesh.apiKey';
const IDENTITY_KEY = 'incidentmesh.identity';

interface Auth {
  key: string | null;
  identity: WhoAmI | null;
  login: (key: string) => Promise<void>;
  logout: () => void;
  can: (role: Role) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

function readIdentity(): WhoAmI | null {
  try {
    const raw = sessionStorage.getItem(IDENTITY_KEY);
    return raw ? (JSON.parse(raw) as WhoAmI) : null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(STORAGE_KEY));
  const [identity, setIdentity] = useState<WhoAmI | null>(() => (key ? readIdentity() : null));

  const login = useCallback(async (candidate: string) => {
    const trimmed = candidate.trim();
    // A key is valid exactly when the gateway says who it belongs to.
    const who = await api.whoami(trimmed);
    sessionStorage.setItem(STORAGE_KEY, trimmed);
    sessionStorage.setItem(IDENTITY_KEY, JSON.stringify(who));
    setKey(trimmed);
    setIdentity(who);
  }, []);

  const logout = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    sessionStorage.removeItem(IDENTITY_KEY);
    setKey(null);
    setIdentity(null);
  }, []);

  const value = useMemo<Auth>(
    () => ({
      key,
      identity,
      login,
      logout,
      can: (role: Role) => identity !== null && ROLE_RANK[identity.role] >= ROLE_RANK[role],
    }),
    [key, identity, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
