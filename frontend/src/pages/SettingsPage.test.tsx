import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { analysis, fakeGateway, loggedInAs } from '../test/fakeGateway';
import { renderPage } from '../test/render';
import { SettingsPage } from './SettingsPage';

const CONFIG = {
  config: {
    deadlines: {
      log_analyzer: 1500,
      root_cause: 1500,
      knowledge_base: 1500,
      action_recommender: 800,
      incident_integrator: 1000,
      overall: 2500,
    },
    similar_incidents: 5,
    recommended_actions: 3,
    min_similarity: 0,
    ticketing_enabled: true,
    backends: { log_analyzer: 'a:1' },
  },
  allowed_backends: { log_analyzer: ['a:1', 'b:1'] },
};

function gateway(extra = {}) {
  return fakeGateway({
    'GET /api/v1/config': { body: CONFIG },
    'GET /api/v1/keys': { body: [{ id: 'k1', name: 'admin', role: 'admin', source: 'file' }] },
    'GET /api/v1/integrator/stats': {
      body: { dry_run: true, tickets_by_status: { open: '2' }, outbox_depth: '0', failed_count: '1' },
    },
    ...extra,
  });
}

describe('SettingsPage', () => {
  it('saves a changed deadline, ticketing mode and backend as one partial update', async () => {
    const { calls } = gateway({ 'PUT /api/v1/config': ({ body }: { body: unknown }) => ({ body: { ...CONFIG, ...(body as object) } }) });
    loggedInAs('admin');
    renderPage(<SettingsPage />);
    const deadline = await screen.findByLabelText('Root-cause predictor', { selector: 'input' });
    await userEvent.clear(deadline);
    await userEvent.type(deadline, '3000');
    await userEvent.click(screen.getByLabelText(/File and update tickets/));
    await userEvent.selectOptions(screen.getByLabelText('Log analyzer', { selector: 'select' }), 'b:1');
    await userEvent.click(screen.getByRole('button', { name: 'Save configuration' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({
      deadlines: { root_cause: 3000, overall: 2500 },
      ticketing_enabled: false,
      backends: { log_analyzer: 'b:1' },
    });
  });

  it('shows the integrator mode and outbox', async () => {
    gateway();
    loggedInAs('admin');
    renderPage(<SettingsPage />);
    expect(await screen.findByTestId('integrator-mode')).toHaveTextContent('Dry run');
    expect(screen.getByText('open: 2')).toBeInTheDocument();
  });

  it('creates a key and shows it once', async () => {
    const { calls } = gateway({
      'POST /api/v1/keys': { status: 201, body: { id: 'k2', name: 'ci', role: 'viewer', key: 'im_secret_once' } },
    });
    loggedInAs('admin');
    renderPage(<SettingsPage />);
    await userEvent.type(await screen.findByLabelText('Name'), 'ci');
    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByTestId('new-key')).toHaveTextContent('im_secret_once');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'ci', role: 'viewer' });
  });

  it('runs the self-test and lists each stage with its time', async () => {
    gateway({
      'POST /api/v1/selftest': {
        body: {
          ok: false,
          analysis: analysis({ degraded: [{ stage: 'knowledge_base', reason: 'UNAVAILABLE' }] }),
          timings: { log_analyzer: 12.5, knowledge_base: 3.25, total: 40.1 },
        },
      },
    });
    loggedInAs('admin');
    renderPage(<SettingsPage />);
    await userEvent.click(screen.getByRole('button', { name: 'Run self-test' }));
    const result = await screen.findByTestId('selftest-result');
    expect(within(result).getByText('Some stages failed')).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: /Knowledge base 3.3/ })).toBeInTheDocument();
    expect(within(result).getByRole('row', { name: /Total 40.1/ })).toBeInTheDocument();
    expect(within(result).getByRole('alert')).toHaveTextContent('Knowledge base: UNAVAILABLE');
  });
});
