import { screen, within } from '@testing-library/react';
import { fakeGateway, loggedInAs } from '../test/fakeGateway';
import { renderPage } from '../test/render';
import { OverviewPage } from './OverviewPage';

describe('OverviewPage', () => {
  it('shows a degraded mesh with the failing service and its versions', async () => {
    fakeGateway({
      'GET /ready': {
        status: 503,
        body: {
          status: 'degraded',
          backends: {
            log_analyzer: { status: 'SERVING', latency_ms: 3.2, version: 'la-7' },
            knowledge_base: { status: 'UNREACHABLE', latency_ms: 1000, version: '' },
          },
        },
      },
      'GET /api/v1/incidents/stats': {
        body: {
          open_by_severity: { critical: 2 },
          open_by_root_cause: { database_unavailable: 2 },
          per_day: [{ day: '2026-11-29', opened: 2, resolved: 0 }],
          analysis_latency_ms: [{ at: '2026-11-29T10:00:00Z', ms: 420 }],
        },
      },
    });
    loggedInAs('viewer');
    renderPage(<OverviewPage />);
    const table = await screen.findByTestId('health-table');
    expect(within(table).getByText('Degraded')).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Knowledge base/ })).toHaveTextContent('UNREACHABLE');
    expect(within(table).getByRole('row', { name: /Log analyzer/ })).toHaveTextContent('la-7');
    expect(await screen.findByText('database_unavailable')).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Incidents opened and resolved per day' })).toBeInTheDocument();
  });

  it('keeps the health table when the incident statistics fail', async () => {
    fakeGateway({
      'GET /ready': { body: { status: 'ready', backends: {} } },
      'GET /api/v1/incidents/stats': { status: 502, body: { detail: 'incident store unavailable' } },
    });
    loggedInAs('viewer');
    renderPage(<OverviewPage />);
    expect(await screen.findByText('All services ready')).toBeInTheDocument();
    expect(await screen.findByRole('alert')).toHaveTextContent('incident store unavailable');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('says the gateway is unreachable instead of going blank', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    loggedInAs('viewer');
    renderPage(<OverviewPage />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('could not be reached');
  });
});
