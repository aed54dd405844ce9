// Every gateway call the dashboard makes, typed. Paths are checked against the generated schema
// at compile time (`ApiPath`): a route the gateway drops or renames breaks the build.
import { request } from './client';
import type {
  ApiKeyEntry,
  ConfigView,
  CreatedKey,
  DocumentBody,
  FeedbackRequest,
  IncidentAnalysis,
  IncidentDetail,
  IncidentFeedback,
  IncidentFilters,
  IncidentPage,
  IncidentStats,
  IntegratorStats,
  KnowledgeDocument,
  KnowledgeStats,
  ReadyReport,
  Role,
  RuntimeConfigUpdate,
  SearchRequest,
  SelfTestResult,
  SimilarIncident,
  WhoAmI,
} from './types';

type Key = string | null;

export const api = {
  ready: (signal?: AbortSignal) => request<ReadyReport>('/ready', { acceptStatus: [503], signal }),
  whoami: (key: Key) => request<WhoAmI>('/api/v1/whoami', { key }),
  analyze: (key: Key, logs: string[], service: string, signal?: AbortSignal) =>
    request<IncidentAnalysis>('/api/v1/incidents/analyze', {
      method: 'POST',
      key,
      body: { logs, service },
      signal,
    }),
  search: (key: Key, body: SearchRequest) =>
    request<SimilarIncident[]>('/api/v1/search', { method: 'POST', key, body }),
  feedback: (key: Key, body: Partial<FeedbackRequest> & { root_cause: string }) =>
    request<Record<string, string>>('/api/v1/feedback', { method: 'POST', key, body }),
  document: (key: Key, id: string) =>
    request<KnowledgeDocument>('/api/v1/knowledge/documents/{document_id}', { key, params: { document_id: id } }),
  addDocument: (key: Key, body: Partial<DocumentBody> & Pick<DocumentBody, 'kind' | 'title'>) =>
    request<{ id: string; created: boolean }>('/api/v1/knowledge/documents', { method: 'POST', key, body }),
  knowledgeStats: (key: Key) => request<KnowledgeStats>('/api/v1/knowledge/stats', { key }),
  config: (key: Key) => request<ConfigView>('/api/v1/config', { key }),
  updateConfig: (key: Key, body: RuntimeConfigUpdate) =>
    request<ConfigView>('/api/v1/config', { method: 'PUT', key, body }),
  keys: (key: Key) => request<ApiKeyEntry[]>('/api/v1/keys', { key }),
  createKey: (key: Key, name: string, role: Role) =>
    request<CreatedKey>('/api/v1/keys', { method: 'POST', key, body: { name, role } }),
  revokeKey: (key: Key, id: string) =>
    request<void>('/api/v1/keys/{key_id}', { method: 'DELETE', key, params: { key_id: id } }),
  selftest: (key: Key) => request<SelfTestResult>('/api/v1/selftest', { method: 'POST', key }),
  integratorStats: (key: Key) => request<IntegratorStats>('/api/v1/integrator/stats', { key }),
  incidents: (key: Key, filters: IncidentFilters) =>
    request<IncidentPage>('/api/v1/incidents', { key, query: { ...filters } }),
  incident: (key: Key, id: string) => request<IncidentDetail>('/api/v1/incidents/{incident_id}', { key, params: { incident_id: id } }),
  resolveIncident: (key: Key, id: string) =>
    request<unknown>('/api/v1/incidents/{incident_id}/resolve', { method: 'POST', key, params: { incident_id: id } }),
  incidentFeedback: (key: Key, id: string, body: IncidentFeedback) =>
    request<unknown>('/api/v1/incidents/{incident_id}/feedback', {
      method: 'POST',
      key,
      params: { incident_id: id },
      body,
    }),
  incidentStats: (key: Key, days = 14) =>
    request<IncidentStats>('/api/v1/incidents/stats', { key, query: { days } }),
};
