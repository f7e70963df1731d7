import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.css';

export interface FieldProps {
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A form block: label, control, optional hint and the (server-worded) error under it. */
export function Field({ label, required = false, hint, error, extra, children, testId }: FieldProps) {
  return (
    <View className="lxq-field" data-testid={testId}>
      <View className="lxq-field__head">
        <Text className="lxq-field__label">
          {label}
          {required ? <Text className="lxq-field__required"> *</Text> : null}
        </Text>
        {extra}
      </View>
      {children}
      {hint ? <Text className="lxq-field__hint">{hint}</Text> : null}
      {error ? (
        <Text className="lxq-field__error" data-testid="field-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
