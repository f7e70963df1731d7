import { Text, View } from '@tarojs/components';
import './index.css';

export interface ChipOption<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  options: ChipOption<V>[];
  value: V | '' | undefined;
  onChange: (value: V) => void;
  disabled?: boolean;
}

/** Single choice as big tappable chips (easier than a wheel picker for short lists). */
export function Chips<V extends string>({ options, value, onChange, disabled = false }: Props<V>) {
  return (
    <View className="lxq-chips">
      {options.map((o) => (
        <Text
          key={o.value}
          className={o.value === value ? 'lxq-chip lxq-chip--on' : 'lxq-chip'}
          onClick={() => !disabled && onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  );
}
