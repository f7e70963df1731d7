import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.css';

interface Props {
  title: string;
  description?: string;
  children?: ReactNode;
}

export function Empty({ title, description, children }: Props) {
  return (
    <View className="lxq-empty" data-testid="empty">
      <View className="lxq-empty__mark" />
      <Text className="lxq-empty__title">{title}</Text>
      {description ? <Text className="lxq-empty__desc">{description}</Text> : null}
      {children}
    </View>
  );
}
