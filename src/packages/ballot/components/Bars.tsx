import { Text, View } from '@tarojs/components';
import './Bars.css';

export interface BarRow {
  key: string;
  label: string;
  /** Stacked segments, drawn left to right; widths relative to `max`. */
  parts: { value: number; tone: 'online' | 'paper' | 'deputy' | 'resident' | 'plain' }[];
  /** Text at the end of the bar (e.g. 12 票). */
  value: string;
  /** Line under the bar (e.g. 线上 10 · 纸质 2). */
  note?: string;
}

const pct = (v: number, max: number) => (max > 0 ? `${Math.min(100, Math.max(0, (v / max) * 100)).toFixed(1)}%` : '0%');

/** Horizontal bars drawn with plain Views and percentage widths (no chart library). */
export function Bars({ rows, max, testId = 'bar' }: { rows: BarRow[]; max: number; testId?: string }) {
  return (
    <View className="lxq-bars">
      {rows.map((r) => (
        <View key={r.key} className="lxq-bars__row" data-testid={testId} data-key={r.key}>
          <View className="lxq-bars__head">
            <Text className="lxq-bars__label">{r.label}</Text>
            <Text className="lxq-bars__value" data-testid={`${testId}-value`}>
              {r.value}
            </Text>
          </View>
          <View className="lxq-bars__track">
            {r.parts.map((p, i) =>
              p.value > 0 ? <View key={i} className={`lxq-bars__segment lxq-bars__segment--${p.tone}`} style={{ width: pct(p.value, max) }} data-tone={p.tone} /> : null,
            )}
          </View>
          {r.note ? <Text className="lxq-bars__note">{r.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export function Legend({ items }: { items: { tone: BarRow['parts'][number]['tone']; label: string }[] }) {
  return (
    <View className="lxq-legend">
      {items.map((i) => (
        <View key={i.tone} className="lxq-legend__item">
          <View className={`lxq-legend__dot lxq-bars__segment--${i.tone}`} />
          <Text>{i.label}</Text>
        </View>
      ))}
    </View>
  );
}
