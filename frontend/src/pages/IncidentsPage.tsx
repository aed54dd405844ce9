import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import type { IncidentFilters, IncidentSummary } from '../api/types';
import { useApi } from '../api/useApi';
import { Badge, severityTone } from '../components/Badges';
import { Async } from '../components/States';

const PAGE_SIZE = 20;

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function IncidentTable({ items }: { items: IncidentSummary[] }) {
  return (
    <table className="table" data-testid="incident-table">
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Status</th>
          <th scope="col">Severity</th>
          <th scope="col">Service</th>
          <th scope="col">Root cause</th>
          <th scope="col" className="num">
            Alerts
          </th>
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        {items.map((incident) => (
          <tr key={incident.id}>
            <th scope="row">
              <Link to={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.title || incident.id}</Link>
            </th>
            <td>
              <Badge tone={incident.status === 'open' ? 'bad' : 'good'}>{incident.status}</Badge>
            </td>
            <td>
              <Badge tone={severityTone(incident.severity)}>{incident.severity}</Badge>
            </td>
            <td>{incident.service || '—'}</td>
            <td>
              {incident.root_cause ?? <span className="muted">unknown</span>}
              {incident.confidence !== null && (
                <span className="muted small"> ({Math.round(incident.confidence * 100)}%)</span>
              )}
            </td>
            <td className="num">{incident.alert_count}</td>
            <td>{formatTime(incident.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const filters: IncidentFilters = {
    status: (params.get('status') as IncidentFilters['status']) ?? '',
    service: params.get('service') ?? '',
    root_cause: params.get('root_cause') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
  };
  // Cursors of the pages before the current one, so "Previous" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const [draft, setDraft] = useState(filters);
  const page = useApi(
    (key) =>
      api.incidents(key, {
        ...filters,
        since: filters.since ? new Date(filters.since).toISOString() : '',
        until: filters.until ? new Date(filters.until).toISOString() : '',
        limit: PAGE_SIZE,
        cursor,
      }),
    [params.toString(), cursor],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    Object.entries(draft).forEach(([k, v]) => v && next.set(k, String(v)));
    setCursors([]);
    setParams(next);
  }

  return (
    <div className="page">
      <h1>Incidents</h1>
      <form className="panel filters" onSubmit={apply} aria-label="Filter incidents">
        <div className="field">
          <label htmlFor="f-status">Status</label>
          <select
            id="f-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.target.value as IncidentFilters['status'] })}
          >
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-service">Service</label>
          <input id="f-service" value={draft.service} onChange={(e) => setDraft({ ...draft, service: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-root">Root cause</label>
          <input id="f-root" value={draft.root_cause} onChange={(e) => setDraft({ ...draft, root_cause: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-since">Since</label>
          <input id="f-since" type="date" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="f-until">Until</label>
          <input id="f-until" type="date" value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} />
        </div>
        <button type="submit" className="primary">
          Apply filters
        </button>
      </form>
      <section className="panel" aria-label="Incident list" aria-busy={page.loading}>
        <Async {...page} isEmpty={(p) => p.items.length === 0} empty="No incidents match these filters.">
          {(p) => <IncidentTable items={p.items} />}
        </Async>
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous
          </button>
          <span className="muted">Page {cursors.length + 1}</span>
          <button
            type="button"
            disabled={!page.data?.next_cursor}
            onClick={() => page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])}
          >
            Next
          </button>
        </nav>
      </section>
    </div>
  );
}
