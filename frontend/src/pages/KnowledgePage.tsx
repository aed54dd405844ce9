import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/endpoints';
import type { SimilarIncident } from '../api/types';
import { useApi } from '../api/useApi';
import { useAuth } from '../auth/AuthContext';
import { SimilarHit } from '../components/AnalysisView';
import { Async, Empty, ErrorNote, Loading } from '../components/States';

function Stats() {
  const stats = useApi((key) => api.knowledgeStats(key), []);
  return (
    <Async {...stats}>
      {(s) => (
        <p className="muted small" data-testid="kb-stats">
          {Number(s.document_count)} documents ({Object.entries(s.documents_by_kind)
            .map(([k, n]) => `${Number(n)} ${k}s`)
            .join(', ')}) · {Number(s.chunk_count)} indexed chunks · {s.index_type} index of {s.embedding_model} (
          {s.dimension} dimensions) · version <code>{s.index_version}</code>
        </p>
      )}
    </Async>
  );
}

function SearchPanel() {
  const { key } = useAuth();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<'' | 'incident' | 'runbook'>('');
  const [service, setService] = useState('');
  const [state, setState] = useState<{ busy: boolean; hits?: SimilarIncident[]; error?: Error }>({ busy: false });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!query.trim()) {
      setState({ busy: false, error: new Error('Type what you are looking for.') });
      return;
    }
    setState({ busy: true });
    try {
      const hits = await api.search(key, {
        query: query.trim(),
        top_k: 10,
        filters: { kind, services: service.trim() ? [service.trim()] : [] },
      });
      setState({ busy: false, hits });
    } catch (e) {
      setState({ busy: false, error: e as Error });
    }
  }

  return (
    <section className="panel" aria-labelledby="search-title">
      <h2 id="search-title">Search</h2>
      <form onSubmit={submit} className="filters" role="search">
        <div className="field grow">
          <label htmlFor="kb-query">Symptoms, error text or title</label>
          <input id="kb-query" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="kb-kind">Kind</label>
          <select id="kb-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">Incidents and runbooks</option>
            <option value="incident">Incidents</option>
            <option value="runbook">Runbooks</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="kb-service">Service</label>
          <input id="kb-service" value={service} onChange={(e) => setService(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={state.busy}>
          Search
        </button>
      </form>
      {state.busy && <Loading label="Searching…" />}
      {state.error && <ErrorNote error={state.error} />}
      {state.hits &&
        (state.hits.length === 0 ? (
          <Empty>Nothing similar found.</Empty>
        ) : (
          <ol className="hits" data-testid="search-results" aria-label="Search results">
            {state.hits.map((hit) => (
              <SimilarHit key={`${hit.id}-${hit.section}`} hit={hit} />
            ))}
          </ol>
        ))}
    </section>
  );
}

function AddDocument() {
  const { key } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({
    kind: 'incident' as 'incident' | 'runbook',
    title: '',
    service: '',
    root_cause: '',
    summary: '',
    symptoms: '',
    resolution: '',
    links: '',
  });
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [field]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.title.trim()) {
      setError(new Error('A title is required.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { links, resolution, ...rest } = form;
      const body = {
        ...rest,
        title: form.title.trim(),
        links: links.split(/\s+/).filter(Boolean),
        // A runbook's procedure is its one section; an incident keeps it as its resolution.
        ...(form.kind === 'runbook'
          ? { sections: resolution.trim() ? [{ heading: 'Procedure', body: resolution }] : [] }
          : { resolution, occurred_at: new Date().toISOString() }),
      };
      const created = await api.addDocument(key, body);
      navigate(`/knowledge/${encodeURIComponent(created.id)}`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="panel">
      <summary>Add a past incident or runbook</summary>
      <form onSubmit={submit} className="stack" aria-label="New knowledge-base document">
        <div className="field">
          <label htmlFor="doc-kind">Kind</label>
          <select id="doc-kind" value={form.kind} onChange={set('kind')}>
            <option value="incident">Past incident</option>
            <option value="runbook">Runbook</option>
          </select>
        </div>
        <label htmlFor="doc-title">Title</label>
        <input id="doc-title" value={form.title} onChange={set('title')} required />
        <div className="grid two">
          <div className="field">
            <label htmlFor="doc-service">Service</label>
            <input id="doc-service" value={form.service} onChange={set('service')} />
          </div>
          <div className="field">
            <label htmlFor="doc-root">Root cause</label>
            <input id="doc-root" value={form.root_cause} onChange={set('root_cause')} />
          </div>
        </div>
        <label htmlFor="doc-summary">Summary</label>
        <textarea id="doc-summary" rows={2} value={form.summary} onChange={set('summary')} />
        <label htmlFor="doc-symptoms">Symptoms (log lines, errors)</label>
        <textarea id="doc-symptoms" rows={3} value={form.symptoms} onChange={set('symptoms')} />
        <label htmlFor="doc-resolution">{form.kind === 'runbook' ? 'Procedure' : 'Resolution'}</label>
        <textarea id="doc-resolution" rows={3} value={form.resolution} onChange={set('resolution')} />
        <label htmlFor="doc-links">Links (space-separated)</label>
        <input id="doc-links" value={form.links} onChange={set('links')} />
        {error && <ErrorNote error={error} />}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Add document'}
          </button>
        </div>
      </form>
    </details>
  );
}

export function KnowledgePage() {
  const { can } = useAuth();
  return (
    <div className="page">
      <h1>Knowledge base</h1>
      <Stats />
      <SearchPanel />
      {can('operator') && <AddDocument />}
    </div>
  );
}
