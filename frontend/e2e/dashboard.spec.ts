// End to end against the real mesh: every stage is the real service with its real model.
import { expect, test } from '@playwright/test';
import { adminKey, api, baseUrl, login, screenshot } from './helpers';

test.beforeAll(async ({ request }) => {
  // Two shared cores run the whole mesh and the browser here: give each stage room so a slow
  // moment shows up as latency, not as a degraded answer that would make the test flaky.
  const response = await request.fetch(baseUrl() + '/api/v1/config', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${adminKey()}` },
    data: {
      deadlines: {
        log_analyzer: 15000,
        root_cause: 15000,
        knowledge_base: 15000,
        action_recommender: 15000,
        incident_integrator: 15000,
        overall: 30000,
      },
    },
  });
  expect(response.status()).toBe(200);
});


test('admin logs in and sees every service healthy on the overview', async ({ page }) => {
  await login(page, adminKey());
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const health = page.getByTestId('health-table');
  await expect(health.getByText('All services ready')).toBeVisible();
  for (const name of ['Log analyzer', 'Root-cause predictor', 'Knowledge base', 'Action recommender', 'Incident integrator'])
    await expect(health.getByRole('row', { name: new RegExp(name) })).toContainText('SERVING');
  await screenshot(page, 'overview');
});

test('a wrong key is refused at login', async ({ page }) => {
  await page.goto(baseUrl() + '/');
  await page.getByLabel('API key').fill('im_not-a-real-key');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('not accepted');
  await screenshot(page, 'login');
});

test('analyzing a canned incident shows root cause, actions and similar incidents', async ({ page }) => {
  await login(page, adminKey());
  await page.getByRole('link', { name: 'Analyze' }).click();
  await page.getByRole('button', { name: 'Load example' }).click();
  await page.getByRole('button', { name: 'Analyze', exact: true }).click();

  const rootCause = page.getByTestId('root-cause');
  await expect(rootCause).toBeVisible({ timeout: 60_000 });
  // The predictor either names a cause with a confidence bar or abstains explicitly.
  await expect(
    rootCause.getByTestId('root-cause-label').or(rootCause.getByText('Unknown — needs a human')),
  ).toBeVisible();
  await expect(page.getByText('Partial answer')).toHaveCount(0);
  await expect(page.getByTestId('recommended-actions').getByRole('checkbox').first()).toBeVisible();
  await expect(page.getByTestId('recommended-actions').locator('.badge[class*="risk-"]').first()).toBeVisible();
  await expect(page.getByTestId('similar-incidents').getByRole('listitem').first()).toBeVisible();
  await expect(page.getByTestId('similar-incidents').getByText('How it was resolved:').first()).toBeVisible();

  const anomalous = page.getByTestId('anomalous-line');
  expect(await anomalous.count()).toBeGreaterThan(0);
  const connectionRefused = anomalous.filter({ hasText: 'refused' }).first();
  await connectionRefused.hover();
  await expect(connectionRefused.getByRole('tooltip')).toBeVisible();
  await screenshot(page, 'analyze');
});

test('with the root-cause service unreachable the answer still comes, naming the degraded stage', async ({
  page,
  request,
}) => {
  const dead = process.env.E2E_DEAD_ROOT_CAUSE_ADDR;
  test.skip(!dead, 'needs the mesh started by global-setup (it allows a dead root-cause address)');
  const before = await api(request, 'GET', '/api/v1/config', adminKey());
  const original: string = (await before.json()).config.backends.root_cause;
  try {
    await login(page, adminKey());
    // Switch the backend the way an admin would: in Settings, from the allow-list.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Root-cause predictor' }).selectOption(dead!);
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    await page.getByRole('link', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: 'Load example' }).click();
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const degraded = page.getByRole('alert').filter({ hasText: 'Partial answer' });
    await expect(degraded).toContainText('Root-cause predictor');
    await expect(page.getByTestId('root-cause')).toContainText('The root-cause predictor did not answer.');
    await expect(page.getByTestId('similar-incidents').getByRole('listitem').first()).toBeVisible();
    expect(await page.getByTestId('anomalous-line').count()).toBeGreaterThan(0);
    await screenshot(page, 'analyze-degraded');
  } finally {
    const restored = await request.fetch(baseUrl() + '/api/v1/config', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${adminKey()}` },
      data: { backends: { root_cause: original } },
    });
    expect(restored.status()).toBe(200);
  }
});

test('the knowledge base finds a past incident and opens it', async ({ page }) => {
  await login(page, adminKey());
  await page.getByRole('link', { name: 'Knowledge base' }).click();
  await expect(page.getByTestId('kb-stats')).toContainText('documents');
  await page.getByLabel('Symptoms, error text or title').fill('database connection pool exhausted, requests time out');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('search-results');
  await expect(results.getByRole('listitem').first()).toBeVisible();
  await screenshot(page, 'knowledge-search');
  const first = results.locator('.hit-head a').first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await screenshot(page, 'knowledge-document');
});

test('the admin runs the self-test and sees per-stage timings', async ({ page }) => {
  await login(page, adminKey());
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByLabel('Whole answer')).toBeVisible();
  await expect(page.getByTestId('integrator-mode')).toContainText(/Dry run|Live/);
  await page.getByRole('button', { name: 'Run self-test' }).click();
  const result = page.getByTestId('selftest-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByRole('table')).toContainText('Log analyzer');
  await screenshot(page, 'settings');
});

test('a viewer cannot open settings or change the configuration', async ({ page, request }) => {
  const created = await api(request, 'POST', '/api/v1/keys', adminKey(), { name: 'e2e-viewer', role: 'viewer' });
  expect(created.status()).toBe(201);
  const viewerKey: string = (await created.json()).key;

  await login(page, viewerKey);
  await expect(page.getByTestId('identity')).toContainText('viewer');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Analyze' })).toHaveCount(0);
  await page.goto(baseUrl() + '/#/settings');
  await expect(page.getByTestId('forbidden')).toContainText('admin');
  await screenshot(page, 'viewer-settings-forbidden');

  const denied = await request.fetch(baseUrl() + '/api/v1/config', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${viewerKey}` },
    data: { similar_incidents: 1 },
  });
  expect(denied.status()).toBe(403);
});

test('an incident from the list opens and takes feedback', async ({ page, request }) => {
  const fingerprint = `e2e${Date.now().toString(16)}`;
  const delivered = await api(request, 'POST', '/api/v1/alerts/alertmanager', adminKey(), {
    version: '4',
    groupKey: `{}:{alertname="CheckoutDatabaseDown", service="checkout-e2e"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'incident-mesh',
    groupLabels: { alertname: 'CheckoutDatabaseDown', service: 'checkout-e2e' },
    commonLabels: { alertname: 'CheckoutDatabaseDown', service: 'checkout-e2e', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.local:9093',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'CheckoutDatabaseDown', service: 'checkout-e2e', severity: 'critical' },
        annotations: {
          summary: 'checkout cannot reach its database',
          description:
            'ERROR org.postgresql.util.PSQLException: Connection to orders-db:5432 refused.\n' +
            'ERROR HikariPool-1 - Connection is not available, request timed out after 30000ms.',
        },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.local/graph',
        fingerprint,
      },
    ],
  });
  expect(delivered.status()).toBe(202);

  await login(page, adminKey());
  await page.getByRole('link', { name: 'Incidents' }).click();
  await page.getByLabel('Service').fill('checkout-e2e');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const link = page.getByTestId('incident-table').getByRole('link').first();
  await expect(link).toBeVisible();
  await screenshot(page, 'incidents');
  await link.click();

  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByText('CheckoutDatabaseDown').first()).toBeVisible();
  const form = page.getByTestId('feedback-form');
  await form.getByLabel('Corrected root cause').fill('database_unavailable');
  await form.getByLabel('How it was resolved (optional)').fill('Restarted the database primary (e2e test).');
  await form.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(form.getByRole('status')).toContainText('Feedback recorded');
  // The gateway notes the feedback on the incident's timeline, which the page reloads.
  await expect(page.getByRole('heading', { name: 'Timeline' }).locator('..')).toContainText(
    'root cause confirmed as database_unavailable',
  );
  await screenshot(page, 'incident-detail');

  // The overview now counts it among the open incidents.
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { name: 'Open by severity' }).locator('..')).toContainText('critical');
  await expect(page.getByRole('figure', { name: 'Incidents opened and resolved per day' }).locator('svg').first()).toBeVisible();
  await screenshot(page, 'overview-with-incident');
});
