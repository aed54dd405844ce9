import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from '../auth/AuthContext';

/** Renders a page inside the providers, at a route (with params when `path` has them). */
export function renderPage(element: ReactElement, { at = '/', path = '*' }: { at?: string; path?: string } = {}) {
  return render(
    <AuthProvider>
      <MemoryRouter initialEntries={[at]}>
        <Routes>
          <Route path={path} element={element} />
        </Routes>
      </MemoryRouter>
    </AuthProvider>,
  );
}
