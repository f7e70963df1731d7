import { Text, View } from '@tarojs/components';
import type { DeadlineSummary } from '../../../contracts/appeal';
import { deadlineWords, type Audience } from '../../../domain/appeals/deadlineWords';
import { now } from '../../services/clock';
import './index.css';

interface Props {
  deadline: DeadlineSummary | undefined;
  audience: Audience;
  /** One line in a list row; the detail page shows it as a block. */
  compact?: boolean;
}

/** 请于12月3日前受理 · 还剩 1 个工作日 — in words first; the tone only repeats what the words say. */
export function Deadline({ deadline, audience, compact = false }: Props) {
  if (!deadline) return null;
  const w = deadlineWords(deadline, audience, now());
  return (
    <View className={`lxq-deadline lxq-deadline--${w.tone}${compact ? ' lxq-deadline--compact' : ''}`} data-testid="deadline" data-tone={w.tone}>
      <Text className="lxq-deadline__text">{w.text}</Text>
      <Text className="lxq-deadline__left">{w.left}</Text>
    </View>
  );
}
