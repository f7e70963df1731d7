import { Button, Text, View } from '@tarojs/components';
import './index.css';

interface Props {
  message: string;
  onRetry?: () => void;
  /** Inline banner above existing content instead of a full block. */
  compact?: boolean;
}

export function ErrorRetry({ message, onRetry, compact = false }: Props) {
  return (
    <View className={compact ? 'lxq-error lxq-error--compact' : 'lxq-error'} data-testid="error">
      <Text className="lxq-error__text">{message}</Text>
      {onRetry ? (
        <Button className="lxq-btn lxq-btn--ghost lxq-error__btn" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
