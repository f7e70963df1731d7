import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn } from '../../../components/Btn';
import { useSubmit } from '../../../hooks/useSubmit';
import { toast } from '../../../utils/confirm';
import { FN, type PublicCase, type SupportResult } from '../labels';

/** 我也遇到: one support per person; the count is the server's. */
export function SupportButton({ item }: { item: PublicCase }) {
  const [state, setState] = useState({ supporters: item.supporters, mine: item.supportedByMe });
  const { send, sending, error } = useSubmit();
  const support = async () => {
    const env = await send<SupportResult>(FN, { action: 'support', appealId: item._id });
    if (env?.ok) {
      setState({ supporters: env.data.supporters, mine: true });
      toast('已附议，办理结果会通知您', true);
    }
  };
  return (
    <View className="lxq-suggestion__buttons">
      <Text className="lxq-sheet__meta" data-testid="supporters">{state.supporters > 0 ? `${state.supporters} 位居民也遇到` : '还没有人附议'}</Text>
      {item.mine ? null : state.mine ? (
        <Text className="lxq-sheet__meta" data-testid="supported">您已附议</Text>
      ) : (
        <Btn tone="primary" size="small" busy={sending} disabled={sending} onClick={support} testId="support">我也遇到</Btn>
      )}
      {error ? <Text className="lxq-suggestion__error">{error}</Text> : null}
    </View>
  );
}
