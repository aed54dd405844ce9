// Response shapes. Where the gateway's OpenAPI schema describes a body, the type comes from the
// generated schema; where it answers a free-form object, the contract is written out here.
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type Anomaly = Schemas['Anomaly'];
export type Evidence = Schemas['Evidence'];
export type RootCause = Schemas['RootCause'];
export type SimilarIncident = Schemas['SimilarIncident'];
export type RecommendedAction = Schemas['RecommendedAction'];
export type Ticket = Schemas['Ticket'];
export type Degradation = Schemas['Degradation'];
export type IncidentAnalysis = Schemas['IncidentAnalysis'];
export type SearchRequest = Schemas['SearchRequest'];
export type FeedbackRequest = Schemas['FeedbackRequest'];
export type DocumentBody = Schemas['DocumentBody'];
export type RuntimeConfigUpdate = Schemas['RuntimeConfigUpdate'];
export type ReadyReport = Schemas['ReadyReport'];
export type BackendStatus = Schemas['BackendStatus'];

export type ApiPath = keyof paths;

export type Role = 'viewer' | 'operator' | 'admin';
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface WhoAmI {
  name: string;
  role: Role;
}

export interface Deadlines {
  log_analyzer: number;
  root_cause: number;
  knowledge_base: number;
  action_recommender: number;
  incident_integrator: number;
  overall: number;
}

export interface RuntimeConfig {
  deadlines: Deadlines;
  similar_incidents: number;
  recommended_actions: number;
  min_similarity: number;
  ticketing_enabled: boolean;
  backends: Record<string, string>;
}

export interface ConfigView {
  config: RuntimeConfig;
  allowed_backends: Record<string, string[]>;
}

export interface KnowledgeDocument {
  id: string;
  kind: 'incident' | 'runbook';
  title: string;
  summary: string;
  symptoms: string;
  root_cause: string;
  resolution: string;
  service: string;
  links: string[];
  occurred_at?: string | null;
  sections: { heading: string; body: string }[];
  metadata: Record<string, string>;
}

// Protobuf int64 fields arrive as JSON strings; the pages convert with Number().
type Count = number | string;

export interface KnowledgeStats {
  document_count: Count;
  chunk_count: Count;
  documents_by_kind: Record<string, Count>;
  index_type: string;
  embedding_model: string;
  dimension: number;
  index_version: string;
}

export interface ApiKeyEntry {
  id: string;
  name: string;
  role: Role;
  source?: string;
}

export interface CreatedKey extends ApiKeyEntry {
  key: string;
}

export interface SelfTestResult {
  ok: boolean;
  analysis: IncidentAnalysis;
  timings: Record<string, number>;
}

export interface IntegratorStats {
  dry_run: boolean;
  tickets_by_status: Record<string, Count>;
  outbox_depth: Count;
  failed_count: Count;
}

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: string;
  service: string;
  root_cause: string | null;
  confidence: number | null;
  alert_count: number;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface IncidentPage {
  items: IncidentSummary[];
  next_cursor: string | null;
}

export interface Alert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  starts_at: string;
  ends_at: string | null;
  source: string;
}

export interface TimelineEntry {
  at: string;
  kind: 'fired' | 'analyzed' | 'ticket' | 'pr_merged' | 'resolved' | 'reopened' | 'feedback' | string;
  detail: string;
}

export interface IncidentDetail extends IncidentSummary {
  grouping_reason: string;
  alerts: Alert[];
  analysis: IncidentAnalysis | null;
  ticket: Ticket | null;
  timeline: TimelineEntry[];
}

export interface IncidentFeedback {
  root_cause: string;
  action_id?: string;
  action_succeeded?: boolean;
  resolution?: string;
}

export interface IncidentStats {
  open_by_severity: Record<string, number>;
  open_by_root_cause: Record<string, number>;
  per_day: { day: string; opened: number; resolved: number }[];
  analysis_latency_ms: { at: string; ms: number }[];
}

export interface IncidentFilters {
  status?: IncidentStatus | '';
  service?: string;
  root_cause?: string;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}
