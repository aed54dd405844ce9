import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import type { IncidentDetail } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { AnalysisView, TicketPanel } from '../components/AnalysisView';
import { Badge, severityTone } from '../components/Badges';
import { Async, Empty, ErrorNote } from '../components/States';
import { formatTime } from './IncidentsPage';

const TIMELINE_LABEL: Record<string, string> = {
  fired: 'Alert fired',
  analyzed: 'Analyzed',
  ticket: 'Ticket',
  pr_merged: 'Fix merged',
  resolved: 'Resolved',
  reopened: 'Reopened',
  feedback: 'Feedback',
};

export function FeedbackForm({ incident, onSaved }: { incident: IncidentDetail; onSaved: () => void }) {
  const { key } = useAuth();
  const predicted = incident.root_cause ?? incident.analysis?.root_cause?.label ?? '';
  const [mode, setMode] = useState<'confirm' | 'correct'>(predicted ? 'confirm' : 'correct');
  const [corrected, setCorrected] = useState('');
  const [actionId, setActionId] = useState('');
  const [succeeded, setSucceeded] = useState(true);
  const [resolution, setResolution] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = incident.analysis?.recommended_actions ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const rootCause = mode === 'confirm' ? predicted : corrected.trim();
    if (!rootCause) {
      setStatus({ ok: false, message: 'Name the root cause.' });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      await api.incidentFeedback(key, incident.id, {
        root_cause: rootCause,
        ...(actionId ? { action_id: actionId, action_succeeded: succeeded } : {}),
        ...(resolution.trim() ? { resolution: resolution.trim() } : {}),
      });
      setStatus({ ok: true, message: 'Feedback recorded. Thank you.' });
      onSaved();
    } catch (e) {
      setStatus({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="feedback-title" data-testid="feedback-form">
      <h2 id="feedback-title">Feedback</h2>
      <fieldset>
        <legend>Root cause</legend>
        {predicted && (
          <div className="radio">
            <input
              type="radio"
              id="fb-confirm"
              name="fb-mode"
              checked={mode === 'confirm'}
              onChange={() => setMode('confirm')}
            />
            <label htmlFor="fb-confirm">
              Confirm <strong>{predicted}</strong>
            </label>
          </div>
        )}
        <div className="radio">
          <input type="radio" id="fb-correct" name="fb-mode" checked={mode === 'correct'} onChange={() => setMode('correct')} />
          <label htmlFor="fb-correct">{predicted ? 'Correct it to:' : 'The root cause was:'}</label>
          <input
            aria-label="Corrected root cause"
            value={corrected}
            onChange={(e) => {
              setCorrected(e.target.value);
              setMode('correct');
            }}
            placeholder="e.g. database_unavailable"
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>The action that worked</legend>
        {actions.length === 0 && <Empty>No recommended actions were recorded for this incident.</Empty>}
        <div className="radio">
          <input type="radio" id="fb-action-none" name="fb-action" checked={actionId === ''} onChange={() => setActionId('')} />
          <label htmlFor="fb-action-none">None / not sure</label>
        </div>
        {actions.map((a) => (
          <div className="radio" key={a.id}>
            <input
              type="radio"
              id={`fb-action-${a.id}`}
              name="fb-action"
              checked={actionId === a.id}
              onChange={() => setActionId(a.id)}
            />
            <label htmlFor={`fb-action-${a.id}`}>{a.title}</label>
          </div>
        ))}
        {actionId && (
          <div className="radio">
            <input id="fb-succeeded" type="checkbox" checked={succeeded} onChange={(e) => setSucceeded(e.target.checked)} />
            <label htmlFor="fb-succeeded">It resolved the incident</label>
          </div>
        )}
      </fieldset>
      <label htmlFor="fb-resolution">How it was resolved (optional)</label>
      <textarea id="fb-resolution" rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Sending…' : 'Submit feedback'}
        </button>
        {status && (
          <span role={status.ok ? 'status' : 'alert'} className={status.ok ? 'ok-text' : 'state-error'}>
            {status.message}
          </span>
        )}
      </div>
    </form>
  );
}

function IncidentBody({ incident, reload }: { incident: IncidentDetail; reload: () => void }) {
  const { key, can } = useAuth();
  const [resolveError, setResolveError] = useState<Error | null>(null);
  return (
    <>
      <header className="incident-head">
        <h1>{incident.title || incident.id}</h1>
        <p>
          <Badge tone={incident.status === 'open' ? 'bad' : 'good'}>{incident.status}</Badge>{' '}
          <Badge tone={severityTone(incident.severity)}>{incident.severity}</Badge> · {incident.service || 'unknown service'} ·
          opened {formatTime(incident.created_at)}
          {incident.resolved_at && <> · resolved {formatTime(incident.resolved_at)}</>}
        </p>
        {can('operator') && incident.status === 'open' && (
          <button
            type="button"
            onClick={() =>
              api.resolveIncident(key, incident.id).then(reload, (e: Error) => setResolveError(e))
            }
          >
            Mark resolved
          </button>
        )}
        {resolveError && <ErrorNote error={resolveError} />}
      </header>
      <div className="grid two">
        <section className="panel" aria-labelledby="grouping-title">
          <h2 id="grouping-title">Why these alerts are one incident</h2>
          <p>{incident.grouping_reason || <span className="muted">No grouping reason recorded.</span>}</p>
          <h3>Alerts ({incident.alerts.length})</h3>
          {incident.alerts.length === 0 ? (
            <Empty>No alerts.</Empty>
          ) : (
            <ul className="alerts">
              {incident.alerts.map((a) => (
                <li key={a.fingerprint}>
                  <Badge tone={a.status === 'firing' ? 'bad' : 'good'}>{a.status}</Badge>{' '}
                  <strong>{a.labels.alertname ?? a.fingerprint}</strong>{' '}
                  <span className="muted small">
                    {a.source} · since {formatTime(a.starts_at)}
                    {a.ends_at && ` until ${formatTime(a.ends_at)}`}
                  </span>
                  {(a.annotations.summary || a.annotations.description) && (
                    <p className="small">{a.annotations.summary || a.annotations.description}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          {incident.timeline.length === 0 ? (
            <Empty>No events yet.</Empty>
          ) : (
            <ol className="timeline">
              {incident.timeline.map((t, i) => (
                <li key={i} className={`tl-${t.kind}`}>
                  <time dateTime={t.at}>{formatTime(t.at)}</time> <strong>{TIMELINE_LABEL[t.kind] ?? t.kind}</strong>
                  {t.detail && <span> — {t.detail}</span>}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {incident.analysis ? (
        <section aria-labelledby="analysis-title">
          <h2 id="analysis-title">Analysis</h2>
          <AnalysisView analysis={{ ...incident.analysis, ticket: incident.ticket ?? incident.analysis.ticket }} />
        </section>
      ) : (
        <>
          <section className="panel">
            <h2>Analysis</h2>
            <Empty>Not analyzed yet.</Empty>
          </section>
          <TicketPanel ticket={incident.ticket} failed={false} />
        </>
      )}
      {can('operator') ? (
        <FeedbackForm incident={incident} onSaved={reload} />
      ) : (
        <p className="muted">Operators and admins can confirm the root cause and mark the action that worked.</p>
      )}
    </>
  );
}

export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const incident = useApi((key) => api.incident(key, id), [id]);
  return (
    <div className="page">
      <p>
        <Link to="/incidents">← All incidents</Link>
      </p>
      <Async {...incident}>{(data) => <IncidentBody incident={data} reload={incident.reload} />}</Async>
    </div>
  );
}
