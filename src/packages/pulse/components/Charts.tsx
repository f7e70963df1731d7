/**
 * 晴雨表 charts drawn with plain views (no canvas): they render the same in the mini-program, on h5 and in
 * the simulator, cost a few KB in this subpackage only, and read out as text for screen readers.
 */
import { Text, View } from '@tarojs/components';
import './charts.css';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  note?: string;
}

const pct = (v: number, max: number) => (max > 0 ? Math.max(v > 0 ? 2 : 0, Math.round((v / max) * 100)) : 0);

/** Horizontal bars, one per row, scaled to the largest value. */
export function HBars({ data, unit = '件', testId }: { data: BarDatum[]; unit?: string; testId?: string }) {
  const max = Math.max(0, ...data.map((d) => d.value));
  return (
    <View className="lxq-chart" data-testid={testId} aria-label={data.map((d) => `${d.label}${d.value}${unit}`).join('，')}>
      {data.map((d) => (
        <View key={d.key} className="lxq-chart__row" data-testid="chart-bar">
          <View className="lxq-chart__head">
            <Text className="lxq-chart__label">{d.label}</Text>
            <Text className="lxq-chart__value">
              {d.value} {unit}
              {d.note ? ` · ${d.note}` : ''}
            </Text>
          </View>
          <View className="lxq-chart__track">
            <View className="lxq-chart__fill" style={{ width: `${pct(d.value, max)}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}

export interface StackPart {
  key: string;
  label: string;
  value: number;
  tone: 'primary' | 'accent' | 'muted';
}

/** One bar split into parts (the resolution mix), with a legend carrying the counts. */
export function StackBar({ parts, testId }: { parts: StackPart[]; testId?: string }) {
  const total = parts.reduce((s, p) => s + p.value, 0);
  return (
    <View className="lxq-chart" data-testid={testId}>
      <View className="lxq-chart__track lxq-chart__track--tall">
        {parts.map((p) => (total > 0 && p.value > 0 ? <View key={p.key} className={`lxq-chart__part lxq-chart__part--${p.tone}`} style={{ width: `${(p.value / total) * 100}%` }} /> : null))}
      </View>
      <View className="lxq-chart__legend">
        {parts.map((p) => (
          <View key={p.key} className="lxq-chart__legend-item" data-testid="chart-part">
            <View className={`lxq-chart__dot lxq-chart__part--${p.tone}`} />
            <Text>
              {p.label} {p.value} 件{total > 0 ? `（${Math.round((p.value / total) * 1000) / 10}%）` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export interface ColumnDatum {
  key: string;
  label: string;
  a: number;
  b: number;
}

/** Paired columns per month (收到 and 办结), scaled to the largest. */
export function Columns({ data, legend, testId }: { data: ColumnDatum[]; legend: [string, string]; testId?: string }) {
  const max = Math.max(0, ...data.map((d) => Math.max(d.a, d.b)));
  return (
    <View className="lxq-chart" data-testid={testId}>
      <View className="lxq-chart__legend">
        <View className="lxq-chart__legend-item">
          <View className="lxq-chart__dot lxq-chart__part--primary" />
          <Text>{legend[0]}</Text>
        </View>
        <View className="lxq-chart__legend-item">
          <View className="lxq-chart__dot lxq-chart__part--accent" />
          <Text>{legend[1]}</Text>
        </View>
      </View>
      <View className="lxq-chart__columns">
        {data.map((d) => (
          <View key={d.key} className="lxq-chart__column" data-testid="chart-column">
            <Text className="lxq-chart__column-value">{d.a}/{d.b}</Text>
            <View className="lxq-chart__column-bars">
              <View className="lxq-chart__column-bar lxq-chart__part--primary" style={{ height: `${pct(d.a, max)}%` }} />
              <View className="lxq-chart__column-bar lxq-chart__part--accent" style={{ height: `${pct(d.b, max)}%` }} />
            </View>
            <Text className="lxq-chart__column-label">{d.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
