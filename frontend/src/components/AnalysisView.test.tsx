import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { analysis } from '../test/fakeGateway';
import { AnalysisView } from './AnalysisView';
import { LogView } from './LogView';

const renderAnalysis = (a = analysis()) =>
  render(
    <MemoryRouter>
      <AnalysisView analysis={a} />
    </MemoryRouter>,
  );

describe('AnalysisView', () => {
  it('shows the root cause with its confidence as a meter', () => {
    renderAnalysis();
    const panel = screen.getByTestId('root-cause');
    expect(within(panel).getByTestId('root-cause-label')).toHaveTextContent('database_unavailable');
    expect(within(panel).getByRole('meter', { name: 'Root-cause confidence' })).toHaveAttribute('aria-valuenow', '82');
    expect(within(panel).getByText(/network_partition \(10%\)/)).toBeInTheDocument();
  });

  it('says "unknown — needs a human" when the predictor abstains', () => {
    const base = analysis();
    renderAnalysis({
      ...base,
      root_cause: { ...base.root_cause!, label: null, novel: true, novel_reason: 'far from every known cause' },
    });
    const panel = screen.getByTestId('root-cause');
    expect(within(panel).getByText('Unknown — needs a human')).toBeInTheDocument();
    expect(within(panel).getByText('far from every known cause')).toBeInTheDocument();
    expect(within(panel).queryByRole('meter')).not.toBeInTheDocument();
  });

  it('shows the strongest evidence first and the rest on request', async () => {
    const base = analysis();
    const evidence = Array.from({ length: 9 }, (_, i) => ({ kind: 'term', text: `term${i}`, weight: 1 - i / 10, line_index: null }));
    renderAnalysis({ ...base, root_cause: { ...base.root_cause!, evidence } });
    expect(screen.getByText('term5')).toBeInTheDocument();
    expect(screen.queryByText('term6')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all 9' }));
    expect(screen.getByText('term8')).toBeInTheDocument();
  });

  it('lists actions as a checklist with risk badges and approval flags', async () => {
    renderAnalysis();
    const panel = screen.getByTestId('recommended-actions');
    const failover = within(panel).getByRole('checkbox', { name: 'Fail over to the replica' });
    expect(within(panel).getByText('High risk')).toBeInTheDocument();
    expect(within(panel).getByText('Low risk')).toBeInTheDocument();
    expect(within(panel).getAllByText('Requires approval')).toHaveLength(1);
    expect(within(panel).getByText(/worked 90% of 10 times/)).toBeInTheDocument();
    await userEvent.click(failover);
    expect(failover).toBeChecked();
  });

  it('links similar incidents to their document and shows how they were resolved', () => {
    renderAnalysis();
    const panel = screen.getByTestId('similar-incidents');
    expect(within(panel).getByRole('link', { name: 'orders-db refusing connections' })).toHaveAttribute(
      'href',
      '/knowledge/INC-1',
    );
    expect(within(panel).getByText('Failed over to the replica.')).toBeInTheDocument();
  });

  it('names the degraded stages and says which panels are empty because of them', () => {
    renderAnalysis(
      analysis({
        root_cause: null,
        recommended_actions: [],
        degraded: [
          { stage: 'root_cause', reason: 'UNAVAILABLE' },
          { stage: 'action_recommender', reason: 'DEADLINE_EXCEEDED' },
        ],
      }),
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Root-cause predictor: UNAVAILABLE');
    expect(alert).toHaveTextContent('Action recommender: DEADLINE_EXCEEDED');
    expect(screen.getByText('The root-cause predictor did not answer.')).toBeInTheDocument();
    expect(screen.getByText('The action recommender did not answer.')).toBeInTheDocument();
  });

  it('shows a dry-run ticket with its assignee and the reason', () => {
    renderAnalysis(
      analysis({
        ticket: {
          status: 'would_create',
          key: '',
          url: '',
          assignee: 'dana',
          assignee_reason: 'owns src/orders/repository.py in CODEOWNERS',
          action: 'create',
          dry_run: true,
          occurrences: 1,
        },
      }),
    );
    const ticket = screen.getByTestId('ticket');
    expect(within(ticket).getByText(/Dry run/)).toBeInTheDocument();
    expect(within(ticket).getByText('dana')).toBeInTheDocument();
    expect(within(ticket).getByText('owns src/orders/repository.py in CODEOWNERS')).toBeInTheDocument();
  });
});

describe('LogView', () => {
  it('highlights only the anomalous lines and carries their reasons', () => {
    render(<LogView lines={['INFO ok', 'ERROR Connection to db:5432 refused', 'INFO ok']} anomalies={analysis().anomalies} />);
    const highlighted = screen.getAllByTestId('anomalous-line');
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]).toHaveAccessibleName(/Line 2, anomalous, error: new template never seen in baseline; ERROR-level line/);
    expect(highlighted[0]).toHaveAttribute('tabindex', '0');
    expect(within(highlighted[0]).getByRole('tooltip')).toHaveTextContent('score 0.83');
  });
});
