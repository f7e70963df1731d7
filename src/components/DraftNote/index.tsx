import { Text, View } from '@tarojs/components';
import './index.css';

/** "已恢复您上次没提交的内容" with a way to start over, above a form whose draft came back. */
export function DraftNote({ onDiscard, testId = 'draft-restored' }: { onDiscard: () => void; testId?: string }) {
  return (
    <View className="lxq-draft-note" data-testid={testId}>
      <Text>已恢复您上次没提交的内容。</Text>
      <Text className="lxq-draft-note__link" onClick={onDiscard}>
        清空重填
      </Text>
    </View>
  );
}
