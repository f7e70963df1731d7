import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '../Btn';

interface Props {
  title: string;
  description?: string;
  children?: ReactNode;
  confirmText?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/** A small modal with our own content (Taro.showModal cannot hold a text area on every platform). */
export function Dialog({ title, description, children, confirmText = '确定', danger = false, busy = false, onConfirm, onCancel, testId = 'dialog' }: Props) {
  return (
    <View className="lxq-mask" catchMove onClick={() => !busy && onCancel()}>
      <View className="lxq-dialog" data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <Text className="lxq-dialog__title">{title}</Text>
        {description ? <Text className="lxq-dialog__desc">{description}</Text> : null}
        {children ? <View className="lxq-dialog__body">{children}</View> : null}
        <View className="lxq-actions lxq-dialog__actions">
          <Btn tone="ghost" disabled={busy} onClick={onCancel} testId={`${testId}-cancel`}>
            取消
          </Btn>
          <Btn tone={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm} testId={`${testId}-confirm`}>
            {confirmText}
          </Btn>
        </View>
      </View>
    </View>
  );
}
