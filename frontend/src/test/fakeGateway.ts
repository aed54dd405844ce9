// A fetch stand-in for component tests: routes "METHOD /path" to canned answers and records calls.
import { vi } from 'vitest';
import type { IncidentAnalysis } from '../api/types';

export interface Call {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status?: number; body?: unknown } | ((call: Call) => { status?: number; body?: unknown });

export function fakeGateway(routes: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://dashboard.test');
    const method = init.method ?? 'GET';
    const call: Call = {
      method,
      path: url.pathname + url.search,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify({ status: 404, detail: 'Not Found' }), { status: 404 });
    const answer = typeof route === 'function' ? route(call) : route;
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export function loggedInAs(role: 'viewer' | 'operator' | 'admin', key = `key-${role}`) {
  sessionStorage.setItem('incidentmesh.apiKey', key);
  sessionStorage.setItem('incidentmesh.identity', JSON.stringify({ name: `${role}-user`, role }));
}

export function analysis(overrides: Partial<IncidentAnalysis> = {}): IncidentAnalysis {
  return {
    anomalies: [
      {
        line_index: 1,
        text: 'ERROR Connection to db:5432 refused',
        score: 0.83,
        template: 'ERROR Connection to <HOST> refused',
        reasons: ['new template never seen in baseline', 'ERROR-level line'],
        severity: 'error',
      },
    ],
    root_cause: {
      label: 'database_unavailable',
      confidence: 0.82,
      novel: false,
      novel_reason: '',
      code_related: false,
      evidence: [{ kind: 'term', text: 'refused', weight: 0.4, line_index: null }],
      candidates: [
        { label: 'database_unavailable', probability: 0.82, code_related: false, evidence: [] },
        { label: 'network_partition', probability: 0.1, code_related: false, evidence: [] },
      ],
      prediction_id: 'pred-1',
      model_version: 'v1',
    },
    similar_incidents: [
      {
        id: 'INC-1',
        kind: 'incident',
        title: 'orders-db refusing connections',
        summary: 'Primary crashed.',
        resolution: 'Failed over to the replica.',
        score: 0.77,
        root_cause: 'database_unavailable',
        service: 'orders',
        section: '',
        links: ['https://wiki.example/inc-1'],
      },
    ],
    recommended_actions: [
      {
        id: 'failover-db',
        title: 'Fail over to the replica',
        steps: ['Check replication lag', 'Promote the replica'],
        risk_tier: 'high',
        requires_approval: true,
        probability: 0.7,
        rationale: 'Worked for similar outages.',
        historical_success_rate: 0.9,
        historical_outcomes: 10,
      },
      {
        id: 'restart-pool',
        title: 'Restart the connection pool',
        steps: [],
        risk_tier: 'low',
        requires_approval: false,
        probability: 0.2,
        rationale: '',
        historical_success_rate: 0,
        historical_outcomes: 0,
      },
    ],
    ticket: null,
    confidence: 0.8,
    degraded: [],
    timings: { log_analyzer: 12.5, total: 40.1 },
    notes: [],
    request_id: 'req-1',
    ...overrides,
  };
}
