// The submitted log with anomalous lines highlighted; each one's reasons show on hover and on
// keyboard focus (the reasons are also in the line's accessible description).
import { useMemo } from 'react';
import type { Anomaly } from '../api/types';

const MAX_SHOWN = 2000;

export function LogView({ lines, anomalies }: { lines: string[]; anomalies: Anomaly[] }) {
  const byLine = useMemo(() => new Map(anomalies.map((a) => [a.line_index, a])), [anomalies]);
  const shown = lines.slice(0, MAX_SHOWN);
  return (
    <div className="logview" role="list" aria-label="Submitted log lines">
      {shown.map((text, index) => {
        const anomaly = byLine.get(index);
        if (!anomaly)
          return (
            <div key={index} className="logline" role="listitem">
              <span className="lineno" aria-hidden="true">{index + 1}</span>
              <code>{text}</code>
            </div>
          );
        const reasons = anomaly.reasons.length ? anomaly.reasons.join('; ') : 'unusual for this service';
        return (
          <div
            key={index}
            className={`logline anomalous sev-${anomaly.severity.toLowerCase()}`}
            role="listitem"
            tabIndex={0}
            title={`Anomalous (score ${anomaly.score.toFixed(2)}): ${reasons}`}
            aria-label={`Line ${index + 1}, anomalous, ${anomaly.severity}: ${reasons}`}
            data-testid="anomalous-line"
          >
            <span className="lineno" aria-hidden="true">{index + 1}</span>
            <code>{text}</code>
            <span className="reasons" role="tooltip">
              <strong>{anomaly.severity}</strong> · score {anomaly.score.toFixed(2)}
              <ul>
                {(anomaly.reasons.length ? anomaly.reasons : ['unusual for this service']).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              {anomaly.template && <span className="template">template: {anomaly.template}</span>}
            </span>
          </div>
        );
      })}
      {lines.length > MAX_SHOWN && (
        <p className="state state-empty">Showing the first {MAX_SHOWN} of {lines.length} lines.</p>
      )}
    </div>
  );
}
