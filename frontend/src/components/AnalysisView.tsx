// The full pipeline's answer: root cause, similar incidents, actions, ticket, degraded stages.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Evidence, IncidentAnalysis, RecommendedAction, RootCause, SimilarIncident, Ticket } from '../api/types';
import { Badge, RiskBadge } from './Badges';
import { ConfidenceBar } from './ConfidenceBar';
import { Empty } from './States';

const STAGE_NAMES: Record<string, string> = {
  total: 'Total',
  log_analyzer: 'Log analyzer',
  root_cause: 'Root-cause predictor',
  knowledge_base: 'Knowledge base',
  action_recommender: 'Action recommender',
  incident_integrator: 'Incident integrator',
};

export const stageName = (stage: string) => STAGE_NAMES[stage] ?? stage;

export function DegradedStages({ analysis }: { analysis: IncidentAnalysis }) {
  if (!analysis.degraded.length) return null;
  return (
    <section className="panel degraded" aria-labelledby="degraded-title" role="alert">
      <h3 id="degraded-title">Partial answer: some stages did not respond</h3>
      <ul>
        {analysis.degraded.map((d) => (
          <li key={d.stage}>
            <strong>{stageName(d.stage)}</strong>: {d.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RootCausePanel({ rootCause, failed }: { rootCause: RootCause | null; failed: boolean }) {
  return (
    <section className="panel" aria-labelledby="root-cause-title" data-testid="root-cause">
      <h3 id="root-cause-title">Root cause</h3>
      {rootCause === null ? (
        <Empty>{failed ? 'The root-cause predictor did not answer.' : 'No prediction.'}</Empty>
      ) : rootCause.label === null || rootCause.novel ? (
        <div className="unknown-cause">
          <p className="headline">
            <Badge tone="warn">Unknown — needs a human</Badge>
          </p>
          <p>{rootCause.novel_reason || 'The predictor abstained: this does not look like any known cause.'}</p>
          {rootCause.candidates.length > 0 && (
            <p className="muted">
              Closest known causes:{' '}
              {rootCause.candidates.map((c) => `${c.label} (${Math.round(c.probability * 100)}%)`).join(', ')}
            </p>
          )}
        </div>
      ) : (
        <div>
          <p className="headline">
            <span className="cause-label" data-testid="root-cause-label">{rootCause.label}</span>{' '}
            {rootCause.code_related && <Badge tone="info">Code-related</Badge>}
          </p>
          <ConfidenceBar value={rootCause.confidence} label="Root-cause confidence" />
          {rootCause.candidates.length > 1 && (
            <p className="muted">
              Alternatives:{' '}
              {rootCause.candidates
                .filter((c) => c.label !== rootCause.label)
                .map((c) => `${c.label} (${Math.round(c.probability * 100)}%)`)
                .join(', ')}
            </p>
          )}
        </div>
      )}
      {rootCause && rootCause.evidence.length > 0 && <EvidenceList evidence={rootCause.evidence} />}
      {rootCause && (
        <p className="muted small">
          Model {rootCause.model_version || 'unknown'} · prediction {rootCause.prediction_id || '—'}
        </p>
      )}
    </section>
  );
}

// The strongest few are enough at a glance; the rest is one click away.
const EVIDENCE_SHOWN = 6;

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? evidence : evidence.slice(0, EVIDENCE_SHOWN);
  return (
    <details className="evidence" open>
      <summary>Evidence ({evidence.length})</summary>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>
            <Badge>{e.kind === 'line' ? `line ${(e.line_index ?? 0) + 1}` : 'term'}</Badge> <code>{e.text}</code>{' '}
            <span className="muted">weight {e.weight.toFixed(2)}</span>
          </li>
        ))}
      </ul>
      {evidence.length > EVIDENCE_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${evidence.length}`}
        </button>
      )}
    </details>
  );
}

export function SimilarIncidentsPanel({ hits, failed }: { hits: SimilarIncident[]; failed: boolean }) {
  return (
    <section className="panel" aria-labelledby="similar-title" data-testid="similar-incidents">
      <h3 id="similar-title">Similar past incidents</h3>
      {hits.length === 0 ? (
        <Empty>{failed ? 'The knowledge base did not answer.' : 'No similar incident found.'}</Empty>
      ) : (
        <ol className="hits">
          {hits.map((hit) => (
            <SimilarHit key={`${hit.id}-${hit.section}`} hit={hit} />
          ))}
        </ol>
      )}
    </section>
  );
}

export function SimilarHit({ hit }: { hit: SimilarIncident }) {
  return (
    <li className="hit">
      <div className="hit-head">
        <Link to={`/knowledge/${encodeURIComponent(hit.id)}`}>{hit.title || hit.id}</Link>{' '}
        <Badge>{hit.kind}</Badge> <span className="muted">similarity {hit.score.toFixed(2)}</span>
      </div>
      {hit.section && <div className="muted small">Section: {hit.section}</div>}
      {hit.summary && <p>{hit.summary}</p>}
      {hit.resolution && (
        <p>
          <strong>How it was resolved:</strong> {hit.resolution}
        </p>
      )}
      <div className="muted small">
        {hit.root_cause && <>Root cause: {hit.root_cause} · </>}
        {hit.service && <>Service: {hit.service}</>}
      </div>
      {hit.links.length > 0 && (
        <ul className="links">
          {hit.links.map((l) => (
            <li key={l}>
              <a href={l} target="_blank" rel="noreferrer noopener">
                {l}
              </a>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ActionsPanel({ actions, failed }: { actions: RecommendedAction[]; failed: boolean }) {
  const [done, setDone] = useState<Record<string, boolean>>({});
  return (
    <section className="panel" aria-labelledby="actions-title" data-testid="recommended-actions">
      <h3 id="actions-title">Recommended actions</h3>
      {actions.length === 0 ? (
        <Empty>{failed ? 'The action recommender did not answer.' : 'No action to recommend.'}</Empty>
      ) : (
        <ul className="checklist">
          {actions.map((action) => {
            const id = `action-${action.id}`;
            return (
              <li key={action.id} className={done[action.id] ? 'done' : ''}>
                <div className="action-head">
                  <input
                    id={id}
                    type="checkbox"
                    checked={!!done[action.id]}
                    onChange={(e) => setDone({ ...done, [action.id]: e.target.checked })}
                  />
                  <label htmlFor={id}>{action.title}</label> <RiskBadge tier={action.risk_tier} />
                  {action.requires_approval && <Badge tone="bad">Requires approval</Badge>}
                  <span className="muted small">
                    {Math.round(action.probability * 100)}% fit
                    {action.historical_outcomes > 0 &&
                      ` · worked ${Math.round(action.historical_success_rate * 100)}% of ${action.historical_outcomes} times`}
                  </span>
                </div>
                {action.rationale && <p className="muted">{action.rationale}</p>}
                {action.steps.length > 0 && (
                  <ol className="steps">
                    {action.steps.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ol>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function TicketPanel({ ticket, failed }: { ticket: Ticket | null; failed: boolean }) {
  return (
    <section className="panel" aria-labelledby="ticket-title" data-testid="ticket">
      <h3 id="ticket-title">Ticket</h3>
      {ticket === null ? (
        <Empty>
          {failed ? 'The incident integrator did not answer.' : 'No ticket: the cause is not in the code, or ticketing is off.'}
        </Empty>
      ) : (
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            {ticket.status} {ticket.dry_run && <Badge tone="warn">Dry run — what would have been filed</Badge>}
          </dd>
          {ticket.action && (
            <>
              <dt>Action</dt>
              <dd>{ticket.action}</dd>
            </>
          )}
          <dt>Key</dt>
          <dd>
            {ticket.url ? (
              <a href={ticket.url} target="_blank" rel="noreferrer noopener">
                {ticket.key || ticket.url}
              </a>
            ) : (
              ticket.key || '—'
            )}
          </dd>
          <dt>Assignee</dt>
          <dd>{ticket.assignee || 'unassigned'}</dd>
          {ticket.assignee_reason && (
            <>
              <dt>Why</dt>
              <dd>{ticket.assignee_reason}</dd>
            </>
          )}
          {ticket.occurrences > 0 && (
            <>
              <dt>Occurrences</dt>
              <dd>{ticket.occurrences}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

export function TimingsTable({ timings, caption }: { timings: Record<string, number>; caption: string }) {
  const entries = Object.entries(timings);
  if (!entries.length) return <Empty>No timings.</Empty>;
  return (
    <table className="table compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="num">
            Milliseconds
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([stage, ms]) => (
          <tr key={stage}>
            <th scope="row">{stageName(stage)}</th>
            <td className="num">{ms.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnalysisView({ analysis }: { analysis: IncidentAnalysis }) {
  const failed = new Set(analysis.degraded.map((d) => d.stage));
  return (
    <div className="analysis">
      <DegradedStages analysis={analysis} />
      <div className="grid two">
        <RootCausePanel rootCause={analysis.root_cause} failed={failed.has('root_cause')} />
        <TicketPanel ticket={analysis.ticket} failed={failed.has('incident_integrator')} />
      </div>
      <ActionsPanel actions={analysis.recommended_actions} failed={failed.has('action_recommender')} />
      <SimilarIncidentsPanel hits={analysis.similar_incidents} failed={failed.has('knowledge_base')} />
      {analysis.notes.length > 0 && (
        <section className="panel" aria-labelledby="notes-title">
          <h3 id="notes-title">Notes</h3>
          <ul>
            {analysis.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <details className="panel">
        <summary>Stage timings · request {analysis.request_id}</summary>
        <TimingsTable timings={analysis.timings} caption="Time per stage" />
      </details>
    </div>
  );
}
