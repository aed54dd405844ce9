import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { IncidentAnalysis } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { AnalysisView } from '../components/AnalysisView';
import { ConfidenceBar } from '../components/ConfidenceBar';
import { LogView } from '../components/LogView';
import { ErrorNote, Loading } from '../components/States';
import { EXAMPLE_LOGS, EXAMPLE_SERVICE } from './exampleIncident';

// Matches the gateway's default body limit with room for JSON overhead.
const MAX_FILE_BYTES = 4 * 1024 * 1024;

function readText(file: File): Promise<string> {
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done(String(reader.result ?? ''));
    reader.onerror = () => fail(reader.error ?? new Error(`could not read ${file.name}`));
    reader.readAsText(file);
  });
}

export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  return lines;
}

export function AnalyzePage() {
  const { key, logout } = useAuth();
  const [text, setText] = useState('');
  const [service, setService] = useState('');
  const [dragging, setDragging] = useState(false);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [result, setResult] = useState<{ lines: string[]; analysis: IncidentAnalysis } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function readFile(file: File) {
    if (file.size > MAX_FILE_BYTES) {
      setFileNote(`${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the limit is 4 MB. Trim it to the incident window.`);
      return;
    }
    try {
      setText(await readText(file));
      setFileNote(`Loaded ${file.name} (${file.size.toLocaleString()} bytes).`);
    } catch (e) {
      setFileNote((e as Error).message);
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const lines = splitLines(text);
    if (!lines.length) {
      setError(new Error('Paste or drop some log lines first.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult({ lines, analysis: await api.analyze(key, lines, service.trim()) });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) logout();
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  const analysis = result?.analysis;
  return (
    <div className="page">
      <h1>Analyze logs</h1>
      <form className="panel" onSubmit={submit} aria-label="Logs to analyze">
        <div
          className={`dropzone ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <label htmlFor="logs">Log lines (paste, or drop a file here)</label>
          <textarea
            id="logs"
            rows={10}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="2026-11-30T09:00:05Z ERROR ... connection refused"
          />
          <div className="row">
            <button type="button" onClick={() => fileInput.current?.click()}>
              Choose a file…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".log,.txt,text/plain"
              className="visually-hidden"
              aria-label="Log file"
              onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0])}
            />
            <button
              type="button"
              onClick={() => {
                setText(EXAMPLE_LOGS.join('\n'));
                setService(EXAMPLE_SERVICE);
                setFileNote('Loaded the example incident.');
              }}
            >
              Load example
            </button>
            {fileNote && (
              <span className="muted" role="status">
                {fileNote}
              </span>
            )}
          </div>
        </div>
        <div className="row">
          <label htmlFor="service">Service (optional)</label>
          <input id="service" value={service} onChange={(e) => setService(e.target.value)} placeholder="checkout" />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Analyzing…' : 'Analyze'}
          </button>
        </div>
      </form>
      {busy && <Loading label="Running the pipeline…" />}
      {error && <ErrorNote error={error} />}
      {analysis && result && (
        <>
          <section className="panel summary" aria-labelledby="answer-title">
            <h2 id="answer-title">Answer</h2>
            <p>
              {analysis.anomalies.length} anomalous line{analysis.anomalies.length === 1 ? '' : 's'} of {result.lines.length}
              {analysis.confidence !== null && ' · overall confidence'}
            </p>
            {analysis.confidence !== null && <ConfidenceBar value={analysis.confidence} label="Overall confidence" />}
          </section>
          <AnalysisView analysis={analysis} />
          <section className="panel" aria-labelledby="log-title">
            <h3 id="log-title">Log ({analysis.anomalies.length} highlighted; hover or focus a line for its reasons)</h3>
            <LogView lines={result.lines} anomalies={analysis.anomalies} />
          </section>
        </>
      )}
    </div>
  );
}
