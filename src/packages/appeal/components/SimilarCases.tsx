import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PublicCase, SupportResult } from '../../../../contracts/suggestion';
import { Btn } from '../../../components/Btn';
import { callCloud } from '../../../services/cloud';
import { toast } from '../../../utils/confirm';
import { charCount } from '../../../utils/format';

const WAIT_MS = 700;
const MIN_CHARS = 6;

/**
 * 我也遇到 while typing: similar public cases nearby (same community or station area), asked for once the
 * typing pauses; a resident may add their support instead of filing the same problem again.
 */
export function SimilarCases({ communityId, category, content }: { communityId: string; category: string; content: string }) {
  const [cases, setCases] = useState<PublicCase[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    if (!communityId || charCount(content) < MIN_CHARS) {
      setCases([]);
      return undefined;
    }
    let alive = true;
    const t = setTimeout(() => {
      // Best effort: the form works the same when the offer cannot be fetched.
      Promise.resolve(callCloud<PublicCase[]>('suggestion', { action: 'similar', communityId, content, ...(category ? { category } : {}) }, { retries: 0 }))
        .then((env) => {
          if (alive && env?.ok) setCases(env.data);
        })
        .catch(() => undefined);
    }, WAIT_MS);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [communityId, category, content]);

  if (cases.length === 0) return null;
  const support = async (c: PublicCase) => {
    setBusy(c._id);
    const env = await callCloud<SupportResult>('suggestion', { action: 'support', appealId: c._id });
    setBusy(null);
    if (!env.ok) return toast(env.error.message);
    setCases((list) => list.map((x) => (x._id === c._id ? { ...x, supporters: env.data.supporters, supportedByMe: true } : x)));
    toast('已附议，办理结果会通知您', true);
  };
  return (
    <View className="lxq-appeal-new__similar" data-testid="similar-cases">
      <Text className="lxq-appeal-new__similar-head">附近已有居民反映了相似的问题，您可以直接附议，不必重复提交：</Text>
      {cases.map((c) => (
        <View key={c._id} className="lxq-appeal-new__similar-item" data-testid="similar-case">
          <Text className="lxq-appeal-new__similar-text" onClick={() => Taro.navigateTo({ url: `/packages/suggestion/pages/case/index?id=${encodeURIComponent(c._id)}` })}>{`${c.summary}（${c.statusLabel}${c.supporters > 0 ? `，${c.supporters} 人也遇到` : ''}）`}</Text>
          {c.supportedByMe ? (
            <Text className="lxq-appeal-new__similar-done">已附议</Text>
          ) : (
            <Btn tone="ghost" size="small" busy={busy === c._id} disabled={!!busy} onClick={() => support(c)} testId="me-too">我也遇到</Btn>
          )}
        </View>
      ))}
    </View>
  );
}
