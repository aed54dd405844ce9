import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IncidentDetail, IncidentSummary } from '../api/types';
import { analysis, fakeGateway, loggedInAs } from '../test/fakeGateway';
import { renderPage } from '../test/render';
import { IncidentDetailPage } from './IncidentDetailPage';
import { IncidentsPage } from './IncidentsPage';

const summary = (id: string, overrides: Partial<IncidentSummary> = {}): IncidentSummary => ({
  id,
  title: `Incident ${id}`,
  status: 'open',
  severity: 'critical',
  service: 'orders',
  root_cause: 'database_unavailable',
  confidence: 0.8,
  alert_count: 2,
  created_at: '2026-11-29T10:00:00Z',
  updated_at: '2026-11-29T10:05:00Z',
  resolved_at: null,
  ...overrides,
});

describe('IncidentsPage', () => {
  it('applies filters as query parameters and pages with the cursor', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/incidents': ({ path }) =>
        path.includes('cursor=c2')
          ? { body: { items: [summary('inc-3')], next_cursor: null } }
          : { body: { items: [summary('inc-1'), summary('inc-2')], next_cursor: 'c2' } },
    });
    loggedInAs('viewer');
    renderPage(<IncidentsPage />);
    const table = await screen.findByTestId('incident-table');
    expect(within(table).getByRole('link', { name: 'Incident inc-1' })).toHaveAttribute('href', '/incidents/inc-1');

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'open');
    await userEvent.type(screen.getByLabelText('Service'), 'orders');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await screen.findByTestId('incident-table');
    expect(calls.at(-1)!.path).toBe('/api/v1/incidents?status=open&service=orders&limit=20');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'Incident inc-3' })).toBeInTheDocument();
    expect(calls.at(-1)!.path).toContain('cursor=c2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('link', { name: 'Incident inc-1' })).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    fakeGateway({ 'GET /api/v1/incidents': { body: { items: [], next_cursor: null } } });
    loggedInAs('viewer');
    renderPage(<IncidentsPage />);
    expect(await screen.findByText('No incidents match these filters.')).toBeInTheDocument();
  });
});

const detail = (): IncidentDetail => ({
  ...summary('inc-1'),
  grouping_reason: 'same service and alertname within 10 minutes',
  alerts: [
    {
      fingerprint: 'f1',
      status: 'firing',
      labels: { alertname: 'OrdersDbDown' },
      annotations: { summary: 'orders-db refuses connections' },
      starts_at: '2026-11-29T10:00:00Z',
      ends_at: null,
      source: 'alertmanager',
    },
  ],
  analysis: analysis(),
  ticket: null,
  timeline: [
    { at: '2026-11-29T10:00:00Z', kind: 'fired', detail: 'OrdersDbDown' },
    { at: '2026-11-29T10:00:02Z', kind: 'analyzed', detail: 'database_unavailable (82%)' },
  ],
});

describe('IncidentDetailPage', () => {
  it('shows alerts, grouping reason, timeline and analysis', async () => {
    fakeGateway({ 'GET /api/v1/incidents/inc-1': { body: detail() } });
    loggedInAs('viewer');
    renderPage(<IncidentDetailPage />, { at: '/incidents/inc-1', path: '/incidents/:id' });
    expect(await screen.findByRole('heading', { name: 'Incident inc-1' })).toBeInTheDocument();
    expect(screen.getByText('same service and alertname within 10 minutes')).toBeInTheDocument();
    expect(screen.getByText('OrdersDbDown', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByText('Alert fired')).toBeInTheDocument();
    expect(screen.getByTestId('root-cause-label')).toHaveTextContent('database_unavailable');
    // Viewers read; only operators give feedback.
    expect(screen.queryByTestId('feedback-form')).not.toBeInTheDocument();
  });

  it('sends a corrected root cause and the action that worked', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/incidents/inc-1': { body: detail() },
      'POST /api/v1/incidents/inc-1/feedback': { body: { root_cause: 'recorded' } },
    });
    loggedInAs('operator');
    renderPage(<IncidentDetailPage />, { at: '/incidents/inc-1', path: '/incidents/:id' });
    const form = await screen.findByTestId('feedback-form');
    await userEvent.type(within(form).getByLabelText('Corrected root cause'), 'network_partition');
    await userEvent.click(within(form).getByLabelText('Fail over to the replica'));
    await userEvent.type(within(form).getByLabelText('How it was resolved (optional)'), 'Moved traffic.');
    await userEvent.click(within(form).getByRole('button', { name: 'Submit feedback' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Feedback recorded');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({
      root_cause: 'network_partition',
      action_id: 'failover-db',
      action_succeeded: true,
      resolution: 'Moved traffic.',
    });
  });

  it('confirms the predicted root cause with one click', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/incidents/inc-1': { body: detail() },
      'POST /api/v1/incidents/inc-1/feedback': { body: { root_cause: 'recorded' } },
    });
    loggedInAs('operator');
    renderPage(<IncidentDetailPage />, { at: '/incidents/inc-1', path: '/incidents/:id' });
    const form = await screen.findByTestId('feedback-form');
    expect(within(form).getByLabelText(/Confirm/)).toBeChecked();
    await userEvent.click(within(form).getByRole('button', { name: 'Submit feedback' }));
    await within(form).findByRole('status');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ root_cause: 'database_unavailable' });
  });

  it('shows the problem when the incident does not exist', async () => {
    fakeGateway({ 'GET /api/v1/incidents/nope': { status: 404, body: { detail: "no incident 'nope'" } } });
    loggedInAs('viewer');
    renderPage(<IncidentDetailPage />, { at: '/incidents/nope', path: '/incidents/:id' });
    expect(await screen.findByRole('alert')).toHaveTextContent("no incident 'nope'");
  });
});
