import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/endpoints';
import type { IncidentStats, ReadyReport } from '../api/types';
import { useApi } from '../api/useApi';
import { stageName } from '../components/AnalysisView';
import { Badge, StatusDot } from '../components/Badges';
import { Async, Empty } from '../components/States';

const REFRESH_MS = 10_000;

export function HealthTable({ report }: { report: ReadyReport }) {
  return (
    <table className="table" data-testid="health-table">
      <caption>
        <StatusDot ok={report.status === 'ready'} label={report.status === 'ready' ? 'All services ready' : 'Degraded'} />
      </caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Latency (ms)
          </th>
          <th scope="col">Model / index version</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Gateway</th>
          <td>
            <StatusDot ok label="SERVING" />
          </td>
          <td className="num">—</td>
          <td>—</td>
        </tr>
        {Object.entries(report.backends).map(([name, backend]) => (
          <tr key={name}>
            <th scope="row">{stageName(name)}</th>
            <td>
              <StatusDot ok={backend.status === 'SERVING'} label={backend.status} />
            </td>
            <td className="num">{backend.latency_ms.toFixed(1)}</td>
            <td>
              <code>{backend.version || '—'}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CountList({ title, counts }: { title: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <div>
      <h3>{title}</h3>
      {entries.length === 0 ? (
        <Empty>No open incidents.</Empty>
      ) : (
        <ul className="counts">
          {entries.map(([name, count]) => (
            <li key={name}>
              <Badge>{count}</Badge> {name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function IncidentCharts({ stats }: { stats: IncidentStats }) {
  const latency = stats.analysis_latency_ms.map((p) => ({ at: p.at.slice(5, 16).replace('T', ' '), ms: p.ms }));
  return (
    <>
      <div className="grid two">
        <CountList title="Open by severity" counts={stats.open_by_severity} />
        <CountList title="Open by root cause" counts={stats.open_by_root_cause} />
      </div>
      <div className="grid two">
        <figure className="chart" aria-label="Incidents opened and resolved per day">
          <figcaption>Incidents per day</figcaption>
          {stats.per_day.length === 0 ? (
            <Empty>No incidents in this period.</Empty>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={stats.per_day}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                <Bar dataKey="opened" name="Opened" fill="#b42318" />
                <Bar dataKey="resolved" name="Resolved" fill="#067647" />
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>
        <figure className="chart" aria-label="Analysis latency in milliseconds">
          <figcaption>Analysis latency (ms)</figcaption>
          {latency.length === 0 ? (
            <Empty>No analyses yet.</Empty>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={latency}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="at" />
                <YAxis />
                <Tooltip />
                <Line type="monotone" dataKey="ms" name="Latency (ms)" stroke="#1d4ed8" dot={latency.length < 40} />
              </LineChart>
            </ResponsiveContainer>
          )}
        </figure>
      </div>
    </>
  );
}

export function OverviewPage() {
  const ready = useApi(() => api.ready(), []);
  const stats = useApi((key) => api.incidentStats(key, 14), []);
  const { reload } = ready;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return (
    <div className="page">
      <h1>Overview</h1>
      <section className="panel" aria-labelledby="health-title">
        <h2 id="health-title">Service health</h2>
        <p className="muted small">Live from /ready, refreshed every {REFRESH_MS / 1000} s.</p>
        <Async {...ready}>{(report) => <HealthTable report={report} />}</Async>
      </section>
      <section className="panel" aria-labelledby="incidents-title">
        <h2 id="incidents-title">Incidents (last 14 days)</h2>
        <Async {...stats}>{(s) => <IncidentCharts stats={s} />}</Async>
      </section>
    </div>
  );
}
