import { View } from '@tarojs/components';

export function ProgressBar({ percent }: { percent: number }) {
  const p = Math.max(0, Math.min(100, percent || 0));
  return (
    <View className="lxq-b__progress">
      <View className="lxq-b__progress-fill" style={{ width: `${p}%` }} />
    </View>
  );
}
