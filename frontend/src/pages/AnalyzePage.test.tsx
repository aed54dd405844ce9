import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { analysis, fakeGateway, loggedInAs } from '../test/fakeGateway';
import { renderPage } from '../test/render';
import { AnalyzePage, splitLines } from './AnalyzePage';

describe('AnalyzePage', () => {
  it('sends the pasted lines with the service and shows the answer with highlighted lines', async () => {
    const { calls } = fakeGateway({ 'POST /api/v1/incidents/analyze': { body: analysis() } });
    loggedInAs('operator', 'op-key');
    renderPage(<AnalyzePage />);
    fireEvent.change(screen.getByLabelText(/Log lines/), {
      target: { value: 'INFO ok\nERROR Connection to db:5432 refused\n\n' },
    });
    await userEvent.type(screen.getByLabelText('Service (optional)'), 'orders');
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(await screen.findByTestId('root-cause-label')).toHaveTextContent('database_unavailable');
    expect(calls[0].body).toEqual({ logs: ['INFO ok', 'ERROR Connection to db:5432 refused'], service: 'orders' });
    expect(calls[0].headers.Authorization).toBe('Bearer op-key');
    expect(screen.getAllByTestId('anomalous-line')).toHaveLength(1);
    expect(screen.getByRole('meter', { name: 'Overall confidence' })).toHaveAttribute('aria-valuenow', '80');
  });

  it('reads a dropped file into the editor', async () => {
    loggedInAs('operator');
    renderPage(<AnalyzePage />);
    const file = new File(['line one\nline two'], 'incident.log', { type: 'text/plain' });
    fireEvent.drop(screen.getByTestId('dropzone'), { dataTransfer: { files: [file] } });
    await waitFor(() => expect(screen.getByLabelText(/Log lines/)).toHaveValue('line one\nline two'));
    expect(screen.getByText(/Loaded incident.log/)).toBeInTheDocument();
  });

  it('asks for logs instead of sending an empty request', async () => {
    const { calls } = fakeGateway({});
    loggedInAs('operator');
    renderPage(<AnalyzePage />);
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Paste or drop some log lines first.');
    expect(calls).toHaveLength(0);
  });

  it('shows the gateway problem when every stage is down, not a blank page', async () => {
    fakeGateway({
      'POST /api/v1/incidents/analyze': { status: 503, body: { status: 503, detail: 'no stage answered' } },
    });
    loggedInAs('operator');
    renderPage(<AnalyzePage />);
    fireEvent.change(screen.getByLabelText(/Log lines/), { target: { value: 'ERROR x' } });
    await userEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('no stage answered');
    expect(screen.getByRole('heading', { name: 'Analyze logs' })).toBeInTheDocument();
  });

  it('splits CRLF text and drops trailing blank lines', () => {
    expect(splitLines('a\r\nb\r\n\r\n')).toEqual(['a', 'b']);
  });
});
