import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { Empty } from '../../components/Empty';

// The appeal feature lands later; until then an honest empty state.
export default function Appeals() {
  return (
    <View className="lxq-page">
      <Empty
        title="还没有提交过诉求"
        description="在线提交诉求的功能正在建设中，有急事可以先到就近的代表联络站当面反映。"
      >
        <Button className="lxq-btn lxq-btn--ghost lxq-empty__action" onClick={() => Taro.switchTab({ url: '/pages/index/index' })}>
          查看代表联络站
        </Button>
      </Empty>
    </View>
  );
}
