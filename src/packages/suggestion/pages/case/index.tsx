import { Text, View } from '@tarojs/components';
import { AsyncView } from '../../../../components/AsyncView';
import { Empty } from '../../../../components/Empty';
import { Page } from '../../../../components/Page';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { SupportButton } from '../../components/SupportButton';
import { FN, type PublicCase } from '../../labels';
import '../../../../styles/sheet.css';
import '../../suggestion.css';

function Case({ id }: { id: string }) {
  const c = useCloud<PublicCase>(FN, { action: 'publicCase', appealId: id });
  return (
    <AsyncView data={c.data} error={c.error} loading={c.loading} onRetry={c.reload}>
      {(k) => (
        <View className="lxq-sheet__head" data-testid="case">
          <Text className="lxq-badge">{k.statusLabel}</Text>
          <Text className="lxq-sheet__meta">{`${k.communityName} · ${k.categoryName}`}</Text>
          <Text className="lxq-suggestion__text">{k.summary}</Text>
          {k.reply ? <Text className="lxq-sheet__outcome">{`答复：${k.reply}`}</Text> : null}
          <SupportButton item={k} />
        </View>
      )}
    </AsyncView>
  );
}

/** A neighbour's public case: what it is about, where it stands, and 我也遇到 instead of filing again. */
export default function CasePage() {
  const id = usePageParam('id');
  return <Page>{id ? <Case id={id} /> : <Empty title="没有找到这件诉求" description="请从诉求表单或消息进入。" />}</Page>;
}
