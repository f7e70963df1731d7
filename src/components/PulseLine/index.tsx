import { Text } from '@tarojs/components';
import { useCloud } from '../../hooks/useCloud';
import './index.css';

/**
 * The public summary line, "本月办结 N 件，满意率 x%", from the nightly figures: the street's on the home page,
 * one station's where a station page passes its id. Quiet when it cannot load (it is a footnote, not content).
 */
export function PulseLine({ stationId }: { stationId?: string }) {
  const summary = useCloud('directory', stationId ? { action: 'publicSummary', stationId } : { action: 'publicSummary' });
  if (!summary.data) return null;
  return (
    <Text className="lxq-pulse-line" data-testid="pulse-line">
      {summary.data.line}
    </Text>
  );
}
