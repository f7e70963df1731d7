import type { ReactNode } from 'react';
import { Button } from '@tarojs/components';

export type BtnTone = 'primary' | 'ghost' | 'danger' | 'plain';

export interface BtnProps {
  tone?: BtnTone;
  /** small: 36 px tall rows of actions; block: the full width. */
  size?: 'normal' | 'small';
  block?: boolean;
  /** A call is under way: the button is disabled and says so (a spinner drawn by CSS, `busyText` as its label). */
  busy?: boolean;
  busyText?: string;
  disabled?: boolean;
  className?: string;
  onClick?: () => void;
  /** weapp only: getPhoneNumber and similar open abilities. */
  openType?: 'getPhoneNumber';
  onGetPhoneNumber?: (e: { detail: unknown }) => void;
  testId?: string;
  children: ReactNode;
}

/**
 * The one button of the app. It never passes Taro's `loading` prop: on h5 that makes the component insert
 * its spinner into the button's own children while React updates the label, and React then fails with
 * "NotFoundError: Failed to execute 'insertBefore' on 'Node'". The busy state is a class (spinner in CSS)
 * and a label; the children React owns never change shape.
 */
export function Btn({ tone = 'ghost', size = 'normal', block = false, busy = false, busyText, disabled = false, className, onClick, openType, onGetPhoneNumber, testId, children }: BtnProps) {
  const cls = ['lxq-btn', `lxq-btn--${tone}`, size === 'small' ? 'lxq-btn--small' : '', block ? 'lxq-btn--block' : '', busy ? 'lxq-btn--busy' : '', className ?? ''].filter(Boolean).join(' ');
  const off = busy || disabled;
  return (
    <Button
      className={cls}
      disabled={off || undefined}
      aria-busy={busy || undefined}
      onClick={() => !off && onClick?.()}
      {...(openType ? { openType } : {})}
      {...(onGetPhoneNumber ? { onGetPhoneNumber } : {})}
      data-testid={testId}
    >
      {busy && busyText ? busyText : children}
    </Button>
  );
}
