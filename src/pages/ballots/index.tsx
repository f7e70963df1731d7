import { View } from '@tarojs/components';
import { Empty } from '../../components/Empty';

// Ballots (民生实事项目票决) land later; until then an honest empty state.
export default function Ballots() {
  return (
    <View className="lxq-page">
      <Empty title="暂无进行中的票决" description="民生实事项目票决开始后，会在这里显示。" />
    </View>
  );
}
