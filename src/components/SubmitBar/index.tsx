import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '../Btn';

interface Props {
  /** The form-level error (the server's words, or a local check's), shown above the button. */
  error: string | null;
  /** The error's classes: each subpackage styles it its own way. */
  errorClass: string;
  errorTestId?: string;
  sending: boolean;
  onSubmit: () => void;
  testId: string;
  children: ReactNode;
}

/** The end of a form: its error, then one full-width primary button (loading while sending). */
export function SubmitBar({ error, errorClass, errorTestId, sending, onSubmit, testId, children }: Props) {
  return (
    <>
      {error ? (
        <Text className={errorClass} data-testid={errorTestId}>
          {error}
        </Text>
      ) : null}
      <View className="lxq-actions">
        <Btn tone="primary" disabled={sending} busy={sending} onClick={onSubmit} testId={testId}>
          {children}
        </Btn>
      </View>
    </>
  );
}
