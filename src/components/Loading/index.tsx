import { Text, View } from '@tarojs/components';
import './index.css';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="lxq-loading" data-testid="loading">
      <View className="lxq-loading__spinner" />
      <Text className="lxq-loading__text">{text}</Text>
    </View>
  );
}
