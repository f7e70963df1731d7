import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useA11y } from '../../hooks/useA11y';

interface Props {
  className?: string;
  testId?: string;
  children?: ReactNode;
}

/** Every page's root: the page background and the 适老化 mode (长辈模式, 高对比度, the system font size). */
export function Page({ className, testId, children }: Props) {
  const a = useA11y();
  const cls = ['lxq-page', ...a.classes, className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={cls} style={a.style || undefined} data-testid={testId}>
      {children}
    </View>
  );
}
