import { Text, View } from '@tarojs/components';
import './index.css';

interface Props {
  hasMore: boolean;
  loading: boolean;
  error: { message: string } | null;
  onMore: () => void;
}

/** Bottom of a paged list: a tappable "load more" (onReachBottom calls the same), or the end. */
export function LoadMore({ hasMore, loading, error, onMore }: Props) {
  if (loading) return <Text className="lxq-more">加载中…</Text>;
  if (error)
    return (
      <Text className="lxq-more lxq-more--tap" onClick={onMore} data-testid="load-more">
        {error.message}，点此重试
      </Text>
    );
  if (hasMore)
    return (
      <Text className="lxq-more lxq-more--tap" onClick={onMore} data-testid="load-more">
        加载更多
      </Text>
    );
  return (
    <View className="lxq-more">
      <Text>已经到底了</Text>
    </View>
  );
}
