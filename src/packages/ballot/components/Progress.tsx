import { View } from '@tarojs/components';

export function ProgressBar({ percent }: { percent: number }) {
  const p = Math.max(0, Math.min(100, percent || 0));
  return (
    <View className="lxq-ballot-page__progress">
      <View className="lxq-ballot-page__progress-fill" style={{ width: `${p}%` }} />
    </View>
  );
}
