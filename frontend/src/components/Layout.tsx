import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import type { Role } from '../api/types';
import { ErrorBoundary } from './ErrorBoundary';

const LINKS: { to: string; label: string; role: Role }[] = [
  { to: '/', label: 'Overview', role: 'viewer' },
  { to: '/analyze', label: 'Analyze', role: 'operator' },
  { to: '/incidents', label: 'Incidents', role: 'viewer' },
  { to: '/knowledge', label: 'Knowledge base', role: 'viewer' },
  { to: '/settings', label: 'Settings', role: 'admin' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { identity, logout, can } = useAuth();
  const location = useLocation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Incident Mesh</span>
        <nav aria-label="Main">
          <ul>
            {LINKS.filter((l) => can(l.role)).map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.to === '/'}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span data-testid="identity">
            {identity?.name} <span className="badge tone-neutral">{identity?.role}</span>
          </span>
          <button type="button" className="link-button" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>{children}</ErrorBoundary>
      </main>
    </div>
  );
}
