import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import type { ConfigView, CreatedKey, Deadlines, Role, RuntimeConfig, SelfTestResult } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { DegradedStages, stageName, TimingsTable } from '../components/AnalysisView';
import { Badge, StatusDot } from '../components/Badges';
import { Async, ErrorNote, Loading } from '../components/States';

const DEADLINE_FIELDS: (keyof Deadlines)[] = [
  'log_analyzer',
  'root_cause',
  'knowledge_base',
  'action_recommender',
  'incident_integrator',
  'overall',
];

export function ConfigEditor({ view, onSaved }: { view: ConfigView; onSaved: (v: ConfigView) => void }) {
  const { key } = useAuth();
  const [draft, setDraft] = useState<RuntimeConfig>(view.config);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  useEffect(() => setDraft(view.config), [view]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    try {
      const saved = await api.updateConfig(key, {
        deadlines: draft.deadlines,
        similar_incidents: draft.similar_incidents,
        recommended_actions: draft.recommended_actions,
        min_similarity: draft.min_similarity,
        ticketing_enabled: draft.ticketing_enabled,
        backends: draft.backends,
      });
      onSaved(saved);
      setStatus({ ok: true, message: 'Saved.' });
    } catch (e) {
      setStatus({ ok: false, message: (e as Error).message });
    }
  }

  const number = (value: string) => (value === '' ? 0 : Number(value));
  return (
    <form onSubmit={save} className="stack" aria-label="Runtime configuration">
      <fieldset>
        <legend>Deadlines (ms)</legend>
        <div className="grid three">
          {DEADLINE_FIELDS.map((field) => (
            <div className="field" key={field}>
              <label htmlFor={`deadline-${field}`}>{field === 'overall' ? 'Whole answer' : stageName(field)}</label>
              <input
                id={`deadline-${field}`}
                type="number"
                min={1}
                value={draft.deadlines[field]}
                onChange={(e) =>
                  setDraft({ ...draft, deadlines: { ...draft.deadlines, [field]: number(e.target.value) } })
                }
              />
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Answer size</legend>
        <div className="grid three">
          <div className="field">
            <label htmlFor="cfg-similar">Similar incidents</label>
            <input
              id="cfg-similar"
              type="number"
              min={0}
              value={draft.similar_incidents}
              onChange={(e) => setDraft({ ...draft, similar_incidents: number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor="cfg-actions">Recommended actions</label>
            <input
              id="cfg-actions"
              type="number"
              min={0}
              value={draft.recommended_actions}
              onChange={(e) => setDraft({ ...draft, recommended_actions: number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor="cfg-minsim">Minimum similarity</label>
            <input
              id="cfg-minsim"
              type="number"
              min={0}
              max={1}
              step={0.01}
              value={draft.min_similarity}
              onChange={(e) => setDraft({ ...draft, min_similarity: number(e.target.value) })}
            />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>Integrator mode</legend>
        <div className="radio">
          <input
            id="cfg-ticketing"
            type="checkbox"
            checked={draft.ticketing_enabled}
            onChange={(e) => setDraft({ ...draft, ticketing_enabled: e.target.checked })}
          />
          <label htmlFor="cfg-ticketing">File and update tickets for code-related incidents</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Backends (only addresses allowed at start)</legend>
        <div className="grid three">
          {Object.entries(draft.backends).map(([name, address]) => (
            <div className="field" key={name}>
              <label htmlFor={`backend-${name}`}>{stageName(name)}</label>
              <select
                id={`backend-${name}`}
                value={address}
                onChange={(e) => setDraft({ ...draft, backends: { ...draft.backends, [name]: e.target.value } })}
              >
                {(view.allowed_backends[name] ?? [address]).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" className="primary">
          Save configuration
        </button>
        <button type="button" onClick={() => setDraft(view.config)}>
          Reset
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

function ConfigSection() {
  const config = useApi((key) => api.config(key), []);
  const [saved, setSaved] = useState<ConfigView | null>(null);
  return (
    <section className="panel" aria-labelledby="config-title">
      <h2 id="config-title">Runtime configuration</h2>
      <Async {...config}>{(view) => <ConfigEditor view={saved ?? view} onSaved={setSaved} />}</Async>
    </section>
  );
}

function IntegratorSection() {
  const stats = useApi((key) => api.integratorStats(key), []);
  return (
    <section className="panel" aria-labelledby="integrator-title">
      <h2 id="integrator-title">Incident integrator</h2>
      <Async {...stats}>
        {(s) => (
          <dl className="facts">
            <dt>Mode</dt>
            <dd data-testid="integrator-mode">
              {s.dry_run ? (
                <Badge tone="warn">Dry run — records what it would file, touches no Jira or GitHub</Badge>
              ) : (
                <Badge tone="good">Live — files Jira tickets and watches GitHub</Badge>
              )}
            </dd>
            <dt>Tickets by status</dt>
            <dd>
              {Object.keys(s.tickets_by_status).length === 0
                ? 'none yet'
                : Object.entries(s.tickets_by_status)
                    .map(([k, n]) => `${k}: ${Number(n)}`)
                    .join(', ')}
            </dd>
            <dt>Outbox depth</dt>
            <dd>{Number(s.outbox_depth)}</dd>
            <dt>Failed deliveries</dt>
            <dd>{Number(s.failed_count)}</dd>
          </dl>
        )}
      </Async>
    </section>
  );
}

function KeysSection() {
  const { key } = useAuth();
  const keys = useApi((k) => api.keys(k), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [error, setError] = useState<Error | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await api.createKey(key, name.trim(), role));
      setName('');
      keys.reload();
    } catch (e) {
      setError(e as Error);
    }
  }

  async function revoke(id: string, name: string) {
    if (!window.confirm(`Revoke the key "${name}"? Anything using it stops working.`)) return;
    setError(null);
    try {
      await api.revokeKey(key, id);
      keys.reload();
    } catch (e) {
      setError(e as Error);
    }
  }

  return (
    <section className="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <Async {...keys} isEmpty={(list) => list.length === 0} empty="No keys.">
        {(list) => (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Id</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td>{k.role}</td>
                  <td>
                    <code>{k.id}</code>
                  </td>
                  <td>
                    {k.source === 'environment' ? (
                      <span className="muted small">set by environment</span>
                    ) : (
                      <button type="button" onClick={() => revoke(k.id, k.name)} aria-label={`Revoke key ${k.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
      <form onSubmit={create} className="filters" aria-label="Create an API key">
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select id="key-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="viewer">viewer</option>
            <option value="operator">operator</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" className="primary">
          Create key
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {created && (
        <div className="panel highlight" role="status">
          <p>
            Key for <strong>{created.name}</strong> ({created.role}). Copy it now: it is not shown again.
          </p>
          <code className="secret" data-testid="new-key">
            {created.key}
          </code>
        </div>
      )}
    </section>
  );
}

function SelfTestSection() {
  const { key } = useAuth();
  const [state, setState] = useState<{ busy: boolean; result?: SelfTestResult; error?: Error }>({ busy: false });
  async function run() {
    setState({ busy: true });
    try {
      setState({ busy: false, result: await api.selftest(key) });
    } catch (e) {
      setState({ busy: false, error: e as Error });
    }
  }
  const result = state.result;
  return (
    <section className="panel" aria-labelledby="selftest-title">
      <h2 id="selftest-title">Self-test</h2>
      <p className="muted">Runs a canned incident through every stage (tickets are never filed) and times each one.</p>
      <button type="button" className="primary" onClick={run} disabled={state.busy}>
        {state.busy ? 'Running…' : 'Run self-test'}
      </button>
      {state.busy && <Loading label="Running the canned incident…" />}
      {state.error && <ErrorNote error={state.error} />}
      {result && (
        <div data-testid="selftest-result">
          <p>
            <StatusDot ok={result.ok} label={result.ok ? 'Every stage answered' : 'Some stages failed'} />
          </p>
          <DegradedStages analysis={result.analysis} />
          <TimingsTable timings={result.timings} caption="Per-stage timings" />
          <p className="muted small">
            Root cause: {result.analysis.root_cause?.label ?? 'none'} · {result.analysis.similar_incidents.length} similar
            incidents · {result.analysis.recommended_actions.length} actions
          </p>
        </div>
      )}
    </section>
  );
}

export function SettingsPage() {
  return (
    <div className="page">
      <h1>Settings</h1>
      <SelfTestSection />
      <ConfigSection />
      <IntegratorSection />
      <KeysSection />
    </div>
  );
}
