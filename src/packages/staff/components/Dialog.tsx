import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';

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
          <Button className="lxq-btn lxq-btn--ghost" disabled={busy || undefined} onClick={onCancel} data-testid={`${testId}-cancel`}>
            取消
          </Button>
          <Button className={danger ? 'lxq-btn lxq-btn--danger' : 'lxq-btn lxq-btn--primary'} disabled={busy || undefined} loading={busy} onClick={onConfirm} data-testid={`${testId}-confirm`}>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
