import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.css';

interface CardProps {
  title?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
  onClick?: () => void;
}

export function Card({ title, extra, children, onClick }: CardProps) {
  return (
    <View className="lxq-surface lxq-card" onClick={onClick} hoverClass={onClick ? 'lxq-pressed' : 'none'}>
      {title || extra ? (
        <View className="lxq-spread lxq-card__head">
          <Text className="lxq-card__title">{title}</Text>
          {extra ? <View className="lxq-card__extra">{extra}</View> : null}
        </View>
      ) : null}
      {children}
    </View>
  );
}

interface CellProps {
  label: string;
  value?: ReactNode;
  arrow?: boolean;
  onClick?: () => void;
}

export function Cell({ label, value, arrow = false, onClick }: CellProps) {
  return (
    <View className="lxq-spread lxq-cell" onClick={onClick} hoverClass={onClick ? 'lxq-cell--hover' : 'none'}>
      <Text className="lxq-cell__label">{label}</Text>
      <View className="lxq-cell__value">
        {typeof value === 'string' ? <Text>{value}</Text> : value}
        {arrow ? <Text className="lxq-cell__arrow">›</Text> : null}
      </View>
    </View>
  );
}
