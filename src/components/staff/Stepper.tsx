import { Text, View } from '@tarojs/components';

interface Props {
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
  testId: string;
}

/** − value +: a whole number within [min, max] (big tap targets, no keyboard). */
export function Stepper({ value, min, max, disabled = false, onChange, testId }: Props) {
  const down = !disabled && value > min;
  const up = !disabled && value < max;
  return (
    <View className="lxq-stepper" data-testid={testId}>
      <Text className={down ? 'lxq-stepper__btn' : 'lxq-stepper__btn lxq-stepper__btn--off'} onClick={() => down && onChange(value - 1)} data-testid={`${testId}-minus`}>
        −
      </Text>
      <Text className="lxq-stepper__value" data-testid={`${testId}-value`}>
        {value}
      </Text>
      <Text className={up ? 'lxq-stepper__btn' : 'lxq-stepper__btn lxq-stepper__btn--off'} onClick={() => up && onChange(value + 1)} data-testid={`${testId}-plus`}>
        +
      </Text>
    </View>
  );
}
