import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AppealLinks } from '../../../contracts/suggestion';
import { callCloud } from '../../services/cloud';

/** Beside an appeal: the 代表建议 that carries it, how many neighbours also have the problem, what it was merged into. */
export function AppealLinksView({ appealId }: { appealId: string }) {
  const [links, setLinks] = useState<AppealLinks | null>(null);
  useEffect(() => {
    let alive = true;
    // Best effort beside the appeal: nothing shown when it cannot be read.
    Promise.resolve(callCloud<AppealLinks>('suggestion', { action: 'links', appealId }, { retries: 1 }))
      .then((env) => {
        if (alive && env?.ok) setLinks(env.data);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [appealId]);
  if (!links || (!links.suggestion && links.supporters === 0 && !links.mergedInto)) return null;
  const s = links.suggestion;
  return (
    <View className="lxq-surface lxq-card" data-testid="appeal-links">
      {s ? (
        <Text className="lxq-appeal-links__suggestion" onClick={() => Taro.navigateTo({ url: `/packages/suggestion/pages/detail/index?id=${encodeURIComponent(s._id)}` })}>
          {`已纳入代表建议「${s.title}」（${s.statusLabel}，承办：${s.department}）›`}
        </Text>
      ) : null}
      {links.supporters > 0 ? <Text className="lxq-appeal-links__meta">{`另有 ${links.supporters} 位居民也遇到这个问题`}</Text> : null}
      {links.mergedInto ? <Text className="lxq-appeal-links__meta">{`已与诉求 ${links.mergedInto} 合并办理，办理结果会同时通知您`}</Text> : null}
    </View>
  );
}
