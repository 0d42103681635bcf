/** `<option>`s for a filter select: an "all" choice, then one per label (kinds, statuses). */
export function LabelOptions({ all, labels }: { all: string; labels: Record<string, string> }) {
  return (
    <>
      <option value="">{all}</option>
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
