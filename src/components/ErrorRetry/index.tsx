import { Text, View } from '@tarojs/components';
import { goBack, goHome } from '../../utils/nav';
import { Btn } from '../Btn';
import './index.css';

interface Props {
  message: string;
  /** NOT_FOUND / PERMISSION_DENIED: retrying will not help; offer the way back and home instead. */
  code?: string;
  onRetry?: () => void;
  /** Inline banner above existing content instead of a full block. */
  compact?: boolean;
}

const DEAD_ENDS = ['NOT_FOUND', 'PERMISSION_DENIED', 'INVALID_ARGUMENT'];

export function ErrorRetry({ message, code, onRetry, compact = false }: Props) {
  const deadEnd = !!code && DEAD_ENDS.includes(code);
  return (
    <View className={compact ? 'lxq-error lxq-error--compact' : 'lxq-error'} data-testid="error">
      <Text className="lxq-error__text">{message}</Text>
      {deadEnd && !compact ? (
        <>
          <Text className="lxq-error__hint">链接可能已失效，或这条内容已不对您开放。</Text>
          <View className="lxq-error__ways">
            <Btn tone="ghost" className="lxq-error__btn" onClick={goBack} testId="error-back">
              返回上一页
            </Btn>
            <Btn tone="primary" className="lxq-error__btn" onClick={goHome} testId="error-home">
              回到首页
            </Btn>
          </View>
        </>
      ) : onRetry ? (
        <Btn tone="ghost" className="lxq-error__btn" onClick={onRetry} testId="error-retry">
          重试
        </Btn>
      ) : null}
    </View>
  );
}
