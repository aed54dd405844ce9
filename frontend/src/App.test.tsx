import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { fakeGateway, loggedInAs } from './test/fakeGateway';

const READY = {
  status: 'ready',
  backends: { log_analyzer: { status: 'SERVING', latency_ms: 3, version: 'v1' } },
};

describe('login and role-aware navigation', () => {
  it('refuses a key the gateway does not know and keeps nothing', async () => {
    fakeGateway({ 'GET /api/v1/whoami': { status: 401, body: { detail: 'invalid API key' } } });
    render(<App />);
    await userEvent.type(screen.getByLabelText('API key'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('not accepted');
    expect(sessionStorage.getItem('incidentmesh.apiKey')).toBeNull();
  });

  it('stores an accepted key in sessionStorage and shows the pages for its role', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/whoami': { body: { name: 'ops', role: 'operator' } },
      'GET /ready': { body: READY },
    });
    render(<App />);
    await userEvent.type(screen.getByLabelText('API key'), ' im_secret ');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(sessionStorage.getItem('incidentmesh.apiKey')).toBe('im_secret');
    expect(calls[0].headers.Authorization).toBe('Bearer im_secret');
    expect(within(nav).getByRole('link', { name: 'Analyze' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
  });

  it('shows a viewer "not allowed" instead of settings, even by direct link', async () => {
    fakeGateway({ 'GET /ready': { body: READY } });
    loggedInAs('viewer');
    window.location.hash = '#/settings';
    render(<App />);
    expect(await screen.findByTestId('forbidden')).toHaveTextContent('needs the admin role');
    expect(screen.queryByRole('heading', { name: 'Settings' })).not.toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Analyze' })).not.toBeInTheDocument();
  });

  it('logs out when the stored key stops working', async () => {
    fakeGateway({
      'GET /ready': { body: READY },
      'GET /api/v1/incidents/stats': { status: 401, body: { detail: 'invalid API key' } },
    });
    loggedInAs('admin');
    render(<App />);
    expect(await screen.findByLabelText('API key')).toBeInTheDocument();
    expect(sessionStorage.getItem('incidentmesh.apiKey')).toBeNull();
  });
});

describe('error boundary', () => {
  it('keeps the navigation when a page throws while rendering', async () => {
    fakeGateway({
      'GET /ready': { body: { status: 'ready', backends: { log_analyzer: null } } },
      'GET /api/v1/incidents/stats': { body: { open_by_severity: {}, open_by_root_cause: {}, per_day: [], analysis_latency_ms: [] } },
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    loggedInAs('viewer');
    render(<App />);
    expect(await screen.findByText('This page failed to display')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});
