import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SubscriptionCredit } from '../../../contracts/inbox';
import { useCloud } from '../../hooks/useCloud';
import { subscribeSimulated } from '../../services/subscribe';
import { subscribeTo } from '../../services/subscriptions';
import type { TemplateKey } from '../../services/templates';
import { toast } from '../../utils/confirm';
import { Card } from '../Card';
import { Btn } from '../Btn';
import './index.css';

interface Props {
  keys: TemplateKey[];
}

/**
 * WeChat reminders are one-time: each "allow" is one future message. Shows what is left per template
 * and asks for more. weapp: the consent dialog; local h5: recorded directly (本地模拟).
 */
export function SubscribeCard({ keys }: Props) {
  const credits = useCloud<SubscriptionCredit[]>('user', { action: 'subscriptions' });
  const [busy, setBusy] = useState(false);
  const lock = useRef(false);
  const rows = (credits.data ?? []).filter((c) => (keys as string[]).includes(c.templateKey));

  const subscribe = async () => {
    if (lock.current) return;
    lock.current = true;
    setBusy(true);
    const outcome = await subscribeTo(keys, { simulate: subscribeSimulated });
    lock.current = false;
    setBusy(false);
    if (outcome.error) toast(outcome.error);
    else if (outcome.accepted.length === 0) toast('您没有同意接收提醒');
    else toast(`已开启 ${outcome.accepted.length} 项提醒`, true);
    await credits.reload();
  };

  return (
    <Card title="微信提醒">
      {credits.error && !credits.data ? (
        <Text className="lxq-subscribe__line">{credits.error.message}</Text>
      ) : (
        rows.map((c) => (
          <Text key={c.templateKey} className="lxq-subscribe__line" data-testid="credits">
            {c.title}：还可接收 {c.credits} 条提醒
          </Text>
        ))
      )}
      <Text className="lxq-subscribe__tip">微信规定：每同意一次，只能收到一条提醒。点一下「订阅提醒」，有新进展时就能在微信里收到通知。</Text>
      <View className="lxq-subscribe__action">
        <Btn tone="ghost" size="small" disabled={busy} busy={busy} onClick={subscribe} testId="subscribe">
          {subscribeSimulated ? '订阅提醒（本地模拟）' : '订阅提醒'}
        </Btn>
      </View>
    </Card>
  );
}
