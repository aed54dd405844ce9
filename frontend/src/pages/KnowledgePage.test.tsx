import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeGateway, loggedInAs } from '../test/fakeGateway';
import { renderPage } from '../test/render';
import { KnowledgeDocumentPage } from './KnowledgeDocumentPage';
import { KnowledgePage } from './KnowledgePage';

const STATS = {
  document_count: '245',
  chunk_count: '335',
  documents_by_kind: { incident: '224', runbook: '21' },
  index_type: 'flat',
  embedding_model: 'all-MiniLM-L6-v2',
  dimension: 384,
  index_version: 'abc',
};

describe('KnowledgePage', () => {
  it('searches with filters and lists the hits', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/knowledge/stats': { body: STATS },
      'POST /api/v1/search': {
        body: [
          {
            id: 'RB-db',
            kind: 'runbook',
            title: 'Database unavailable',
            summary: 'When connections are refused.',
            resolution: '',
            score: 0.76,
            root_cause: 'database_unavailable',
            service: '',
            section: 'Overview',
            links: [],
          },
        ],
      },
    });
    loggedInAs('viewer');
    renderPage(<KnowledgePage />);
    expect(await screen.findByTestId('kb-stats')).toHaveTextContent('245 documents (224 incidents, 21 runbooks)');
    await userEvent.type(screen.getByLabelText('Symptoms, error text or title'), 'connection refused');
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'runbook');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByTestId('search-results');
    expect(within(results).getByRole('link', { name: 'Database unavailable' })).toHaveAttribute('href', '/knowledge/RB-db');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      query: 'connection refused',
      top_k: 10,
      filters: { kind: 'runbook', services: [] },
    });
    // Viewers cannot add documents.
    expect(screen.queryByText('Add a past incident or runbook')).not.toBeInTheDocument();
  });

  it('adds a past incident for an operator', async () => {
    const { calls } = fakeGateway({
      'GET /api/v1/knowledge/stats': { body: STATS },
      'POST /api/v1/knowledge/documents': { status: 201, body: { id: 'doc-9', created: true } },
    });
    loggedInAs('operator');
    renderPage(<KnowledgePage />);
    await userEvent.click(await screen.findByText('Add a past incident or runbook'));
    await userEvent.type(screen.getByLabelText('Title'), 'Cache stampede on catalog');
    await userEvent.type(screen.getByLabelText('Resolution'), 'Added request coalescing.');
    await userEvent.type(screen.getByLabelText('Links (space-separated)'), 'https://a.example https://b.example');
    await userEvent.click(screen.getByRole('button', { name: 'Add document' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({
      kind: 'incident',
      title: 'Cache stampede on catalog',
      resolution: 'Added request coalescing.',
      links: ['https://a.example', 'https://b.example'],
    });
  });
});

describe('KnowledgeDocumentPage', () => {
  it('shows a runbook with its sections', async () => {
    fakeGateway({
      'GET /api/v1/knowledge/documents/RB-db': {
        body: {
          id: 'RB-db',
          kind: 'runbook',
          title: 'Database unavailable',
          summary: 'When connections are refused.',
          symptoms: '',
          root_cause: 'database_unavailable',
          resolution: '',
          service: '',
          links: ['https://wiki.example/db'],
          occurred_at: null,
          sections: [{ heading: 'Diagnose', body: 'Check the primary.' }],
          metadata: {},
        },
      },
    });
    loggedInAs('viewer');
    renderPage(<KnowledgeDocumentPage />, { at: '/knowledge/RB-db', path: '/knowledge/:id' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Database unavailable' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Diagnose' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://wiki.example/db' })).toBeInTheDocument();
  });
});
