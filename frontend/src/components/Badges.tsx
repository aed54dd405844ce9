import type { ReactNode } from 'react';

const RISK_LABEL: Record<string, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' };

export function RiskBadge({ tier }: { tier: string }) {
  const known = tier in RISK_LABEL ? tier : 'unknown';
  return <span className={`badge risk-${known}`}>{RISK_LABEL[tier] ?? `Risk: ${tier || 'unknown'}`}</span>;
}

export function Badge({ tone = 'neutral', children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}

export function severityTone(severity: string): string {
  const s = severity.toLowerCase();
  if (s === 'critical' || s === 'high' || s === 'error') return 'bad';
  if (s === 'warning' || s === 'medium') return 'warn';
  return 'neutral';
}

export function StatusDot({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span className={`status-dot ${ok ? 'ok' : 'bad'}`}>
      <span aria-hidden="true">{ok ? '●' : '▲'}</span> {label}
    </span>
  );
}
