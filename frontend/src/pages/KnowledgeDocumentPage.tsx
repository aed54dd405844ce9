import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { useApi } from '../api/useApi';
import { Badge } from '../components/Badges';
import { Async } from '../components/States';
import { formatTime } from './IncidentsPage';

function Field({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className="prewrap">{value}</dd>
    </>
  );
}

export function KnowledgeDocumentPage() {
  const { id = '' } = useParams();
  const doc = useApi((key) => api.document(key, id), [id]);
  return (
    <div className="page">
      <p>
        <Link to="/knowledge">← Knowledge base</Link>
      </p>
      <Async {...doc}>
        {(d) => (
          <article className="panel" aria-labelledby="doc-title">
            <h1 id="doc-title">{d.title}</h1>
            <p>
              <Badge>{d.kind}</Badge> <code>{d.id}</code>
              {d.occurred_at && <> · {formatTime(d.occurred_at)}</>}
            </p>
            <dl className="facts">
              <Field label="Service" value={d.service} />
              <Field label="Root cause" value={d.root_cause} />
              <Field label="Summary" value={d.summary} />
              <Field label="Symptoms" value={d.symptoms} />
              <Field label="Resolution" value={d.resolution} />
            </dl>
            {d.sections.map((s, i) => (
              <section key={i}>
                <h2>{s.heading}</h2>
                <p className="prewrap">{s.body}</p>
              </section>
            ))}
            {d.links.length > 0 && (
              <>
                <h2>Links</h2>
                <ul>
                  {d.links.map((l) => (
                    <li key={l}>
                      <a href={l} target="_blank" rel="noreferrer noopener">
                        {l}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </article>
        )}
      </Async>
    </div>
  );
}
