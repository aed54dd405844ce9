export function ConfidenceBar({ value, label = 'Confidence' }: { value: number; label?: string }) {
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  const tone = percent >= 70 ? 'high' : percent >= 40 ? 'medium' : 'low';
  return (
    <div className="confidence">
      <div
        className="confidence-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className={`confidence-fill ${tone}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="confidence-value">{percent}%</span>
    </div>
  );
}
