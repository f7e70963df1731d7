import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './index.css';

interface Props {
  /** The last entry has no rail below its dot. */
  last: boolean;
  /** A grey dot (past milestones) instead of the green one. */
  muted?: boolean;
  children: ReactNode;
}

/** One entry of a vertical timeline: a dot on a rail, the content beside it. */
export function TimelineItem({ last, muted = false, children }: Props) {
  return (
    <View className={last ? 'lxq-timeline-entry lxq-timeline-entry--last' : 'lxq-timeline-entry'}>
      <View className={muted ? 'lxq-timeline-entry__dot lxq-timeline-entry__dot--muted' : 'lxq-timeline-entry__dot'} />
      <View className="lxq-timeline-entry__body">{children}</View>
    </View>
  );
}
