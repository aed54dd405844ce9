// Hash routes: the gateway serves one index.html at /, so deep links must not need server routes.
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { Layout } from './components/Layout';
import { AnalyzePage } from './pages/AnalyzePage';
import { IncidentDetailPage } from './pages/IncidentDetailPage';
import { IncidentsPage } from './pages/IncidentsPage';
import { KnowledgeDocumentPage } from './pages/KnowledgeDocumentPage';
import { KnowledgePage } from './pages/KnowledgePage';
import { LoginPage } from './pages/LoginPage';
import { OverviewPage } from './pages/OverviewPage';
import { SettingsPage } from './pages/SettingsPage';
import type { Role } from './api/types';
import type { ReactNode } from 'react';

function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { can, identity } = useAuth();
  if (can(role)) return <>{children}</>;
  return (
    <section className="panel" role="alert" data-testid="forbidden">
      <h2>Not allowed</h2>
      <p>
        This page needs the <strong>{role}</strong> role; your key ({identity?.name}) has the{' '}
        <strong>{identity?.role}</strong> role.
      </p>
    </section>
  );
}

export function AppRoutes() {
  const { key, identity } = useAuth();
  if (!key || !identity) return <LoginPage />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<OverviewPage />} />
        <Route
          path="/analyze"
          element={
            <RequireRole role="operator">
              <AnalyzePage />
            </RequireRole>
          }
        />
        <Route path="/incidents" element={<IncidentsPage />} />
        <Route path="/incidents/:id" element={<IncidentDetailPage />} />
        <Route path="/knowledge" element={<KnowledgePage />} />
        <Route path="/knowledge/:id" element={<KnowledgeDocumentPage />} />
        <Route
          path="/settings"
          element={
            <RequireRole role="admin">
              <SettingsPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Layout>
  );
}

export function App() {
  return (
    <AuthProvider>
      <HashRouter>
        <AppRoutes />
      </HashRouter>
    </AuthProvider>
  );
}
